"""Rules written after the fresh-11 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import pytest

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


@pytest.mark.parametrize("line", [
    "\ubcf8\ubb38 \ubc14\ub85c\uac00\uae30", "\uc8fc\uba54\ub274 \ubc14\ub85c\uac00\uae30", "\ubc14\ub85c\uac00\uae30 \uba54\ub274",
    "\uac80\uc0c9\ucc3d \uc5f4\uae30", "KOR", "ENG | JPN", "Member for", "4 years 6 months",
    "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
    "Submitted by jroe on Tue, 05/04/2021 - 10:45",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None


@pytest.mark.parametrize("line", [
    "\ubd80\uc0b0\uc5d0\uc11c \ud68c\ub2f4\uc774 \uc5f4\ub838\ub2e4.",  # a Korean sentence: "talks were held in Busan."
    "KORUS", "Members of the assembly met for 4 years.", "The talks took 4 hours.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_a_post_date_and_category_glued_before_the_first_sentence():
    from kjpacts.story.furniture import prefix_furniture

    assert prefix_furniture("May 4, 2021SOUTH KOREASouth Korea said on Tuesday")[0] == "May 4, 2021SOUTH KOREA"
    assert prefix_furniture("May 4, 2021 South Korea said on Tuesday") is None


def test_a_long_caption_said_twice_on_one_line():
    from kjpacts.story.furniture import repeated_caption

    caption = "Soldiers ride in vehicles during a parade in Busan on May 2, 2021."
    assert repeated_caption(caption + " " + caption)
    assert not repeated_caption("Talks resume. Talks resume.")  # short, no credit


def test_a_post_stamp_beats_an_account_stamp_with_no_label():
    from kjpacts.story.provenance import provenance

    page = "\n".join(["Member for", "4 years 6 months", "Sat, 10/26/2024 - 10:43", "Submitted by jroe on Tue, 05/04/2021 - 10:45",
                      PROSE, MORE])
    meta = provenance(page, None)
    assert meta["published"] == "2021-05-04"
    assert "post stamp" in meta["published_evidence"][0]
    assert any(o["kind"] == "printed-publication-date" and o["value"] == "2021-05-04" for o in meta["other_dates"])


def test_story_highlights_keep_their_bullets_after_a_video_block():
    from kjpacts.story.provenance import analyse_lines

    page = "\n".join(["Ministers sign a pact in Busan", "MUST WATCH", "How will the talks go? 02:42", "Story highlights",
                      "  \u2022 The pact comes amid rising tension", "  \u2022 Both sides will share data",
                      "BUSAN, Korea \u2014 " + PROSE, MORE])
    lay = analyse_lines(page)
    assert "  \u2022 The pact comes amid rising tension" in lay.body and "  \u2022 Both sides will share data" in lay.body
    assert "Story highlights" in [f["text"] for f in lay.furniture]


def test_a_scene_caption_said_twice_on_two_lines():
    from kjpacts.story.furniture import caption_twice

    caption = "Protesters hold a rally against the signing of the pact in Busan."
    assert caption_twice("    " + caption, "    " + caption)
    assert not caption_twice(PROSE, PROSE)  # no photo verb: a paragraph printed twice stays


@pytest.mark.parametrize("sentence,cue", [
    ("The city hopes to put the hotline in place next year.", "hopes"),
    ("Busan is hoping that the data will help.", "hoping"),
])
def test_hopes_as_a_cue(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


@pytest.mark.parametrize("sentence", ["The visit raised hopes that talks would resume.", "Their hopes to meet faded."])
def test_hopes_as_a_noun(sentence):
    from tests.story.test_rules_fresh6 import _cues

    assert "hopes" not in [c for c, _ in _cues(sentence)]


@pytest.mark.parametrize("line,place,agency", [
    ("Busan (CNN)Japan and Korea, once bitter enemies, agreed on a pact.", "Busan", None),  # the outlet, no wire
    ("Busan (Reuters) - Japan and Korea agreed on a pact.", "Busan", "Reuters"),
])
def test_a_dateline_in_title_case_with_its_agency(line, place, agency):
    from kjpacts.story.provenance import provenance

    meta = provenance("\n".join(["Ministers sign a pact in Busan", line, MORE]), None, fallback_year="2021")
    assert (meta["dateline"], meta["agency"]) == (place, agency)


def test_no_title_case_dateline_without_an_agency():
    from kjpacts.story.provenance import DATELINE_TITLE

    assert DATELINE_TITLE.match("Japan (and Korea) agreed on a pact.") is None
