"""Lesson 08, "Time, and what happened next": try-it checks.

Expected values come from the time layer (``corpus.annotations.timexes``) and the
claim registry, so the checks follow the annotations if they change.
"""

from __future__ import annotations

import datetime

from kjpacts.teaching.checks import Feedback, TryIt
from kjpacts.teaching.checks import shipped_corpus as _corpus

KH_0513, YONHAP = "koreaherald-2012-05-13", "yonhap-2012-06-27"
SHELLING = "2010-11-23"


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


def _timex_value(doc_id: str, text: str) -> str:
    return next(t.value for t in _corpus().annotations.timexes[doc_id] if t.text == text)


# 08.1 ---------------------------------------------------------------------------

def _last_december() -> str:
    return _timex_value(KH_0513, "Last December")


def _check_last_december(answer) -> Feedback:
    expected = _last_december()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if not isinstance(answer, str):
        return Feedback(False, 'Give the value as text in quotes, in the form "YYYY-MM", e.g. "2010-11".')
    a = answer.strip()
    if a == expected:
        return Feedback(True, "The December before a May 2012 article. It fits the Lee-Noda meeting in Kyoto in "
                              "December 2011 (outside record, high confidence); the page itself gives only the month.")
    year = str(_corpus()[KH_0513].published)[:4]
    if a == f"{year}-12":
        return Feedback(False, "That December is still in the future for an article published in May. 'Last' points "
                               "back from the publication date.")
    if len(a) != 7 or a[4] != "-":
        return Feedback(False, 'Use the form "YYYY-MM": four digits for the year, a hyphen, two for the month.')
    return Feedback(False, "Start from the publication date in corpus[\"koreaherald-2012-05-13\"].published and go "
                           "back to the most recent December before it.")


# 08.2 ---------------------------------------------------------------------------

def _yonhap_tuesday() -> str:
    return _timex_value(YONHAP, "Tuesday")


def _check_tuesday(answer) -> Feedback:
    expected = _yonhap_tuesday()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if isinstance(answer, datetime.date):
        if answer.isoformat() == expected:
            return Feedback(False, "Right day, but give it as text: add .isoformat() at the end.")
        return Feedback(False, "Give the date as text with .isoformat(); and check the day too.")
    if not isinstance(answer, str):
        return Feedback(False, 'Give the date as text in the form "YYYY-MM-DD".')
    if answer.strip() == expected:
        return Feedback(True, "The Cabinet approval was the day before the article's Wednesday.")
    published = datetime.date.fromisoformat(_corpus()[YONHAP].published)
    if answer.strip() == (published + datetime.timedelta(days=6)).isoformat():
        return Feedback(False, "That is the next Tuesday. The article says the Cabinet approved the accord: a past "
                               "event, so go back from the publication date, not forward.")
    if answer.strip() == published.isoformat():
        return Feedback(False, "That is the publication date itself, a Wednesday. Which Tuesday comes just before it?")
    return Feedback(False, "Subtract days from the publication date with timedelta until you reach a Tuesday; "
                           "check with .strftime(\"%A\").")


# 08.3 ---------------------------------------------------------------------------

def _shelling_docs() -> list[str]:
    return sorted({t.doc_id for recs in _corpus().annotations.timexes.values() for t in recs if t.value == SHELLING})


def _check_shelling(answer) -> Feedback:
    expected = _shelling_docs()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if hasattr(answer, "tolist") and not isinstance(answer, list):
        return Feedback(False, "That is a pandas column; add .tolist() at the end.")
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, 'Give a list of doc ids, like ["doc-a", "doc-b"].')
    if sorted(set(answer)) == expected:
        return Feedback(True, "Two pages, two spellings of the date ('23 November', 'Nov. 23'), one TIMEX value: "
                              "normalised values make them comparable.")
    return Feedback(False, f'Keep the rows of the timex table whose value is "{SHELLING}" and take their doc_id '
                           "column with .tolist().")


# 08.4 ---------------------------------------------------------------------------

def _failed_predictions() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.status == "prediction-failed")


def _predictions() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.kind == "prediction")


def _check_failed(answer) -> Feedback:
    expected = _failed_predictions()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if hasattr(answer, "tolist") and not isinstance(answer, list):
        return Feedback(False, "That is a pandas column; add .tolist() at the end.")
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, 'Give a list of claim ids, like ["claim-a", "claim-b"].')
    if sorted(answer) == expected:
        return Feedback(True, "Each failed by the outside record, which the pages themselves cannot show.")
    if sorted(answer) == _predictions():
        return Feedback(False, "That is every prediction. Some have the status 'prediction-unresolved': the "
                               "outside record used here does not settle them. "
                               "Keep only status == \"prediction-failed\".")
    return Feedback(False, 'Filter the claims table on status == "prediction-failed" and take .claim_id.tolist().')


TRYITS = [
    TryIt(
        id="08.1",
        prompt='Resolve "Last December" in koreaherald-2012-05-13 against its publication date. Give the TIMEX value '
               '("YYYY-MM").',
        check=_check_last_december,
        answer='"2011-12"  # the December before the publication date, 2012-05-13',
        right=_last_december,
        wrong=lambda: "2012-12",
        explanation="A relative expression points back (or forward) from the publication date. If that date is "
                    "wrong, every expression resolved against it is wrong too.",
    ),
    TryIt(
        id="08.2",
        prompt='Yonhap (published Wednesday 27 June 2012) says the Cabinet approved the accord "on Tuesday". '
               'Which date is that? Answer as text, "YYYY-MM-DD".',
        check=_check_tuesday,
        answer='(date.fromisoformat(corpus["yonhap-2012-06-27"].published) - timedelta(days=1)).isoformat()',
        right=_yonhap_tuesday,
        wrong=lambda: (datetime.date.fromisoformat(_corpus()[YONHAP].published)
                       + datetime.timedelta(days=6)).isoformat(),
        explanation="News copy names weekdays for events of the last few days. The past tense tells you to count "
                    "back from the publication date.",
    ),
    TryIt(
        id="08.3",
        prompt=f'Which documents have a time expression whose value is "{SHELLING}"? Give a list of doc ids.',
        check=_check_shelling,
        answer=f'timex[timex.value == "{SHELLING}"].doc_id.tolist()',
        right=_shelling_docs,
        wrong=lambda: _shelling_docs()[:1],
        explanation="Normalised values let you find the same day however it is written; the text search "
                    "'23 November' would miss 'Nov. 23'.",
    ),
    TryIt(
        id="08.4",
        prompt="Make a list of the claim ids of the predictions whose status is 'prediction-failed'.",
        check=_check_failed,
        answer='claims_table[claims_table.status == "prediction-failed"].claim_id.tolist()',
        right=_failed_predictions,
        wrong=_predictions,
        explanation="The dated signing predictions all failed, by the outside record. The other predictions "
                    "are left open ('prediction-unresolved'): the record used here does not say what happened.",
    ),
]
