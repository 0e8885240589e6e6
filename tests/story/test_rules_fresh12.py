"""Rules written after the fresh-12 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import pytest

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."
CAPTION = "Minister Jane Roe meets Minister John Doe, center, at a hotel in Busan, Korea, May 2, 2021."


def test_a_caption_printed_twice_goes_even_before_the_headline_and_with_its_credit_added():
    from kjpacts.story.provenance import analyse_lines

    lay = analyse_lines("\n".join([CAPTION, CAPTION + " (Jane Doe/City Hall)", "BUSAN, Korea \u2014 " + PROSE, MORE]))
    assert lay.captions == [CAPTION, CAPTION + " (Jane Doe/City Hall)"]
    assert lay.headline is None  # the caption is not taken for a headline
    credit = "The ministers vowed to strengthen their ties, based on the outcome of their Saturday meeting. (Busan City)"
    assert analyse_lines("\n".join(["Ministers meet in Busan", credit, credit, PROSE, MORE])).captions == [credit]


@pytest.mark.parametrize("first,second", [
    (PROSE, PROSE),  # a paragraph printed twice ends like a sentence, not like a caption: kept
    (CAPTION, CAPTION + " Officials said more talks would follow."),  # more than a credit was added
])
def test_not_a_caption_printed_twice(first, second):
    from kjpacts.story.furniture import caption_twice

    assert not caption_twice(first, second)


def test_a_date_line_after_a_long_menu_item_is_still_in_the_header():
    from kjpacts.story.provenance import provenance

    page = "\n".join(["Since 1900", "  \u2022 Ministers of Japan and Korea agree on measures to prevent a radar incident",
                      "Ministers of Japan and Korea agree on measures to prevent a radar incident",
                      "02 Jun 2024 02:06:21 GMT9", "02 Jun 2024 02:06:21 GMT9", PROSE, MORE])
    meta = provenance(page, None)
    assert (meta["published"], meta["published_precision"]) == ("2024-06-02", "day")
    assert meta["headline"] == "Ministers of Japan and Korea agree on measures to prevent a radar incident"
    assert not any(e.startswith("Agrees:") for e in meta["published_evidence"])  # one date printed twice: one witness


@pytest.mark.parametrize("line", ["ZCZC", "NNNN", "ABC-28", "SKOREA-JAPAN-DIPLOMACY-DEFENCE", "Accessibility links"])
def test_wire_transmission_codes(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None


@pytest.mark.parametrize("line", ["F-35", "KOREA-JAPAN", "MIG-29 jets flew over Busan."])
def test_not_wire_codes(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_a_wire_item_code_glued_before_the_headline():
    from kjpacts.story.furniture import prefix_furniture

    assert prefix_furniture("ABC-28 Ministers to scrap the pact with Japan")[0] == "ABC-28 "
    assert prefix_furniture("F-35 jets land in Busan") is None


def test_a_sentence_the_page_broke_in_two_is_no_fragment():
    from kjpacts.story.furniture import body_fragments

    broken = "The minister's trip to Busan is the first in six years for a"
    assert body_fragments([PROSE, broken, "Japanese minister. " + MORE, PROSE]) == []
    assert body_fragments([PROSE, "see more of the", MORE]) == [1]  # under eight words: a link or label


# --- TIMEX -----------------------------------------------------------------------------------------

def _tx(text: str, published: str = "2021-05-07") -> list[tuple[str, str, str]]:
    from kjpacts.story.timex import find_timexes

    return [(t["text"], t["value"], t["type"]) for t in find_timexes(text, published, "day")]


@pytest.mark.parametrize("sentence,expected", [
    ("The pact was due to expire at midnight.", ("midnight", "2021-05-07T00:00", "TIME")),  # the midnight past
    ("The pact will expire at midnight.", ("midnight", "2021-05-07T24:00", "TIME")),
    ("The ministers meet at noon.", ("noon", "2021-05-07T12:00", "TIME")),
    ("The signing was to take place Friday afternoon.", ("Friday afternoon", "2021-05-07TAF", "TIME")),
    ("Japan released a 13-minute-long video.", ("13-minute-long", "PT13M", "DURATION")),
    ("The talks began on Nov. 13, 2019. Tests came the following year.", ("the following year", "2020", "DATE")),
    ("They met on Tuesday. In the previous week, talks had stalled.", ("the previous week", "2021-W17", "DATE")),
    ("It was quiet in the previous month.", ("the previous month", "2021-04", "DATE")),  # no date before it
])
def test_times_after_fresh12(sentence, expected):
    assert expected in _tx(sentence)


def test_the_following_year_is_anchored_on_the_date_before_it():
    from kjpacts.story.timex import find_timexes, link_anchors

    recs = find_timexes("The talks began on Nov. 13, 2019. Tests came the following year.", "2021-05-07", "day")
    for i, r in enumerate(recs, 1):
        r["id"] = f"t{i}"
    linked = {r["text"]: r["anchor"] for r in link_anchors(recs)}
    assert linked["the following year"] == next(r["id"] for r in recs if r["text"] == "Nov. 13, 2019")


# --- persons and cues --------------------------------------------------------------------------------

def _persons(text: str) -> list[tuple[str, str]]:
    from kjpacts.story.mentions import find_mentions

    return [(m["text"], m["key"]) for m in find_mentions(text, None) if m["type"] == "person"]


def test_a_japanese_surname_in_capitals_and_later_in_title_case():
    found = _persons("Defense Minister ROE Taro met his counterpart in Busan. Later, Roe and Doe agreed to meet again.")
    assert ("ROE Taro", "roetaro") in found and ("Roe", "roetaro") in found


def test_secretary_general_is_a_title_not_a_first_name():
    assert _persons("Secretary General Jane Roe spoke in Busan.") == [("Jane Roe", "janeroe")]


def _cues(text: str) -> list[tuple[str, str | None]]:
    from tests.story.test_rules_fresh6 import _cues as cues

    return cues(text)


@pytest.mark.parametrize("sentence,cue", [
    ("But Roe cautions that the talks could fail over history.", "cautions"),
    ("The opposition objected to the deal, calling it rushed.", "objected to"),
    ("The city refused to admit that its ship had aimed a radar at the plane.", "refused to admit"),
    ("Busan has requested a delay of the signing ceremony.", "requested"),
    ("The mayor has proposed two new agreements with the port.", "proposed"),
    ("We reaffirm that the pact serves both countries.", "reaffirm"),
])
def test_cues_after_fresh12(sentence, cue):
    assert cue in [c for c, _ in _cues(sentence)]


@pytest.mark.parametrize("sentence,word", [
    ("The proposed pact would let them share data.", "proposed"),
    ("The delay was requested by the ruling party.", "requested"),
])
def test_no_cue_after_fresh12(sentence, word):
    assert word not in [c for c, _ in _cues(sentence)]


# --- datelines, headlines after a tagline, wrapped quotations -----------------------------------------

def test_a_dateline_with_a_colon_and_a_headline_after_a_tagline():
    from kjpacts.story.provenance import provenance

    page = "\n".join(["Since 1900", "Ministers of Japan and Korea agree on new hotline", "BUSAN: " + PROSE, MORE])
    meta = provenance(page, None, fallback_year="2021")
    assert (meta["dateline"], meta["headline"]) == ("BUSAN", "Ministers of Japan and Korea agree on new hotline")
    assert provenance("\n".join(["Kyodo News", "BUSAN: " + PROSE, MORE]), None, fallback_year="2021")["dateline"] == "BUSAN"


def test_a_colon_label_that_is_no_dateline():
    from kjpacts.story.provenance import DATELINE

    assert DATELINE.match("NOTE:this is a label") is None  # no space after the colon
    assert DATELINE.match("Busan: the port city") is None  # not in capitals


def _attributions(text: str, dateline: tuple[int, int] | None = None) -> list[tuple[str, str, str, str]]:
    import re

    from kjpacts.story.preannotate import _join_wrapped, attributions

    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]  # one sentence per line here
    sents = _join_wrapped(text, lines)
    return [(r["cue"]["text"], r["source"]["text"] if r["source"] else None, r["content"]["text"], r["kind"])
            for r in attributions(text, sents, dateline)]


def test_a_quotation_broken_over_a_hard_wrapped_page_is_found_with_its_offsets():
    text = ("BUSAN, May 3 (Wire) - The two ministers met in Busan on Monday to talk about a\n\n"
            "pact they hope to sign soon, in a step both sides see as overdue.\n\n"
            "\"Keeping this agreement, which was signed to share sensitive military\n\n"
            "information, does not serve our national interest,\" said Jane Roe, a senior\n\n"
            "official at the ministry in Busan.\n")
    found = _attributions(text)
    direct = [f for f in found if f[3] == "direct"]
    assert len(direct) == 1 and direct[0][0] == "said" and direct[0][1].startswith("Jane Roe")
    assert direct[0][2].startswith('"Keeping') and direct[0][2].endswith('interest,"')
    assert "\n\n" in direct[0][2]  # the span's text is the page's own, line breaks and all


def test_a_dateline_is_never_a_speaker_label():
    text = "BUSAN: The two ministers met in Busan on Monday to talk about the pact, officials said."
    assert not [f for f in _attributions(text, (0, len("BUSAN:"))) if f[0] == ":"]
    assert [f for f in _attributions(text) if f[0] == ":"]  # without the dateline it reads as a label
