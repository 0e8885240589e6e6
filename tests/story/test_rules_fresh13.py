"""Rules written after the fresh-13 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import pytest

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


def test_a_caption_printed_twice_once_with_double_spaces():
    from kjpacts.story.furniture import caption_twice

    caption = "Minister Jane Roe meets Minister John Doe in Busan.  The two met on Monday.  (Resale prohibited)"
    assert caption_twice(caption, " ".join(caption.split()))


def test_a_colon_after_a_shouted_link_is_no_dateline():
    from kjpacts.story.provenance import DATELINE

    assert DATELINE.match("BUSAN FIRES: CITY OFFICIAL RESIGNS AFTER THE FLOODS") is None
    assert DATELINE.match("BUSAN: The two ministers met") is not None


def test_a_shouted_link_after_the_article_began_is_no_late_headline():
    from kjpacts.story.provenance import analyse_lines

    first = "BUSAN, Korea \u2014 " + PROSE + " The talks lasted three hours in a hotel by the sea."
    second = "Both sides have courted each other for years, and the talks mark a step toward a pact on data, they said."
    lay = analyse_lines("\n\n\n" + "\n".join([first, second, "BUSAN FIRES: CITY OFFICIAL WHO FAILED TO SOUND SIRENS RESIGNS",
                                              MORE + " The next round is set for June in Seoul, they said."]))
    assert first in lay.body and second in lay.body
    assert "BUSAN FIRES: CITY OFFICIAL WHO FAILED TO SOUND SIRENS RESIGNS" not in lay.body


def test_a_title_cut_short_then_printed_in_full_with_the_site_name():
    from kjpacts.story.provenance import provenance

    page = "\n".join(["Busan and Seoul launch system to share real",
                      "Busan and Seoul launch system to share real time data | EXAMPLE NEWS AGENCY Example News Agency",
                      "BUSAN, May 4 (Yonhap) \u2014 " + PROSE, MORE])
    meta = provenance(page, None, fallback_year="2021")
    assert meta["headline"] == "Busan and Seoul launch system to share real time data"
    assert meta["dateline"] == "BUSAN"


@pytest.mark.parametrize("line", [
    "Busan mayor resigns | Example Times",
    "Ministers meet | YONHAP NEWS AGENCY Yonhap News Agency",
])
def test_a_site_name_after_a_bar(line):
    from kjpacts.story.furniture import suffix_furniture

    found = suffix_furniture(line)
    assert found and line[:len(line) - len(found[0])] == line.split(" |")[0]


def test_no_site_name_after_a_bar_in_prose():
    from kjpacts.story.furniture import suffix_furniture

    assert suffix_furniture("The vote was 12 | 3 in favour, the news agency said.") is None


def test_a_placeholder_glued_before_a_quotation_and_a_press_label():
    from kjpacts.story.furniture import line_furniture, prefix_furniture

    assert prefix_furniture('{mosads}"We are concerned," the ministry said.')[0] == "{mosads}"
    assert line_furniture("Press Releases") is not None


@pytest.mark.parametrize("line,teaser", [
    ("Police were called out after a huge crowd gathered to watch a show filmed in Busan. (Example Today)", True),
    ("Two men were hanged on Thursday in Busan, the ministry said, bringing this year's total to 15. (Busan Times)", True),
    ("The ministers met in Busan (the port city) and agreed on a hotline, officials said.", False),
    ("The minister said so in an interview. (Yonhap)", False),
])
def test_a_teaser_for_another_sites_story(line, teaser):
    from kjpacts.story.furniture import line_furniture

    assert (line_furniture(line) is not None) is teaser


def test_a_dateline_with_no_year_takes_the_first_such_day_after_a_photo():
    from kjpacts.story.provenance import provenance

    caption = "Minister Jane Roe meets Minister John Doe in Busan on Nov. 12, 2021. (Resale prohibited)"
    page = "\n".join(["Ministers launch a hotline in Busan", caption, caption,
                      "BUSAN, Dec. 19 (Yonhap) \u2014 The two ministers on Sunday launched a hotline, officials said.", MORE])
    meta = provenance(page, None)
    assert (meta["published"], meta["published_precision"]) == ("2021-12-19", "day")
    assert meta["published_confidence"] == "medium"  # an inference, agreed by the weekday: never 'high'
    assert "(an inference)" in meta["published_evidence"][0]
    early = page.replace("Dec. 19", "Jan. 3").replace("on Sunday", "on Monday")
    assert provenance(early, None)["published"] == "2022-01-03"  # the first 3 January after the photo


@pytest.mark.parametrize("sentence,cue", [
    ("The ministry urged both sides to meet again quickly, citing safety concerns.", "citing"),
    ("The ministers agreed on a hotline while affirming that their forces aim to build trust.", "affirming"),
])
def test_participles_after_fresh13(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


def test_citing_still_needs_two_words():
    from tests.story.test_rules_fresh6 import _cues

    assert "citing" not in [c for c, _ in _cues("The ministry urged both sides to meet again quickly, citing concerns.")]


def test_a_caption_ending_in_a_photographer_in_capitals_and_a_pool_credit():
    from kjpacts.story.furniture import is_caption

    assert is_caption("Ministers attend a ceremony in Busan, Korea, 16 March 2021. JANE ROE/Pool via REUTERS", True)
    assert not is_caption("The ministers met in Busan on Monday, officials said.", True)


def test_a_photo_title_in_other_capitals_over_its_caption():
    from kjpacts.story.furniture import photo_title

    assert photo_title("Busan defence minister Jane Roe", "Busan Defence Minister Jane Roe, seen shaking hands with "
                       "John Doe in Busan. Photo: Example")


def test_a_photo_day_and_the_openings_weekday_agree():
    from kjpacts.story.provenance import provenance

    caption = "Ministers attend a ceremony in Busan, Korea, 6 May 2021. JANE ROE/Pool via REUTERS"
    page = "\n".join(["Ministers meet in Busan", caption,
                      "BUSAN (Reuters) - The two ministers met on Thursday to talk about the pact, officials said.", MORE])
    meta = provenance(page, None)
    assert (meta["published"], meta["published_precision"], meta["published_confidence"]) == ("2021-05-06", "day", "low")
    assert "inference" in meta["published_evidence"][-1]
    other = provenance(page.replace("on Thursday", "on Friday"), None)  # the photo's day is a Thursday: no match
    assert (other["published"], other["published_precision"]) == ("2021", "year")
