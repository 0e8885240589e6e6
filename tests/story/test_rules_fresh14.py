"""Rules written after the fresh-14 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import pytest

MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


@pytest.mark.parametrize("line", [
    "The story appears on", "Page A3", "GET this page in PDF", "Free for subscribers", "View shopping cart",
    "Please read our Comment Policy before commenting.", "Would you like to comment on this article?",
    "Sign up (it's quick and free) or sign in now.", "Subscribe now to unlock this article.", "Cancel anytime.",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None


@pytest.mark.parametrize("line", [
    "Page 3 of the report says the talks failed.", "The mayor would like to comment on the plan later.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_a_caption_said_twice_with_a_credit_glued_to_the_second():
    from kjpacts.story.furniture import caption_twice

    caption = "Demonstrators in Busan protesting against the pact. Memories of the war still rankle."
    assert caption_twice(caption, caption + "PHOTO: EXAMPLE PRESS")
    assert not caption_twice(caption, caption + " Officials said so.")


@pytest.mark.parametrize("line,place", [
    ("Busan \u2014 Japan and South Korea signed a pact on Wednesday.", "Busan"),
    ("Tokyo: Japan, the United States and South Korea are close to a deal.", "Tokyo"),
])
def test_a_title_case_dateline_with_a_dash_or_a_city_and_a_colon(line, place):
    from kjpacts.story.provenance import provenance

    meta = provenance("\n".join(["Ministers sign a pact in Busan", line, MORE]), None, fallback_year="2021")
    assert meta["dateline"] == place


@pytest.mark.parametrize("line", ["Note: the ministers met in Busan.", "Busan: the city hosted the talks.",
                                  "Japan \u2014 and Korea \u2014 met."])
def test_no_title_case_dateline(line):
    from kjpacts.story.provenance import match_dateline

    assert match_dateline(line) is None


def test_president_elect_is_a_title():
    from kjpacts.story.mentions import find_mentions

    found = [m["text"] for m in find_mentions("The US President-elect Jane Roe spoke. Roe said more.", None)
             if m["type"] == "person"]
    assert found == ["Jane Roe", "Roe"]


@pytest.mark.parametrize("sentence,cue", [
    ("Opposition lawmakers have voiced concerns over the pact.", "voiced"),
    ("They raised their concern, calling the launch \"unacceptable\".", "calling"),
])
def test_cues_after_fresh14(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


def test_calling_off_is_no_cue():
    from tests.story.test_rules_fresh6 import _cues

    assert "calling" not in [c for c, _ in _cues("Officials said that calling off the pact would only help the North.")]
