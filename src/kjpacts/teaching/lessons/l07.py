"""Lesson 07, "Words that frame": try-it checks and one helper.

:func:`sentence_sentiment` scores every sentence of a document with NLTK's VADER
and says who speaks in it (from the attribution layer), so that a score can be
read next to its voice. It is general-purpose and could move to :mod:`kjpacts.nlp`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kjpacts.nlp import corpus_words, keyness, sentences
from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    describe,
    number,
    pair,
    table_shape_hint,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.judging import JudgeItem, in_context

if TYPE_CHECKING:
    import pandas as pd

    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

YONHAP, AHRAM, WAPO = "yonhap-2012-06-27", "ahram-2011-01-10", "wapo-2011-01-11"
CAPITALS = ["Seoul", "Tokyo", "Washington", "Pyongyang"]
EUPHEMISM, PLAIN = "comfort women", "women forced into sexual slavery"


@lru_cache(maxsize=1)
def _vader():
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_sentiment(doc: "Document", corpus: "Corpus | None" = None) -> "pd.DataFrame":
    """One row per sentence of ``doc``: its text, its part of the page, VADER's compound
    score (-1 very negative … +1 very positive) and who speaks in it.

    ``speaker`` lists the speakers of the attribution-layer quotes whose content
    overlaps the sentence (direct, indirect or statement), or ``reporter`` when
    none does; sentences outside the body paragraphs (headline, standfirst, byline,
    credit line) are labelled with their part of the page.
    """
    import pandas as pd


    corpus = corpus if corpus is not None else _corpus()
    quotes = corpus.annotations.quotes.get(doc.doc_id, [])
    sia = _vader()
    rows = []
    for s in sentences(doc):
        who = [q.speaker for q in quotes if q.content.start < s.end and q.content.end > s.start]
        if s.segment != "paragraph":
            speaker = s.segment  # headline, standfirst, byline, credit or date line
        elif who:
            speaker = "; ".join(dict.fromkeys(who))
        else:
            speaker = "reporter"
        rows.append({"sentence": s.text, "part": s.segment,
                     "compound": sia.polarity_scores(s.text)["compound"], "speaker": speaker})
    return pd.DataFrame(rows, columns=["sentence", "part", "compound", "speaker"])


# -- judge first: which framing choice, if any? -------------------------------------

#: Spans the student classifies before seeing the framing layer: (doc_id, words around it, the span).
#: None of them is an example in the lesson's category table, which the student reads just before.
JUDGE_SPANS = [("ahram-2011-01-10", "a warship allegedly sunk", "allegedly"),
               ("koreaherald-2012-05-13", "provoke the communist state", "the communist state"),
               ("ahram-2011-01-10", "Tokyo's reasserted claims", "reasserted"),
               ("wapo-2011-01-11", "Kan was panned in", "was panned"),
               ("wapo-2011-01-11", 'Japan "recognize the importance" of', '"recognize the importance"'),
               ("yonhap-2012-06-27", "an undeniable fact", "undeniable"),
               ("wapo-2011-01-11", "hung up on what's happened in the past", "what's happened in the past"),
               ("wapo-2011-01-11", "feel intense bitterness over", "bitterness")]
JUDGE_LABELS = ("evaluative", "hedge", "agentless-passive", "naming-choice", "euphemism", "scare-quote",
                "intensifier", "none")


def judge_items(corpus=None) -> list:
    """One item per span of :data:`JUDGE_SPANS`. Gold: the category of the framing record on that
    span (scare quotes and euphemisms may share a span; the record whose text matches wins), or
    'none' with the reason that no record marks it."""

    corpus = corpus if corpus is not None else _corpus()
    items = []
    for n, (doc_id, around, needle) in enumerate(JUDGE_SPANS, 1):
        text = corpus[doc_id].text
        start = text.index(around) + around.index(needle)
        end = start + len(needle)
        recs = [f for f in corpus.annotations.framing[doc_id] if f.start < end and f.end > start]
        exact = [f for f in recs if (f.start, f.end) == (start, end)] or [f for f in recs if f.text.strip('"') == needle.strip('"')]
        if exact:
            gold, why = exact[0].category, exact[0].note or f"{exact[0].category}, voice: {exact[0].voice}"
        else:
            gold, why = "none", "No framing record marks this span" + (
                f" (it overlaps: {', '.join(f.category + ' ' + repr(f.text) for f in recs)})." if recs else ".")
        items.append(JudgeItem(str(n), in_context(text, start, end, 80), gold, why, f"{doc_id} ({corpus[doc_id].outlet})"))
    return items


SETUP = """
import kjpacts
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer
from kjpacts.nlp import keyness, corpus_words
from kjpacts.teaching.lessons import l07
corpus = kjpacts.load()
framing = corpus.frame("framing")
sia = SentimentIntensityAnalyzer()
capitals = ["Seoul", "Tokyo", "Washington", "Pyongyang"]
others = [d for d in corpus.fileids() if d != "ahram-2011-01-10"]
ahram_keys = keyness(corpus_words(corpus, ["ahram-2011-01-10"]), corpus_words(corpus, others))
"""


def _framing(doc_id: str, category: str) -> list[str]:
    return [f.text for f in _corpus().annotations.framing[doc_id] if f.category == category]


# 07.1 ---------------------------------------------------------------------------

def _passives() -> list[str]:
    return _framing(YONHAP, "agentless-passive")


def _check_passives(answer) -> Feedback:
    expected = _passives()
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, f'Give a list of texts, like ["is said", "was made"]; you gave {describe(answer)}.')
    if sorted(answer) == sorted(expected):
        return Feedback(True, f"{len(expected)} passives; in each, the clause does not say who did it.")
    if sorted(answer) == sorted(_framing(YONHAP, "hedge")):
        return Feedback(False, "Those are the hedges. Keep the category 'agentless-passive'.")
    every = [f.text for recs in _corpus().annotations.framing.values() for f in recs if f.category == "agentless-passive"]
    if sorted(answer) == sorted(every):
        return Feedback(False, "That is every document's passives. Add a second condition: the doc_id of the Yonhap article.")
    if sorted(answer) == sorted(f.text for f in _corpus().annotations.framing[YONHAP]):
        return Feedback(False, "That is every framing record of the Yonhap article. Add a second condition: the "
                               "category 'agentless-passive'.")
    return Feedback(False, "Keep the rows of the Yonhap article whose category is 'agentless-passive' (two "
                           "conditions, joined with &), then take their texts as a list.")


# 07.2 ---------------------------------------------------------------------------

def _naming(doc_id: str | None = None, capitals_only: bool = True) -> int:
    return sum(1 for d, recs in _corpus().annotations.framing.items() for f in recs
               if (doc_id is None or d == doc_id) and f.category == "naming-choice"
               and (not capitals_only or f.text in CAPITALS))


def _check_capitals(answer) -> Feedback:
    expected = _naming(WAPO)
    return number(answer, expected,
                  "Keep the Washington Post's rows (doc_id) whose text is one of the capitals "
                  "(framing.text.isin(capitals)); then count them.",
                  f"Right: {expected} times the Post lets a capital stand for a government ('Seoul has demanded').",
                  wrong={_naming(None): "That counts the capitals in every document. Add the condition on doc_id: "
                                        "the Washington Post only.",
                         _naming(WAPO, capitals_only=False): "That counts every naming choice in the Post. Keep only "
                                                             "the rows whose text is one of the capitals.",
                         len(_corpus().annotations.framing[WAPO]): "That is every framing record of the Post. Add the "
                                                                    "condition on the text: one of the capitals."})


# 07.3 ---------------------------------------------------------------------------

def _two_scores() -> tuple[float, float]:
    sia = _vader()
    return sia.polarity_scores(EUPHEMISM)["compound"], sia.polarity_scores(PLAIN)["compound"]


def _check_vader(answer) -> Feedback:
    if isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, dict) for x in answer):
        return Feedback(False, 'You kept the whole score dictionaries; take ["compound"] from each.')
    a, b = _two_scores()
    return pair(answer, (a, b), 'Score each phrase with sia.polarity_scores("...") and take ["compound"] from each result.',
                f"The euphemism scores {a:+.2f} and the plain description {b:+.2f}. VADER's word list rates 'comfort' "
                "as pleasant: the score measures the words, not what they refer to.",
                names=(f'the score of "{EUPHEMISM}"', f'the score of "{PLAIN}"'))


# 07.4 ---------------------------------------------------------------------------

def _defence_counts() -> tuple[int, int]:

    c = _corpus()
    others = [d for d in c.fileids() if d != AHRAM]
    row = next(k for k in keyness(corpus_words(c, [AHRAM]), corpus_words(c, others)) if k.word == "defence")
    return row.count_target, row.count_reference


def _check_defence(answer) -> Feedback:
    if type(answer).__name__ == "Keyword":
        return Feedback(False, "That is the whole keyword row; give the pair (row.count_target, row.count_reference).")
    expected = _defence_counts()
    return pair(answer, expected, "Find the row whose word is 'defence' in ahram_keys and read its count_target and "
                                  "count_reference.",
                f"{expected[0]} in Ahram, {expected[1]} in the other four. They print 'defense': the keyword is a "
                "spelling (house style), not a choice of frame.",
                names=("the count in Ahram (count_target)", "the count in the others (count_reference)"))


TRYITS = [
    TryIt(
        id="07.1",
        skill="filter a table on two conditions",
        prompt="List the texts of the agentless passives that the framing layer marks in the Yonhap article. A row "
               "must meet both conditions at once, so combine them into one filter; write the code inside "
               "def answer(): and return the list, so that check can explain an error in it.",
        check=_check_passives,
        answer='def answer():\n    rows = framing[(framing.doc_id == "yonhap-2012-06-27") & (framing.category == "agentless-passive")]\n'
               '    return rows.text.tolist()',
        wrongs=(('answer = framing[framing.category == "agentless-passive"].text.tolist()', "every document"),
                ('answer = framing[framing.doc_id == "yonhap-2012-06-27"].text.tolist()', "every framing record"),
                ('answer = framing[(framing.doc_id == "yonhap-2012-06-27") & (framing.category == "hedge")].text.tolist()',
                 "hedges"),
                ('answer = framing[(framing.doc_id == "yonhap-2012-06-27") & (framing.category == "agentless-passive")].text',
                 "pandas column"),
                ('def answer():\n    return framing[(framing.doc_id == "yonhap-2012-06-27") and '
                 '(framing.category == "agentless-passive")].text.tolist()', "& instead of and"),
                ('def answer():\n    return framing[framing.doc_id == "yonhap-2012-06-27" & '
                 'framing.category == "agentless-passive"].text.tolist()', "own round brackets")),
        explanation="'is expected' (by whom?), 'needs to be addressed' (by whom?), 'Asked' (who asked? presumably "
                    "the reporter): each hides the doer.",
    ),
    TryIt(
        id="07.2",
        skill="filter on two conditions, one of them a list of values (isin)",
        prompt="In the Washington Post article, how many framing records are naming choices whose text is exactly "
               "one of the capitals Seoul, Tokyo, Washington or Pyongyang?",
        check=_check_capitals,
        answer='answer = len(framing[(framing.doc_id == "wapo-2011-01-11") & framing.text.isin(capitals)])',
        wrongs=(("answer = len(framing[framing.text.isin(capitals)])", "every document"),
                ('answer = len(framing[(framing.doc_id == "wapo-2011-01-11") & (framing.category == "naming-choice")])',
                 "every naming choice in the Post"),
                ('answer = framing[(framing.doc_id == "wapo-2011-01-11") & framing.text.isin(capitals)]', "len(...)"),
                ('answer = len(framing[framing.doc_id == "wapo-2011-01-11"])', "every framing record")),
        explanation="Nine in the Post (35 in the corpus). Every one of them makes a city speak or act for a "
                    "government ('Seoul has demanded'). 'Seoul-controlled islands' is a naming choice too, but its "
                    "text is longer, so it is not counted.",
    ),
    TryIt(
        id="07.3",
        skill="score phrases with VADER",
        prompt='What compound scores does VADER give to "comfort women" and to "women forced into sexual slavery"? '
               "Answer with a pair of numbers.",
        check=_check_vader,
        answer='answer = (sia.polarity_scores("comfort women")["compound"],\n'
               '          sia.polarity_scores("women forced into sexual slavery")["compound"])',
        wrongs=(('answer = (sia.polarity_scores("women forced into sexual slavery")["compound"], '
                 'sia.polarity_scores("comfort women")["compound"])', "wrong order"),
                ('answer = (sia.polarity_scores("comfort women"), sia.polarity_scores("women forced into sexual slavery"))',
                 "whole score dictionaries"),
                ('answer = sia.polarity_scores("comfort women")["compound"]', "two values"),
                ("answer = (0.5, -0.5)", "polarity_scores")),
        explanation="VADER adds up the ratings of single words. 'comfort' is rated pleasant, so the euphemism "
                    "comes out positive: a sentiment score measures the words, not what they refer to.",
    ),
    TryIt(
        id="07.4",
        skill="read a keyness row",
        prompt="In the keyness list of Ahram against the other four documents, how often does 'defence' occur in "
               "Ahram and in the other four? Answer (count in Ahram, count in the others).",
        check=_check_defence,
        answer='row = [k for k in ahram_keys if k.word == "defence"][0]\nanswer = (row.count_target, row.count_reference)',
        wrongs=(('row = [k for k in ahram_keys if k.word == "defence"][0]\nanswer = (row.count_reference, row.count_target)',
                 "wrong order"),
                ('answer = [k for k in ahram_keys if k.word == "defence"][0]', "whole keyword row"),
                ('answer = ("4", "0")', "must be numbers"),
                ('row = [k for k in ahram_keys if k.word == "defense"][0]\nanswer = (row.count_target, row.count_reference)',
                 "count_target")),
        explanation="A top keyword can be a spelling difference (British 'defence' in AFP copy, American "
                    "'defense' elsewhere) rather than anything about framing.",
    ),
]
