"""Lesson 02 "Dating documents": try-it checks.

Expected values come from the corpus metadata, the time layer and the calendar.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    describe,
    doc_id_list_hint,
    equal,
    iso_date,
    same_items,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus

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

SETUP = """
import kjpacts
from datetime import date
corpus = kjpacts.load()
table = corpus.frame()
timex = corpus.frame("timex")
wapo_times = timex[timex["doc_id"] == "wapo-2011-01-11"]
"""


def _check_inferred(answer: Any) -> Feedback:
    expected = inferred_dates()
    hint = doc_id_list_hint(answer, "Compare with True written without quotes: "
                                    "\"True\" in quotes is text, and the column holds booleans.")
    if hint is not None:
        return hint
    if isinstance(answer, (list, tuple, set)) and sorted(answer) == sorted(undated_korea_herald()):
        return Feedback(False, f"Those {len(answer)} print no date at all, but more pages have inferred dates: "
                               "Yonhap prints 'June 27' with no year, and Ahram prints AFP's date, not its own. "
                               "Filter on published_inferred instead of reading the pages.")
    own = len(_corpus()) - len(expected)
    return same_items(answer, expected,
                      "Keep the rows whose published_inferred is True (True without quotes: it is a boolean, "
                      "not text) and give their doc_ids.",
                      f"Yes: only {own} page prints its own date. {len(expected)} of {len(_corpus())} dates "
                      "were worked out.")


def _check_month(answer: Any) -> Feedback:
    expected = kh_month()
    a = answer.strip() if isinstance(answer, str) else answer
    if isinstance(a, str) and a.startswith("2011-"):
        return Feedback(False, "'since January last year' is glossed '(January 2011)' in the quote: so "
                               "'last year' is 2011, and the page was written the year after.")
    if isinstance(a, str) and len(a) == 7 and a.endswith("-04"):
        return Feedback(False, "The rocket 'that failed on April 13' is in the past, and the page speaks of "
                               "'the end of the month' and 'the end of May' as the same target.")
    if isinstance(a, str) and len(a) == 7 and a.endswith("-06"):
        return Feedback(False, "The page still expects a signing at 'the end of May'; by June that would be past.")
    return iso_date(a, expected, "Combine the year from 'last year' = 2011 with the month of "
                                 "'the end of the month' = 'the end of May'.",
                    praise=f"Yes: {expected}, to the month. Nothing on the page fixes the day.")


def _check_years(answer: Any) -> Feedback:
    expected = yonhap_years()
    day = yonhap_weekday()
    if isinstance(answer, int) and not isinstance(answer, bool):
        return Feedback(False, "Put the year in a list, like [2010], even if there is only one.")
    if isinstance(answer, (list, tuple)) and any(isinstance(y, str) for y in answer):
        return Feedback(False, "Write the years as numbers, without quotes: [2010], not [\"2010\"].")
    if not isinstance(answer, list):
        return Feedback(False, f"Give a list of years, like [2010, 2011]; you gave {describe(answer)}.")
    first, last = YONHAP_CANDIDATE_YEARS[0], YONHAP_CANDIDATE_YEARS[-1]
    outside = [y for y in answer if y not in YONHAP_CANDIDATE_YEARS]
    if outside:
        return Feedback(False, f"Only look at the years the loop printed, {first} to {last} ({outside} is outside).")
    return equal(sorted(answer), expected, f"Look down the printed list for the years where 27 June is a "
                                           f"{day}, the day the official 'said'.",
                 praise=f"Yes: of the possible years, only in {', '.join(map(str, expected))} was 27 June a {day}.")


def _check_talks(answer: Any) -> Feedback:
    expected = wapo_talks_date()
    published = _corpus()["wapo-2011-01-11"].published
    return iso_date(answer, expected, "Find the row whose text is 'Monday' in the Washington Post's time "
                                      "expressions and read its value.",
                    praise="Yes: the Monday before the printed date. Yonhap's 'Since early 2011' and the Korea "
                           "Herald's 'January last year' point to the same talks.",
                    wrong={published: "That is the date the article was published (Tuesday). The talks were held "
                                      "'Monday': look at the value of 'Monday' in the time layer."})


TRYITS = [
    TryIt(
        id="02.1",
        skill="filter a table on a True/False column",
        prompt="Which pages have a publication date that was inferred (worked out), not printed as the "
               "article's own date? Give the `doc_id`s as a list.",
        check=_check_inferred,
        answer='answer = table[table["published_inferred"] == True].index.tolist()',
        wrongs=(('answer = table[table["published_inferred"] == "True"].index.tolist()', "without quotes"),
                ('answer = ["koreaherald-2012-05", "koreaherald-2012-05-13"]', "print no date at all"),
                ('answer = table[table["published_inferred"]]', "filtered table"),
                ('answer = table["published_inferred"]', "True/False")),
        explanation="Four pages. The two Korea Herald pages print no date; Yonhap prints 'June 27' with no "
                    "year; Ahram Online prints AFP's date ('AFP, Monday 10 Jan 2011'), not its own posting "
                    "date. Only the Washington Post prints its own date.",
    ),
    TryIt(
        id="02.2",
        skill="date a page from its internal clues",
        prompt="From the clues in its text, in which month was `koreaherald-2012-05` written? Answer as a "
               "string \"YYYY-MM\".",
        check=_check_month,
        answer='answer = "2012-05"',
        wrongs=(('answer = "2011-05"', "last year"), ('answer = "2012-05-13"', "That is a day"),
                ('answer = "May 2012"', "ISO form"), ('answer = "2012-04"', "rocket"), ("answer = 2012", "text in quotes")),
        explanation="'since January last year' with the gloss '(January 2011)' puts it in 2012; the rocket "
                    "'that failed on April 13' is past; 'the end of the month' is 'the end of May'. "
                    "So May 2012, to the month, with high confidence.",
    ),
    TryIt(
        id="02.3",
        skill="use the calendar to narrow a year",
        prompt="In which of the years 2011 to 2016 was 27 June a Wednesday? Give a list of years "
               "(numbers, no quotes).",
        check=_check_years,
        answer='answer = [y for y in range(2011, 2017) if date(y, 6, 27).strftime("%A") == "Wednesday"]',
        wrongs=(("answer = 2012", "in a list"), ('answer = ["2012"]', "without quotes"),
                ("answer = [2010]", "outside"), ("answer = [2013]", "Wednesday")),
        explanation="Only 2012. The Yonhap dateline 'June 27' has no year, but the official 'said Wednesday' "
                    "and the Cabinet approved the pact 'on Tuesday' (26 June 2012 was a Tuesday).",
    ),
    TryIt(
        id="02.4",
        skill="read a resolved date from the time layer",
        prompt="According to the Washington Post page, on which date were the talks in Seoul held? Use the "
               "time layer and answer as a string \"YYYY-MM-DD\".",
        check=_check_talks,
        answer='answer = wapo_times[wapo_times["text"] == "Monday"]["value"].iloc[0]',
        wrongs=(('answer = "2011-01-11"', "date the article was published"), ('answer = "10 January 2011"', "ISO form"),
                ('answer = "2011-1-10"', "leading zeros"), ('answer = "2011-01-09"', "Monday")),
        explanation="The page is dated Tuesday, January 11, 2011, and the talks were held 'Monday', the day "
                    "before. The time layer resolves 'Monday' to 2011-01-10 against the printed date.",
    ),
]
