"""Lesson 08, "Time, and what happened next": try-it checks.

Expected values come from the time layer (``corpus.annotations.timexes``) and the
claim registry, so the checks follow the annotations if they change.
"""

from __future__ import annotations

from collections import Counter

import datetime

from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    describe,
    iso_date,
    same_items,
    table_shape_hint,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.judging import JudgeItem, in_context
from kjpacts.teaching.outside import outside_record

KH_0513, YONHAP = "koreaherald-2012-05-13", "yonhap-2012-06-27"
SHELLING = "2010-11-23"


# -- judge first: which date does it point to? --------------------------------------

#: Time expressions the student resolves before seeing the time layer: (doc_id, timex id).
JUDGE_TIMEXES = [("ahram-2011-01-10", "t2"), ("ahram-2011-01-10", "t4"), ("ahram-2011-01-10", "t5"),
                 ("koreaherald-2012-05", "t2"), ("koreaherald-2012-05", "t5"), ("yonhap-2012-06-27", "t10")]


def judge_items(corpus=None) -> list:
    """One item per time expression of :data:`JUDGE_TIMEXES`, with the page's date as the page
    gives it. Gold: the TIMEX value in the time layer, and its note."""

    corpus = corpus if corpus is not None else _corpus()
    items = []
    for n, (doc_id, tid) in enumerate(JUDGE_TIMEXES, 1):
        t = next(x for x in corpus.annotations.timexes[doc_id] if x.id == tid)
        doc = corpus[doc_id]
        printed = doc.meta.get("printed", {}).get("date") or doc.published
        text = f"(page dated {printed}) " + in_context(doc.text, t.start, t.end, 80)
        items.append(JudgeItem(str(n), text, t.value, t.note or f"anchor: {t.anchor}", f"{doc_id} ({doc.outlet})"))
    return items


SETUP = """
import kjpacts
import pandas as pd
from datetime import date, timedelta
corpus = kjpacts.load()
timex = corpus.frame("timex")
claims_table = corpus.frame("claims")
"""


def _timex_value(doc_id: str, text: str) -> str:
    return next(t.value for t in _corpus().annotations.timexes[doc_id] if t.text == text)


# 08.1 ---------------------------------------------------------------------------

def _last_december() -> str:
    return _timex_value(KH_0513, "Last December")


def _check_last_december(answer) -> Feedback:
    expected = _last_december()
    year = str(_corpus()[KH_0513].published)[:4]
    return iso_date(answer, expected,
                    "Start from the publication date in corpus[\"koreaherald-2012-05-13\"].published and go "
                    "back to the most recent December before it.",
                    "The December before a May 2012 article. It fits the Lee-Noda meeting in Kyoto in December 2011 "
                    f"{outside_record('ox-lee-noda-kyoto-2011-12-18').cite()}; the page itself gives only the month.",
                    wrong={f"{year}-12": "That December is still in the future for an article published in May. "
                                         "'Last' points back from the publication date."})


# 08.2 ---------------------------------------------------------------------------

def _yonhap_tuesday() -> str:
    return _timex_value(YONHAP, "Tuesday")


def _check_tuesday(answer) -> Feedback:
    expected = _yonhap_tuesday()
    published = datetime.date.fromisoformat(_corpus()[YONHAP].published)
    return iso_date(answer, expected,
                    "Count back from the publication date, a day at a time, until you reach a Tuesday; check the "
                    "weekday with .strftime(\"%A\").",
                    "The Cabinet approval was the day before the article's Wednesday.",
                    wrong={(published + datetime.timedelta(days=6)).isoformat():
                           "That is the next Tuesday. The article says the Cabinet approved the accord: a past "
                           "event, so go back from the publication date, not forward.",
                           published.isoformat(): "That is the publication date itself, a Wednesday. Which Tuesday "
                                                  "comes just before it?"})


# 08.3 ---------------------------------------------------------------------------

def _shelling_docs() -> list[str]:
    return sorted({t.doc_id for recs in _corpus().annotations.timexes.values() for t in recs if t.value == SHELLING})


def _check_shelling(answer) -> Feedback:
    expected = _shelling_docs()
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, f'Give a list of doc ids, like ["doc-a", "doc-b"]; you gave {describe(answer)}.')
    if sorted(set(answer)) == expected:
        spellings = sorted({t.text for recs in _corpus().annotations.timexes.values() for t in recs if t.value == SHELLING})
        return Feedback(True, f"{len(expected)} pages, {len(spellings)} spellings of the date "
                              f"({', '.join(repr(x) for x in spellings)}), one TIMEX value: normalised values make "
                              "them comparable.")
    if answer and set(answer) < set(expected):
        return Feedback(False, "Right so far, but another page names that day too, spelled differently. Search the "
                               "normalised value column, not the text.")
    if not answer:
        return Feedback(False, f'Your list is empty: no row matched. The value is the day, "{SHELLING}", '
                               "in quotes, in the value column.")
    return same_items(answer, expected, f'Keep the rows of the timex table whose value is "{SHELLING}" and give '
                                        "their doc_ids.")


# 08.4 ---------------------------------------------------------------------------

def _failed_predictions() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.status == "prediction-failed")


def _predictions() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.kind == "prediction")


def _check_failed(answer) -> Feedback:
    expected = _failed_predictions()
    shape = table_shape_hint(answer, "claim_id")
    if shape is not None:
        return shape
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, f'Give a list of claim ids, like ["claim-a", "claim-b"]; you gave {describe(answer)}.')
    if sorted(answer) == expected:
        return Feedback(True, f"{len(expected)} predictions failed by the outside record, which the pages themselves "
                              "cannot show.")
    if sorted(answer) == _predictions():
        others = Counter(c.status for c in _corpus().annotations.claims
                         if c.kind == "prediction" and c.status != "prediction-failed")
        listed = ", ".join(f"{n} {status!r}" for status, n in sorted(others.items()))
        return Feedback(False, f"That is every prediction; the others are {listed}. Keep only 'prediction-failed'.")
    if not answer:
        return Feedback(False, "Your list is empty: no claim matched. Check the status value: 'prediction-failed', "
                               "with a hyphen, in quotes.")
    return same_items(answer, expected, "Keep the claims whose status is 'prediction-failed' and give their claim "
                                        "ids as a list.")


TRYITS = [
    TryIt(
        id="08.1",
        skill="resolve a relative date against the publication date",
        prompt='Resolve "Last December" in koreaherald-2012-05-13 against its publication date. Give the TIMEX value '
               '("YYYY-MM").',
        check=_check_last_december,
        answer='answer = "2011-12"  # the December before the publication date, 2012-05-13',
        wrongs=(('answer = "2012-12"', "still in the future"), ('answer = "December 2011"', "ISO form"),
                ('answer = "2011-12-01"', "That is a day"), ('answer = "2010-12"', "most recent December")),
        explanation="A relative expression points back (or forward) from the publication date. If that date is "
                    "wrong, every expression resolved against it is wrong too.",
    ),
    TryIt(
        id="08.2",
        skill="count back to a weekday with timedelta",
        prompt='Yonhap (published Wednesday 27 June 2012) says the Cabinet approved the accord "on Tuesday". '
               'Which date is that? Answer as text, "YYYY-MM-DD".',
        check=_check_tuesday,
        answer='answer = (date.fromisoformat(corpus["yonhap-2012-06-27"].published) - timedelta(days=1)).isoformat()',
        wrongs=(('answer = (date.fromisoformat(corpus["yonhap-2012-06-27"].published) + timedelta(days=6)).isoformat()',
                 "next Tuesday"),
                ('answer = date.fromisoformat(corpus["yonhap-2012-06-27"].published) - timedelta(days=1)',
                 "date object"),
                ('answer = "26 June 2012"', "ISO form"), ('answer = "2012-6-26"', "leading zeros"),
                ('answer = corpus["yonhap-2012-06-27"].published', "publication date itself"),
                ('answer = "2012-06-25"', "Count back")),
        explanation="News copy names weekdays for events of the last few days. The past tense tells you to count "
                    "back from the publication date.",
    ),
    TryIt(
        id="08.3",
        skill="search by normalised value, not by text",
        prompt=f'Which documents have a time expression whose value is "{SHELLING}"? Give a list of doc ids.',
        check=_check_shelling,
        answer=f'answer = timex[timex.value == "{SHELLING}"].doc_id.tolist()',
        wrongs=((f'answer = timex[timex.value == "{SHELLING}"].doc_id', "pandas column"),
                ('answer = timex[timex.text.str.contains("23 November")].doc_id.tolist()', "spelled differently"),
                (f'answer = timex[timex.value == "{SHELLING}"]', "take the doc_id column"),
                (f'answer = timex[timex.value == "{SHELLING}"].index.tolist()', "row numbers"),
                ('answer = ["yonhap-2012-06-27"]', "Keep the rows")),
        explanation="Normalised values let you find the same day however it is written; the text search "
                    "'23 November' would miss 'Nov. 23'.",
    ),
    TryIt(
        id="08.4",
        skill="filter the claim registry by status",
        prompt="Make a list of the claim ids of the predictions whose status is 'prediction-failed'.",
        check=_check_failed,
        answer='answer = claims_table[claims_table.status == "prediction-failed"].claim_id.tolist()',
        wrongs=(('answer = claims_table[claims_table.kind == "prediction"].claim_id.tolist()', "every prediction"),
                ('answer = claims_table[claims_table.status == "prediction-failed"].claim_id', "pandas column"),
                ('answer = claims_table[claims_table.status == "prediction-failed"].index.tolist()', "row numbers"),
                ('answer = claims_table[claims_table.status == "echo"].claim_id.tolist()', "Keep the claims"),
                ('answer = claims_table[claims_table.status == "prediction failed"].claim_id.tolist()', "list is empty")),
        explanation="The dated signing predictions all failed, by the outside record. Of the others, two were "
                    "fulfilled and one is left open ('prediction-unresolved'): the record does not say what happened.",
    ),
]
