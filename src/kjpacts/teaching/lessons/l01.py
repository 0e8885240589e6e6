"""Lesson 01 "Pages as found": try-it checks.

Every expected value is computed from the corpus, so the checks follow the data.
"""

from __future__ import annotations

from typing import Any

from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    describe,
    doc_id_list_hint,
    number,
    one_of,
    same_items,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.outside import outside_record

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

SETUP = """
import kjpacts
corpus = kjpacts.load()
doc = corpus["ahram-2011-01-10"]
yonhap = corpus["yonhap-2012-06-27"]
table = corpus.frame()
"""


def _check_furniture(answer: Any) -> Feedback:
    doc = _corpus()["yonhap-2012-06-27"]
    expected = len(doc.boilerplate)
    ahram = _corpus()["ahram-2011-01-10"]
    if isinstance(answer, (list, tuple)):
        return Feedback(False, "That is the list itself. Put it inside len( ) to count its items.")
    categories = sorted({e.category for e in doc.boilerplate})
    return number(answer, expected, "The variable yonhap holds the Yonhap page; count the items "
                                    "of its .boilerplate.",
                  praise=f"Yes: {expected} pieces of page furniture (categories: {', '.join(categories)}).",
                  wrong={len(doc.edits): f"That counts every edit ({len(doc.edits)}), typography fixes included. "
                                         "Count only the page furniture, the .boilerplate.",
                         len(ahram.boilerplate): "That is the Ahram page's count: doc still holds the Ahram page. "
                                                 "Count the Yonhap page's .boilerplate instead."})


def _check_organisations(answer: Any) -> Feedback:
    expected = ahram_organisations()
    yonhap = _corpus()["yonhap-2012-06-27"].meta
    if isinstance(answer, (list, tuple)) and yonhap["outlet"] in answer:
        return Feedback(False, "Those are the Yonhap page's facts: take them from the Ahram page's doc.meta.")
    if isinstance(answer, str):
        return Feedback(False, "Give a list of three names, like [a, b, c], built from doc.meta; you gave one text.")
    if isinstance(answer, (list, tuple)) and len(answer) != len(set(map(repr, answer))):
        agency = _corpus()["ahram-2011-01-10"].meta["agency"]
        byline = (f" The byline is {agency} too (no reporter is named): the third organisation is the photo's, under "
                  "doc.meta[\"photo_agency\"]; doc.meta.keys() lists every key." if list(answer).count(agency) > 1 else "")
        return Feedback(False, "A name appears twice in your list. Give each of the three organisations once." + byline)
    if isinstance(answer, (list, tuple, set)) and all(isinstance(a, str) for a in answer) \
            and sorted(a.lower() for a in answer) == sorted(e.lower() for e in expected) and set(answer) != set(expected):
        return Feedback(False, "Right organisations, but spelled differently (capital letters count). "
                               "Take the names from doc.meta instead of typing them.")
    photo = _corpus()["ahram-2011-01-10"].meta["photo_agency"]
    if isinstance(answer, (list, tuple, set)) and photo not in answer and set(answer) < set(expected):
        return Feedback(False, "One organisation is missing: who took the photo? Look at doc.meta[\"photo_agency\"].")
    return same_items(answer, expected,
                      "Use the three keys \"outlet\", \"agency\" and \"photo_agency\" of doc.meta, "
                      "for the Ahram page.",
                      f"Yes: one page, three organisations. {expected[0]} published it, {expected[1]} wrote the "
                      f"text and {expected[2]} took the photo.")


def _check_after_body(answer: Any) -> Feedback:
    expected = bylines_after_body()
    hint = doc_id_list_hint(answer, "Check the column name and the value: \"after-body\", with a hyphen, in quotes.")
    if hint is not None:
        return hint
    outlets = sorted({_corpus()[d].outlet for d in expected})
    return same_items(answer, expected,
                      "Keep the rows of the table whose byline_position is \"after-body\", then take "
                      "their doc_ids as a list.",
                      f"Yes: {len(expected)} pages ({', '.join(outlets)}) print the byline after the article. "
                      "A reader or a scraper looking under the headline finds no author.")


def _check_here(answer: Any) -> Feedback:
    expected = wapo_dateline_city()
    if not isinstance(answer, str):
        return Feedback(False, f"Give the city's name as text, in quotes; you gave {describe(answer)}.")
    if answer.strip().lower() == "seoul":
        return Feedback(False, "Seoul is where the defence ministers met, but 'here' is written from where "
                               "the reporter filed the story. Read the dateline at the start of the article.")
    if answer.strip().lower() == "washington":
        return Feedback(False, "Washington is where the paper is based, not where this story was filed. "
                               "Read the dateline.")
    return one_of(answer, [expected], "Read the dateline at the start of the article: the place before the dash.",
                  praise=f"Yes. By the dateline convention {outside_record('ox-dateline-convention').cite()}, 'here' "
                         f"in a news story means the dateline city, so this page most likely locates Mullen's remarks "
                         f"in {expected} without saying so in words.")


#: The outside records the lateral-reading section shows (corpus/outside/records.json).
OUTLET_RECORDS = ["ox-wire-service-definition", "ox-outlet-afp-statute", "ox-outlet-afp-state-subscriptions",
                  "ox-outlet-ahram-online", "ox-outlet-al-ahram-state-owned", "ox-outlet-yonhap-national-agency",
                  "ox-outlet-yonhap-funding", "ox-outlet-korea-herald-founding", "ox-outlet-korea-herald-owner-2012",
                  "ox-outlet-washington-post-owner-2011"]
POSTPONEMENT_RECORDS = ["ox-gsomia-signing-postponed-2012-06-29-ap", "ox-gsomia-signing-postponed-2012-06-29-yonhap",
                        "ox-gsomia-signing-postponed-2012-06-29-upi",
                        "ox-gsomia-postponed-secret-cabinet-approval-koreaherald", "ox-gsomia-signed-2016-11-23-kyodo",
                        "ox-presidential-election-2012-12-19", "ox-gsomia-postponed-election-year-nyt"]


def _check_grants(answer: Any) -> Feedback:

    expected = _corpus()["yonhap-2012-06-27"].outlet
    if not isinstance(answer, str):
        return Feedback(False, f"Give the outlet's name as text, as in the outlet column; you gave {describe(answer)}.")
    a = answer.strip().lower()
    if "ahram" in a:
        return Feedback(False, "Ahram Online's parent is majority-owned by the Egyptian government "
                               f"{outside_record('ox-outlet-al-ahram-state-owned').cite()}: that is ownership. "
                               "Which record speaks of grants?")
    if "afp" in a or "france" in a:
        return Feedback(False, "AFP's statutes forbid direct subsidies; the French state is its primary client, through subscriptions "
                               f"{outside_record('ox-outlet-afp-state-subscriptions').cite()}. Which record speaks of grants?")
    if "herald" in a:
        return Feedback(False, "The Korea Herald's 2012 chairman had been a lawmaker "
                               f"{outside_record('ox-outlet-korea-herald-owner-2012').cite()}, but no record says the "
                               "government funds it.")
    if "yonhap" in a and a != expected.lower():
        return Feedback(False, f"Right outlet; give its name exactly as the outlet column prints it: {expected!r}.")
    record = outside_record("ox-outlet-yonhap-funding")
    return one_of(answer, [expected], "Read the fact column of the records above: which one mentions government grants?",
                  praise=f"Yes: {record.fact} {record.cite()}. A national agency funded partly by the state is "
                         "a source to weigh, not to dismiss: ask what it gains from each story.")


TRYITS = [
    TryIt(
        id="01.1",
        skill="count a document's removed page furniture",
        prompt="How many pieces of page furniture were removed from the Yonhap page "
               "(`yonhap-2012-06-27`)? The answer is a number.",
        check=_check_furniture,
        answer="answer = len(yonhap.boilerplate)",
        wrongs=(("answer = len(yonhap.edits)", "every edit"), ("answer = len(doc.boilerplate)", "Ahram page's count"),
                ('answer = "4"', "it is text"), ("answer = yonhap.boilerplate", "inside len")),
        explanation="Four: 'select languages', 'latestnewslatestnews RSS', the breadcrumb "
                    "'Home > National > Politics/Diplomacy', and the version tag '(3rd LD)', which is kept "
                    "in the metadata. `.edits` (26) also counts the typography fixes.",
    ),
    TryIt(
        id="01.2",
        skill="read several metadata fields into a list",
        prompt="Build a list of the three organisations whose work appears on the Ahram page: the outlet, "
               "the agency that wrote the text, and the agency that took the photo. Take them from "
               "`doc.meta`, not by typing.",
        check=_check_organisations,
        answer='answer = [doc.meta["outlet"], doc.meta["agency"], doc.meta["photo_agency"]]',
        wrongs=(('answer = [doc.meta["outlet"], doc.meta["agency"]]', "who took the photo"),
                ('answer = [yonhap.meta["outlet"], yonhap.meta["agency"], yonhap.meta["photo_agency"]]', "Yonhap page"),
                ('answer = ["ahram online", "afp", "ap"]', "spelled differently"),
                ('answer = doc.meta["outlet"]', "list of three"),
                ('answer = [doc.meta["outlet"], doc.meta["agency"], doc.meta["byline"]]', "no reporter is named")),
        explanation="Ahram Online, AFP and AP. The order does not matter. The photo's agency is easy to "
                    "miss because the photo and its caption were removed from the clean text as page "
                    "furniture (they are kept in `doc.captions`).",
        open_code=False,
    ),
    TryIt(
        id="01.3",
        skill="filter a table on one column",
        prompt="Which pages print their byline after the body of the article? Give the `doc_id`s as a list.",
        check=_check_after_body,
        answer='answer = table[table["byline_position"] == "after-body"].index.tolist()',
        wrongs=(('answer = table[table["byline_position"] == "after-body"]', "filtered table"),
                ('answer = table[table["byline_position"] == "after body"].index.tolist()', "empty"),
                ('answer = table[table["byline_position"] == "after-body"].index.tolist()[:1]', "1 missing"),
                ('answer = "koreaherald-2012-05"', "not a single string")),
        explanation="Both Korea Herald pages: 'By Song Sang-ho' and the cut-off 'By Choi He-suk ('. "
                    "A byline after the body is content, so the cleaning keeps it.",
    ),
    TryIt(
        id="01.4",
        skill="read a dateline",
        prompt="The Washington Post page says: 'Speaking here on Dec. 9, Adm. Mike Mullen ... urged ...'. "
               "By the dateline convention, which city does 'here' point to? Answer with the city's name "
               "as a string.",
        check=_check_here,
        answer='answer = "Tokyo"',
        wrongs=(('answer = "Seoul"', "where the defence ministers met"), ('answer = "Washington"', "where the paper is based"),
                ('answer = ["Tokyo"]', "as text")),
        explanation="The dateline is 'TOKYO -', so 'here' is Tokyo, although the talks the article reports "
                    "were held 'Monday in Seoul'. A dateline says where the story was filed from.",
    ),
    TryIt(
        id="01.5",
        skill="read laterally: check an outlet in the outside records",
        prompt="According to the outside records, which outlet of the corpus is funded partly by government grants? "
               "Give its name as the outlet column of the metadata table prints it.",
        check=_check_grants,
        answer='answer = "Yonhap News Agency"',
        wrongs=(('answer = "Ahram Online"', "ownership"), ('answer = "AFP"', "subsidies"),
                ('answer = "The Korea Herald"', "no record says"), ('answer = "yonhap"', "exactly")),
        explanation="Yonhap: 'funded by government grants, income from a state-created fund, and sales of its content "
                    "to media' (outside record ox-outlet-yonhap-funding, high). Al-Ahram is state-owned (ownership, not "
                    "grants); AFP's statutes forbid direct subsidies. The point is to read each record's source as "
                    "closely as the page.",
    ),
]
