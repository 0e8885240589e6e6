"""Lesson 09, People, places and names: the starter gazetteer and the try-its.

The tagger, the scoring sets and the co-occurrence counts the notebook uses are in
:mod:`kjpacts.nlp.names`; the network drawing is :func:`kjpacts.teaching.plots.draw_network`.
"""

from __future__ import annotations

from kjpacts.nlp.names import (
    ENTITY_TYPES,
    cooccurrences,
    gold_mentions,
    only_type,
    tag_corpus,
)
from kjpacts.teaching.checks import Feedback, TryIt, describe, number, one_of
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.judging import JudgeItem, in_context

#: The gazetteer the lesson starts from: a handful of names typed by hand.
STARTER_GAZETTEER = {
    "South Korea": "country",
    "Japan": "country",
    "North Korea": "country",
    "Seoul": "place",
    "Tokyo": "place",
    "Kim Kwan-jin": "person",
    "Lee Myung-bak": "person",
    "Toshimi Kitazawa": "person",
}



# -- judge first: the city, or the government? --------------------------------------

#: Capital mentions the student judges before seeing the mentions layer: (doc_id, start offset).
JUDGE_MENTIONS = [("yonhap-2012-06-27", 62), ("koreaherald-2012-05-13", 1593), ("wapo-2011-01-11", 182),
                  ("yonhap-2012-06-27", 173), ("wapo-2011-01-11", 2650), ("ahram-2011-01-10", 2455),
                  ("wapo-2011-01-11", 345)]
JUDGE_LABELS = ("the city", "the government")


def judge_items(corpus=None) -> list:
    """One item per mention of :data:`JUDGE_MENTIONS`. Gold: 'the government' when the mentions layer
    marks capital-for-government metonymy, else 'the city'."""

    corpus = corpus if corpus is not None else _corpus()
    items = []
    for n, (doc_id, start) in enumerate(JUDGE_MENTIONS, 1):
        m = next(x for x in corpus.annotations.mentions[doc_id] if x.start == start)
        gold = "the government" if m.metonymy == "capital-for-government" else "the city"
        why = (f"metonymy {m.metonymy}: stands for {m.refers_to}" if m.metonymy else
               "No metonymy: the place itself (entity " + m.entity_id + ")")
        items.append(JudgeItem(str(n), in_context(corpus[doc_id].text, m.start, m.end, 80), gold, why,
                               f"{doc_id} ({corpus[doc_id].outlet})"))
    return items


SETUP = """
import kjpacts
import pandas as pd
from nltk.metrics import precision, recall, f_measure
from kjpacts.nlp.names import cooccurrences, tag_corpus, gold_mentions, only_type, compare
from kjpacts.teaching.lessons.l09 import STARTER_GAZETTEER
corpus = kjpacts.load()
ann = corpus.annotations
mentions = corpus.frame("mentions")
my_gazetteer = dict(STARTER_GAZETTEER)
pairs = cooccurrences(corpus)
"""


def _count_of(entity_id: str) -> int:
    return sum(1 for ms in _corpus().annotations.mentions.values() for m in ms if m.entity_id == entity_id)


def _spellings(entity_id: str) -> int:
    return len({m.text for ms in _corpus().annotations.mentions.values() for m in ms if m.entity_id == entity_id})


def _check_lee(answer) -> Feedback:
    exact = sum(d.text.count("Lee Myung-bak") for d in _corpus())
    expected = _count_of("lee-myung-bak")
    return number(answer, expected, "Count the rows of the mentions table whose entity_id is 'lee-myung-bak'.",
                  f"Yes: {expected} mentions, under {_spellings('lee-myung-bak')} different spellings.",
                  wrong={exact: "That is how often the exact string 'Lee Myung-bak' occurs. The registry also links "
                                "other spellings and short forms to the same person: count the mentions whose "
                                "entity_id is 'lee-myung-bak'."} if exact != expected else None)


def _seoul_for_government() -> int:
    return sum(1 for ms in _corpus().annotations.mentions.values() for m in ms
               if m.entity_id == "seoul" and m.metonymy == "capital-for-government")


def _all_capitals_for_government() -> int:
    return sum(1 for ms in _corpus().annotations.mentions.values() for m in ms if m.metonymy == "capital-for-government")


def _check_seoul(answer) -> Feedback:
    expected = _seoul_for_government()
    return number(answer, expected,
                  "Keep the mentions whose entity_id is 'seoul' and whose metonymy is 'capital-for-government', "
                  "and count them.",
                  f"Yes: {expected} times 'Seoul' stands for the South Korean government.",
                  wrong={_count_of("seoul"): "That counts every mention of Seoul, including the city itself "
                                             "(datelines, 'south of Seoul'). Keep only the rows whose metonymy is "
                                             "'capital-for-government'.",
                         _all_capitals_for_government(): "That counts every capital standing for a government "
                                                         "(Tokyo too). Keep only Seoul's rows."})


PERSON_TARGET = 0.8


def _check_gazetteer(answer) -> Feedback:
    from nltk.metrics import precision, recall

    if not isinstance(answer, dict):
        return Feedback(False, f"Give a dict, like {{\"Kim Kwan-jin\": \"person\", \"Seoul\": \"place\"}}; "
                               f"you gave {describe(answer)}.")
    bad = [v for v in answer.values() if v not in ENTITY_TYPES]
    if bad or not all(isinstance(k, str) for k in answer):
        return Feedback(False, f"Every key must be a name (a string) and every value one of {', '.join(ENTITY_TYPES)}"
                               f"{' (not ' + repr(bad[0]) + ')' if bad else ''}.")
    corpus = _corpus()
    gold = gold_mentions(corpus, ["person"])
    found = only_type(tag_corpus(corpus, answer), "person")
    r = recall(gold, found)
    p = precision(gold, found) if found else 0.0
    if r >= PERSON_TARGET and p >= PERSON_TARGET:
        return Feedback(True, f"Person precision {p:.2f}, recall {r:.2f}. Your tagger finds most people.")
    return Feedback(False, f"Person precision {p:.2f}, recall {r:.2f}; both must reach {PERSON_TARGET}. "
                           "Look at the 'missed' rows of compare(...) for person: which spellings and short "
                           "forms (surnames alone) are missing?")


def _top_partner(entity_id: str = "japan") -> tuple[str, int]:
    pairs = cooccurrences(_corpus())
    partners = {(b if a == entity_id else a): k for (a, b), k in pairs.items() if entity_id in (a, b)}
    best = max(partners.values())
    return sorted(e for e, k in partners.items() if k == best)[0], best


def _check_partner(answer) -> Feedback:
    best, k = _top_partner()
    if isinstance(answer, tuple) and best in answer:
        return Feedback(False, "That is the whole pair; give only the entity that is not 'japan', as a string.")
    if isinstance(answer, str) and answer.strip() == "japan":
        return Feedback(False, "An entity does not count as its own partner: find the pair that contains "
                               "'japan' and the other entity with the largest count.")
    if isinstance(answer, str) and " " in answer.strip():
        return Feedback(False, "Give the entity id (lower case with hyphens, like 'north-korea'), not the name.")
    return one_of(answer, [best], "Look at pairs.most_common(): the first pair that contains 'japan'. "
                                  "Answer with the other entity's id, as a string.",
                  f"Yes: {best}, in {k} sentences.")


_PEOPLE = ("Kim Kwan-Jin", "Lee Myung-Bak", "Kim", "Lee", "Kitazawa", "Naoto Kan", "Kan", "Yoshihiko Noda",
           "Robert M. Gates", "Mike Mullen", "Yun Duk-min", "Kim Jong-il", "Kim Eul-dong", "Song Sang-ho", "Choi He-suk")

TRYITS = [
    TryIt(
        id="09.1",
        skill="count an entity's mentions across spellings",
        prompt="How many mentions of Lee Myung-bak does the corpus have, whatever the spelling? "
               "(Use the mentions table, not a text search.)",
        check=_check_lee,
        answer='answer = (mentions["entity_id"] == "lee-myung-bak").sum()',
        wrongs=(('answer = sum(d.text.count("Lee Myung-bak") for d in corpus)', "exact string"),
                ('answer = mentions[mentions["entity_id"] == "lee-myung-bak"]', "len(...)"),
                ('answer = mentions["entity_id"] == "lee-myung-bak"', ".sum()"),
                ('answer = str(len(mentions[mentions["entity_id"] == "lee-myung-bak"]))', "it is text")),
        explanation="Searching for the string 'Lee Myung-bak' misses 'Lee Myung-Bak' (AFP on Ahram) and "
                    "the short form 'Lee'. The registry links all three spellings to one entity id.",
    ),
    TryIt(
        id="09.2",
        skill="filter mentions on two conditions",
        prompt="How many times does 'Seoul' stand for the South Korean government "
               "(metonymy 'capital-for-government')?",
        check=_check_seoul,
        answer='is_seoul = mentions["entity_id"] == "seoul"\n'
               'for_government = mentions["metonymy"] == "capital-for-government"\n'
               'answer = (is_seoul & for_government).sum()',
        wrongs=(('answer = (mentions["entity_id"] == "seoul").sum()', "every mention of Seoul"),
                ('answer = (mentions["metonymy"] == "capital-for-government").sum()', "Tokyo too"),
                ('def answer():\n    return ((mentions["entity_id"] == "seoul") and '
                 '(mentions["metonymy"] == "capital-for-government")).sum()', "& instead of and")),
        explanation="Most uses of 'Seoul' in these pages stand for the government; only datelines and "
                    "phrases like 'south of Seoul' name the city.",
    ),
    TryIt(
        id="09.3",
        skill="improve a gazetteer tagger against gold mentions",
        prompt=f"Extend the starter gazetteer so that its precision and recall on person mentions "
               f"both reach {PERSON_TARGET}.",
        check=_check_gazetteer,
        answer="answer = dict(STARTER_GAZETTEER)\nanswer.update({name: \"person\" for name in " + repr(_PEOPLE) + "})",
        wrongs=(("answer = dict(STARTER_GAZETTEER)", "both must reach"),
                ('answer = {"Kim": "human"}', "every value one of"),
                ('answer = list(STARTER_GAZETTEER)', "Give a dict")),
        explanation="The starter list has each person once, under one spelling. Recall rises when you add the "
                    "other spellings and the surnames used alone ('Kim', 'Lee', 'Kan', 'Kitazawa'); a surname "
                    "alone is ambiguous between people ('Kim'), but both are persons, so the type is still right.",
    ),
    TryIt(
        id="09.4",
        skill="read co-occurrence counts",
        prompt="Which entity shares the most sentences with Japan? Answer with its entity id.",
        check=_check_partner,
        answer='top_pair = [pair for pair, n in pairs.most_common() if "japan" in pair][0]\n'
               'answer = top_pair[0] if top_pair[1] == "japan" else top_pair[1]',
        wrongs=(('answer = "japan"', "own partner"), ('answer = "North Korea"', "entity id"),
                ('answer = "north-korea"', "first pair that contains"),
                ('answer = [pair for pair, n in pairs.most_common() if "japan" in pair][0]', "whole pair")),
        explanation="The two countries of the talks appear together in most sentences, which is what you "
                    "would expect; the interesting pairs are further down the list.",
    ),
]
