"""Lesson 02 "Dating documents": try-it checks.

Expected values come from the corpus metadata, the time layer and the calendar.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from kjpacts.teaching.checks import Feedback, TryIt, equal, same_items
from kjpacts.teaching.checks import shipped_corpus as _corpus, needs_answer as _needs_answer
from kjpacts.teaching.checks import doc_id_list_hint

#: The years the Yonhap page could be from, on the evidence discussed in the lesson:
#: not before 2011 ('Since early 2011'); before the pact was signed (outside record:
#: November 2016).
YONHAP_CANDIDATE_YEARS = range(2011, 2017)


# -- expected values -----------------------------------------------------------

def inferred_dates() -> list[str]:
    """Pages whose publication date is inferred, not printed as the article's own date."""
    table = _corpus().frame()
    return table[table["published_inferred"] == True].index.tolist()  # noqa: E712 (as in the lesson)


def undated_korea_herald() -> list[str]:
    """The typical partial answer: the pages that print no date at all."""
    return [d.doc_id for d in _corpus() if d.outlet == "The Korea Herald"]


def kh_month() -> str:
    return _corpus()["koreaherald-2012-05"].meta["published"]


def yonhap_weekday() -> str:
    """The weekday the Yonhap official 'said' something on: the day of the dateline."""
    doc = _corpus()["yonhap-2012-06-27"]
    return re.search(r"said (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)", doc.text).group(1)


def yonhap_years() -> list[int]:
    """Candidate years in which 27 June fell on the weekday the page gives."""
    day = yonhap_weekday()
    return [y for y in YONHAP_CANDIDATE_YEARS if date(y, 6, 27).strftime("%A") == day]


def wapo_talks_date() -> str:
    """The value of the first 'Monday' in the Washington Post page's time layer."""
    timexes = _corpus().annotations.timexes["wapo-2011-01-11"]
    return next(t.value for t in timexes if t.text == "Monday")


# -- checks --------------------------------------------------------------------

@_needs_answer
def _check_inferred(answer: Any) -> Feedback:
    expected = inferred_dates()
    hint = doc_id_list_hint(answer, "Compare with True written without quotes: "
                                    "\"True\" in quotes is text, and the column holds booleans.")
    if hint is not None:
        return hint
    if isinstance(answer, (list, tuple, set)) and sorted(answer) == sorted(undated_korea_herald()):
        return Feedback(False, "Those two print no date at all, but two more pages have inferred dates: "
                               "Yonhap prints 'June 27' with no year, and Ahram prints AFP's date, not its own. "
                               "Filter on published_inferred instead of reading the pages.")
    return same_items(answer, expected,
                      "Filter the table: table[table[\"published_inferred\"] == True].index.tolist() "
                      "(True without quotes: it is a boolean, not text).",
                      "Yes: only the Washington Post prints its own date. Four of five dates were worked out.")


@_needs_answer
def _check_month(answer: Any) -> Feedback:
    expected = kh_month()
    if not isinstance(answer, str):
        return Feedback(False, "Give the month as text in the form \"YYYY-MM\", in quotes.")
    a = answer.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a):
        return Feedback(False, "That is a day. Nothing on this page fixes the day, so give only the month: "
                               "\"YYYY-MM\", for example \"2010-11\".")
    if not re.fullmatch(r"\d{4}-\d{2}", a):
        return Feedback(False, "Write the month as \"YYYY-MM\", for example \"2010-11\" for November 2010.")
    if a.startswith("2011"):
        return Feedback(False, "'since January last year' is glossed '(January 2011)' in the quote: so "
                               "'last year' is 2011, and the page was written the year after.")
    if a.endswith("-04"):
        return Feedback(False, "The rocket 'that failed on April 13' is in the past, and the page speaks of "
                               "'the end of the month' and 'the end of May' as the same target.")
    if a.endswith("-06"):
        return Feedback(False, "The page still expects a signing at 'the end of May'; by June that would be past.")
    return equal(a, expected, "Combine the year from 'last year' = 2011 with the month of "
                              "'the end of the month' = 'the end of May'.",
                 praise="Yes: May 2012, to the month. Nothing on the page fixes the day.")


@_needs_answer
def _check_years(answer: Any) -> Feedback:
    expected = yonhap_years()
    if isinstance(answer, int) and not isinstance(answer, bool):
        return Feedback(False, "Put the year in a list, like [2010], even if there is only one.")
    if isinstance(answer, (list, tuple)) and any(isinstance(y, str) for y in answer):
        return Feedback(False, "Write the years as numbers, without quotes: [2010], not [\"2010\"].")
    if not isinstance(answer, list):
        return Feedback(False, "Give a list of years, like [2010, 2011].")
    outside = [y for y in answer if y not in YONHAP_CANDIDATE_YEARS]
    if outside:
        return Feedback(False, f"Only look at the years the loop printed, 2011 to 2016 ({outside} is outside).")
    return equal(sorted(answer), expected, "Look down the printed list for the years where 27 June is a "
                                           "Wednesday, the day the official 'said'.",
                 praise="Yes: of the possible years, only in 2012 was 27 June a Wednesday.")


@_needs_answer
def _check_talks(answer: Any) -> Feedback:
    expected = wapo_talks_date()
    published = _corpus()["wapo-2011-01-11"].published
    if not isinstance(answer, str):
        return Feedback(False, "Give the date as text in the form \"YYYY-MM-DD\", in quotes.")
    a = answer.strip()
    if a == published:
        return Feedback(False, "That is the date the article was published (Tuesday). The talks were held "
                               "'Monday': look at the value of 'Monday' in the time layer.")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", a):
        return Feedback(False, "Write the date as \"YYYY-MM-DD\", for example \"2010-11-23\".")
    return equal(a, expected, "Find the row whose text is 'Monday' in the Washington Post's time "
                              "expressions and read its value.",
                 praise="Yes: Monday 10 January 2011, the day before the printed date. Yonhap's "
                        "'Since early 2011' and the Korea Herald's 'January last year' point to the same talks.")


TRYITS = [
    TryIt(
        id="02.1",
        prompt="Which pages have a publication date that was inferred (worked out), not printed as the "
               "article's own date? Filter the table on `published_inferred` and give the `doc_id`s as a list.",
        check=_check_inferred,
        answer='answer = table[table["published_inferred"] == True].index.tolist()',
        right=inferred_dates,
        wrong=undated_korea_herald,
        explanation="Four pages. The two Korea Herald pages print no date; Yonhap prints 'June 27' with no "
                    "year; Ahram Online prints AFP's date ('AFP, Monday 10 Jan 2011'), not its own posting "
                    "date. Only the Washington Post prints its own date.",
    ),
    TryIt(
        id="02.2",
        prompt="From the clues in its text, in which month was `koreaherald-2012-05` written? Answer as a "
               "string \"YYYY-MM\".",
        check=_check_month,
        answer='answer = "2012-05"',
        right=kh_month,
        wrong=lambda: "2011-05",
        explanation="'since January last year' with the gloss '(January 2011)' puts it in 2012; the rocket "
                    "'that failed on April 13' is past; 'the end of the month' is 'the end of May'. "
                    "So May 2012, to the month, with high confidence.",
    ),
    TryIt(
        id="02.3",
        prompt="In which of the years 2011 to 2016 was 27 June a Wednesday? Give a list of years "
               "(numbers, no quotes).",
        check=_check_years,
        answer="answer = [2012]",
        right=yonhap_years,
        wrong=lambda: yonhap_years()[0],
        explanation="Only 2012. The Yonhap dateline 'June 27' has no year, but the official 'said Wednesday' "
                    "and the Cabinet approved the pact 'on Tuesday' (26 June 2012 was a Tuesday).",
    ),
    TryIt(
        id="02.4",
        prompt="According to the Washington Post page, on which date were the talks in Seoul held? Use the "
               "time layer and answer as a string \"YYYY-MM-DD\".",
        check=_check_talks,
        answer='answer = "2011-01-10"',
        right=wapo_talks_date,
        wrong=lambda: _corpus()["wapo-2011-01-11"].published,
        explanation="The page is dated Tuesday, January 11, 2011, and the talks were held 'Monday', the day "
                    "before. The time layer resolves 'Monday' to 2011-01-10 against the printed date.",
    ),
]
