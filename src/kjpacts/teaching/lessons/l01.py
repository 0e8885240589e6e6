"""Lesson 01 "Pages as found": try-it checks.

Every expected value is computed from the corpus, so the checks follow the data.
"""

from __future__ import annotations

from typing import Any

from kjpacts.teaching.checks import Feedback, TryIt, doc_id_list_hint, equal, one_of, same_items
from kjpacts.teaching.checks import needs_answer as _needs_answer
from kjpacts.teaching.checks import shipped_corpus as _corpus


# -- expected values -----------------------------------------------------------

def yonhap_furniture_count() -> int:
    return len(_corpus()["yonhap-2012-06-27"].boilerplate)


def ahram_organisations() -> list[str]:
    meta = _corpus()["ahram-2011-01-10"].meta
    return [meta["outlet"], meta["agency"], meta["photo_agency"]]


def bylines_after_body() -> list[str]:
    table = _corpus().frame()
    return table[table["byline_position"] == "after-body"].index.tolist()


def wapo_dateline_city() -> str:
    """The Washington Post page's dateline as a city name ('TOKYO' -> 'Tokyo')."""
    return _corpus()["wapo-2011-01-11"].meta["dateline"].title()


# -- checks --------------------------------------------------------------------

@_needs_answer
def _check_furniture(answer: Any) -> Feedback:
    doc = _corpus()["yonhap-2012-06-27"]
    expected = len(doc.boilerplate)
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == len(doc.edits):
        return Feedback(False, "That counts every edit, typography fixes included (doc.edits). "
                               "Count only the page furniture: len(yonhap.boilerplate).")
    if isinstance(answer, (list, tuple)):
        return Feedback(False, "That is the list itself. Put it inside len( ) to count its items.")
    if isinstance(answer, str):
        return Feedback(False, "Give a number, without quotes: len(...) gives one.")
    ahram = _corpus()["ahram-2011-01-10"]
    if isinstance(answer, int) and not isinstance(answer, bool) and answer == len(ahram.boilerplate):
        return Feedback(False, "That is the Ahram page's count: doc still holds the Ahram page. "
                               "Count the Yonhap page instead: len(yonhap.boilerplate).")
    return equal(answer, expected, "Not quite. The variable yonhap holds the Yonhap page; "
                                   "count its .boilerplate with len( ).",
                 praise=f"Yes: {expected} pieces, three lines of site navigation and the version tag "
                        "'(3rd LD)'.")


@_needs_answer
def _check_organisations(answer: Any) -> Feedback:
    expected = ahram_organisations()
    yonhap = _corpus()["yonhap-2012-06-27"].meta
    if isinstance(answer, (list, tuple)) and yonhap["outlet"] in answer:
        return Feedback(False, "Those are the Yonhap page's facts: doc now points to another page. "
                               "Use doc = corpus[\"ahram-2011-01-10\"] first.")
    if isinstance(answer, str):
        return Feedback(False, "Give a list of three names, like [a, b, c], built from doc.meta.")
    if isinstance(answer, (list, tuple)) and len(answer) != len(set(map(repr, answer))):
        return Feedback(False, "A name appears twice in your list. Give each of the three organisations once.")
    if isinstance(answer, (list, tuple, set)) and all(isinstance(a, str) for a in answer) \
            and sorted(a.lower() for a in answer) == sorted(e.lower() for e in expected) and set(answer) != set(expected):
        return Feedback(False, "Right organisations, but spelled differently (capital letters count). "
                               "Take the names from doc.meta instead of typing them.")
    if isinstance(answer, (list, tuple, set)) and "AP" not in answer and set(answer) < set(expected):
        return Feedback(False, "One organisation is missing: who took the photo? Look at doc.meta[\"photo_agency\"].")
    return same_items(answer, expected,
                      "Use the three keys \"outlet\", \"agency\" and \"photo_agency\" of doc.meta, "
                      "for the Ahram page.",
                      "Yes: one page, three organisations. Ahram Online published it, AFP wrote the text "
                      "and AP took the photo.")


@_needs_answer
def _check_after_body(answer: Any) -> Feedback:
    expected = bylines_after_body()
    hint = doc_id_list_hint(answer, "Check the column name and the value: \"after-body\", with a hyphen, in quotes.")
    if hint is not None:
        return hint
    return same_items(answer, expected,
                      "Filter the table on the column byline_position, keeping rows equal to "
                      "\"after-body\", then take .index.tolist().",
                      "Yes: both Korea Herald pages print the byline after the article. A reader or a "
                      "scraper looking under the headline finds no author.")


@_needs_answer
def _check_here(answer: Any) -> Feedback:
    expected = wapo_dateline_city()
    if not isinstance(answer, str):
        return Feedback(False, "Give the city's name as text, in quotes.")
    if answer.strip().lower() == "seoul":
        return Feedback(False, "Seoul is where the defence ministers met, but 'here' is written from where "
                               "the reporter filed the story. Read the dateline at the start of the article.")
    if answer.strip().lower() == "washington":
        return Feedback(False, "Washington is where the paper is based, not where this story was filed. "
                               "Read the dateline.")
    return one_of(answer, [expected], "Read the dateline at the start of the article: the place before the dash.",
                  praise="Yes. By convention, 'here' in a news story means the dateline city, so this "
                         "page locates Mullen's remarks in Tokyo without saying so in words.")


TRYITS = [
    TryIt(
        id="01.1",
        prompt="How many pieces of page furniture were removed from the Yonhap page "
               "(`yonhap-2012-06-27`)? Count that page's `.boilerplate` with `len()`.",
        check=_check_furniture,
        answer='yonhap = corpus["yonhap-2012-06-27"]\nanswer = len(yonhap.boilerplate)',
        right=yonhap_furniture_count,
        wrong=lambda: len(_corpus()["yonhap-2012-06-27"].edits),
        explanation="Four: 'select languages', 'latestnewslatestnews RSS', the breadcrumb "
                    "'Home > National > Politics/Diplomacy', and the version tag '(3rd LD)', which is kept "
                    "in the metadata. `.edits` (26) also counts the typography fixes.",
    ),
    TryIt(
        id="01.2",
        prompt="Build a list of the three organisations whose work appears on the Ahram page: the outlet, "
               "the agency that wrote the text, and the agency that took the photo. Take them from "
               "`doc.meta`, not by typing.",
        check=_check_organisations,
        answer='doc = corpus["ahram-2011-01-10"]\n'
               'answer = [doc.meta["outlet"], doc.meta["agency"], doc.meta["photo_agency"]]',
        right=ahram_organisations,
        wrong=lambda: ahram_organisations()[:2],
        explanation="Ahram Online, AFP and AP. The order does not matter. The photo's agency is easy to "
                    "miss because the photo and its caption were removed from the clean text as page "
                    "furniture (they are kept in `doc.captions`).",
    ),
    TryIt(
        id="01.3",
        prompt="Which pages print their byline after the body of the article? Filter the metadata table "
               "on the column `byline_position` and give the `doc_id`s as a list.",
        check=_check_after_body,
        answer='answer = table[table["byline_position"] == "after-body"].index.tolist()',
        right=bylines_after_body,
        wrong=lambda: bylines_after_body()[:1],
        explanation="Both Korea Herald pages: 'By Song Sang-ho' and the cut-off 'By Choi He-suk ('. "
                    "A byline after the body is content, so the cleaning keeps it.",
    ),
    TryIt(
        id="01.4",
        prompt="The Washington Post page says: 'Speaking here on Dec. 9, Adm. Mike Mullen ... urged ...'. "
               "By the dateline convention, which city does 'here' point to? Answer with the city's name "
               "as a string.",
        check=_check_here,
        answer='answer = "Tokyo"',
        right=lambda: wapo_dateline_city(),
        wrong=lambda: "Seoul",
        explanation="The dateline is 'TOKYO -', so 'here' is Tokyo, although the talks the article reports "
                    "were held 'Monday in Seoul'. A dateline says where the story was filed from.",
    ),
]
