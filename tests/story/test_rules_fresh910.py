"""Rules written after the fresh-9 and fresh-10 first runs, each on made-up text (no page of any set is
used here)."""

from __future__ import annotations

import pytest

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."


@pytest.mark.parametrize("line", [
    "1. Tap in your navigation bar.", "2. Tap to Add to Home Screen.", "Install the Example News app",
    "Tap to install our app.", "Get the news faster.", "in two easy steps:",
    "This article is more than 3 years old",
    "You\u2019ve reached your limit of {{free_limit}} free articles this month.", "Subscribe now for unlimited access.",
    "12 minutes ago", "an hour ago",
    "Example Anywhere Remote Login Example Terminal Demo Request",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None, line


@pytest.mark.parametrize("line", [
    "Japan Asks Seoul To Sign In Pact Talks",
    "The ministry said users can tap into the data an hour ago, officials said.",
    "This article is about the pact that is more than 8 years old.",
    "Minutes ago, the ministers signed the pact.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None, line


@pytest.mark.parametrize("line,caption", [
    ("In this May 2, 2021 file photo, Minister Jane Roe, center, speaks in Busan. | |", True),
    ("In this image taken from a video released on May 2, a destroyer is seen near Busan.", True),
    ("Minister Jane Roe on May 2 announces the decision at a briefing in Busan. (Example News)", True),
    ("The mayor on May 2 praised the decision to resume the talks. (City homepage)", True),
    ("In this case, the ministry said, the pact would be void.", False),
    ("The ministers met in Busan (the port city) on Monday.", False),
])
def test_captions(line, caption):
    from kjpacts.story.furniture import is_caption

    assert is_caption(line, after_headline=True) is caption, line


def test_a_long_line_with_no_full_stop_is_a_paragraph_not_a_fragment():
    from kjpacts.story.furniture import body_fragments

    lost_stop = ("The ministry sent a letter to Japan earlier in the day through diplomatic channels informing it of the "
                 "decision, the agency reported citing the ministry as saying")
    assert body_fragments([PROSE, lost_stop, PROSE]) == []
    assert body_fragments([PROSE, "Seoul and Tokyo agree on a new hotline", PROSE]) == [1]


@pytest.mark.parametrize("url,day", [
    ("https://www.example.com/world/2012/jun/29/south-korea-japan-pact", "2012-06-29"),
    ("https://example.org/2019/Nov/22/NEWS/news.shtml", "2019-11-22"),
    ("https://example.org/2019/sept/3/story", "2019-09-03"),
])
def test_url_day_with_a_month_name(url, day):
    from kjpacts.story.dates import url_date

    assert url_date(url) == (day, "day")


def test_url_with_a_month_name_but_an_impossible_day():
    from kjpacts.story.dates import url_date

    assert url_date("https://example.org/2012/jun/31/story") is None


def test_a_bare_wire_name_after_a_sentence_is_no_caption_credit():
    from kjpacts.story.furniture import is_caption

    assert not is_caption("Minister Jane Roe on May 2 announces the decision in Busan. (Yonhap)", after_headline=True)
