"""Lesson 07, "Words that frame": try-it checks and one helper.

:func:`sentence_sentiment` scores every sentence of a document with NLTK's VADER
and says who speaks in it (from the attribution layer), so that a score can be
read next to its voice. It is general-purpose and could move to :mod:`kjpacts.nlp`.
"""

from __future__ import annotations

import math
import numbers
from functools import lru_cache
from typing import TYPE_CHECKING

from kjpacts.teaching.checks import Feedback, TryIt
from kjpacts.teaching.checks import shipped_corpus as _corpus

if TYPE_CHECKING:
    import pandas as pd

    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

YONHAP, AHRAM = "yonhap-2012-06-27", "ahram-2011-01-10"
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

    from kjpacts.nlp import sentences

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


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def _framing(doc_id: str, category: str) -> list[str]:
    return [f.text for f in _corpus().annotations.framing[doc_id] if f.category == category]


# 07.1 ---------------------------------------------------------------------------

def _passives() -> list[str]:
    return _framing(YONHAP, "agentless-passive")


def _check_passives(answer) -> Feedback:
    expected = _passives()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if hasattr(answer, "tolist") and not isinstance(answer, list):
        return Feedback(False, "That is a pandas column or table; select .text and add .tolist() at the end.")
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, 'Give a list of texts, like ["is said", "was made"].')
    if sorted(answer) == sorted(expected):
        return Feedback(True, "In each of these, the clause does not say who did it.")
    if sorted(answer) == sorted(_framing(YONHAP, "hedge")):
        return Feedback(False, "Those are the hedges. Filter on the category 'agentless-passive'.")
    if sorted(answer) == sorted(f.text for recs in _corpus().annotations.framing.values() for f in recs
                                if f.category == "agentless-passive"):
        return Feedback(False, "That is every document. Add a second condition: framing.doc_id == \"yonhap-2012-06-27\".")
    return Feedback(False, "Keep the rows where doc_id is \"yonhap-2012-06-27\" and category is \"agentless-passive\" "
                           "(join the two conditions with &), then take .text.tolist().")


# 07.2 ---------------------------------------------------------------------------

def _two_scores() -> tuple[float, float]:
    sia = _vader()
    return sia.polarity_scores(EUPHEMISM)["compound"], sia.polarity_scores(PLAIN)["compound"]


def _check_vader(answer) -> Feedback:
    a, b = _two_scores()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, dict) for x in answer):
        return Feedback(False, 'You kept the whole score dictionaries; take ["compound"] from each.')
    if not isinstance(answer, tuple) or len(answer) != 2:
        return Feedback(False, "Give two numbers in round brackets: (score of the first phrase, score of the second).")
    x, y = answer
    if not all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in (x, y)):
        return Feedback(False, "Both parts must be numbers: the 'compound' values, without quotes.")
    if math.isclose(x, a, abs_tol=1e-4) and math.isclose(y, b, abs_tol=1e-4):
        return Feedback(True, "The euphemism scores as positive, because VADER's word list rates 'comfort' as a "
                              "pleasant word. The plain description scores strongly negative.")
    if math.isclose(x, b, abs_tol=1e-4) and math.isclose(y, a, abs_tol=1e-4):
        return Feedback(False, "Right numbers, wrong order: first \"comfort women\", then \"women forced into sexual "
                               "slavery\".")
    return Feedback(False, 'Score each phrase with sia.polarity_scores("...") and take ["compound"] from each result.')


# 07.3 ---------------------------------------------------------------------------

def _defence_counts() -> tuple[int, int]:
    from kjpacts.nlp import corpus_words, keyness

    c = _corpus()
    others = [d for d in c.fileids() if d != AHRAM]
    row = next(k for k in keyness(corpus_words(c, [AHRAM]), corpus_words(c, others)) if k.word == "defence")
    return row.count_target, row.count_reference


def _check_defence(answer) -> Feedback:
    expected = _defence_counts()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if not isinstance(answer, tuple) or len(answer) != 2:
        return Feedback(False, "Give two numbers in round brackets: (count in Ahram, count in the other four).")
    if not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in answer):
        return Feedback(False, "Both parts must be whole numbers (no quotes).")
    if answer == expected:
        return Feedback(True, "Never in the other four. They all print 'defense': the keyword is a spelling "
                              "(house style), not a choice of frame.")
    if answer == expected[::-1]:
        return Feedback(False, "Swap them: first the count in Ahram (count_target), then in the reference "
                               "(count_reference).")
    return Feedback(False, "Find the row whose word is 'defence' in ahram_keys and read its count_target and "
                           "count_reference.")


# 07.4 ---------------------------------------------------------------------------

def _capital_records() -> int:
    return sum(1 for recs in _corpus().annotations.framing.values() for f in recs
               if f.category == "naming-choice" and f.text in CAPITALS)


def _check_capitals(answer) -> Feedback:
    expected = _capital_records()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if hasattr(answer, "shape"):
        return Feedback(False, "That is a table; count its rows with len(...).")
    if not isinstance(answer, numbers.Integral) or isinstance(answer, bool):
        return Feedback(False, "Give a whole number: len(...) of the filtered table.")
    if answer == expected:
        return Feedback(True, "Capitals standing for governments are the most frequent naming choice in the corpus.")
    every_naming = sum(1 for recs in _corpus().annotations.framing.values() for f in recs
                       if f.category == "naming-choice")
    if answer == every_naming:
        return Feedback(False, "That counts every naming choice. Keep only the rows whose text is one of the four "
                               "capitals: framing.text.isin(capitals).")
    return Feedback(False, "Combine two conditions with &: the category is \"naming-choice\" and the text is in the "
                           "list of capitals (framing.text.isin(capitals)); then count with len(...).")


TRYITS = [
    TryIt(
        id="07.1",
        prompt="List the texts of the agentless passives that the framing layer marks in the Yonhap article.",
        check=_check_passives,
        answer='framing[(framing.doc_id == "yonhap-2012-06-27") & (framing.category == "agentless-passive")].text.tolist()',
        right=_passives,
        wrong=lambda: _framing(YONHAP, "hedge"),
        explanation="'is expected' (by whom?), 'needs to be addressed' (by whom?), 'Asked' (who asked? presumably "
                    "the reporter): each hides the doer.",
    ),
    TryIt(
        id="07.2",
        prompt='What compound scores does VADER give to "comfort women" and to "women forced into sexual slavery"? '
               "Answer with a pair of numbers.",
        check=_check_vader,
        answer='(sia.polarity_scores("comfort women")["compound"],\n'
               ' sia.polarity_scores("women forced into sexual slavery")["compound"])',
        right=_two_scores,
        wrong=lambda: _two_scores()[::-1],
        explanation="VADER adds up the ratings of single words. 'comfort' is rated pleasant, so the euphemism "
                    "comes out positive: a sentiment score measures the words, not what they refer to.",
    ),
    TryIt(
        id="07.3",
        prompt="In the keyness list of Ahram against the other four documents, how often does 'defence' occur in "
               "Ahram and in the other four? Answer (count in Ahram, count in the others).",
        check=_check_defence,
        answer='row = [k for k in ahram_keys if k.word == "defence"][0]\n(row.count_target, row.count_reference)',
        right=_defence_counts,
        wrong=lambda: _defence_counts()[::-1],
        explanation="A top keyword can be a spelling difference (British 'defence' in AFP copy, American "
                    "'defense' elsewhere) rather than anything about framing.",
    ),
    TryIt(
        id="07.4",
        prompt="How many framing records in the whole corpus are naming choices whose text is exactly one of the "
               "capitals Seoul, Tokyo, Washington or Pyongyang?",
        check=_check_capitals,
        answer='capitals = ["Seoul", "Tokyo", "Washington", "Pyongyang"]\n'
               'len(framing[(framing.category == "naming-choice") & framing.text.isin(capitals)])',
        right=_capital_records,
        wrong=lambda: sum(1 for recs in _corpus().annotations.framing.values() for f in recs
                          if f.category == "naming-choice"),
        explanation="Every one of them makes a city speak or act for a government ('Seoul has demanded'). "
                    "'Seoul-controlled islands' is a naming choice too, but its text is longer, so it is not counted.",
    ),
]
