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


def test_a_date_line_over_a_photo_credit_stays_the_date_line():
    from kjpacts.story.provenance import analyse_lines

    lay = analyse_lines("Ministers meet in Busan\nBy on May 3, 2021\nphoto courtesy of www.example.com\n" + PROSE + "\n")
    assert lay.date_lines == ["By on May 3, 2021"]
    assert [f["text"] for f in lay.furniture] == ["photo courtesy of www.example.com"]


def test_a_headline_after_a_site_blurb_and_menus():
    from kjpacts.story.provenance import analyse_lines

    blurb = ("Connecting decision makers to a dynamic network of information, people and ideas, Example News quickly and "
             "accurately delivers business and financial information, news and insight around the world.")
    page = "\n".join([blurb, "Financial Products", "+1 212 555 0100", "Follow Us", "Ministers Postpone The Pact With Japan",
                      PROSE, "Both sides agreed to meet again next month, according to the ministry in Seoul."])
    lay = analyse_lines(page)
    assert lay.headline == "Ministers Postpone The Pact With Japan"
    assert blurb not in lay.body and "Follow Us" not in lay.body
    assert lay.body[0] == PROSE


def test_a_page_that_starts_with_its_paragraphs_keeps_them():
    from kjpacts.story.provenance import analyse_lines

    long = " The talks, which began in 2011, had stalled twice over history and the public's distrust of the deal."
    paras = [PROSE + long, "Both sides agreed to meet again next month, according to the ministry in Seoul." + long,
             "The opposition said the deal was rushed and called for a hearing in parliament soon." + long]
    lay = analyse_lines("\n".join(paras + ["Doubts Over The Pact Grow In Seoul", PROSE]))
    assert lay.headline is None
    assert all(p in lay.body for p in paras)


def test_a_subheading_before_a_cut_off_last_line():
    from kjpacts.story.provenance import analyse_lines

    page = "\n".join(["Ministers meet in Busan", PROSE, "Relations Sensitive",
                      "The government just did not take enough account of how sensitive relations with Japan are for the Sou"])
    assert "Relations Sensitive" in analyse_lines(page).body


def test_a_video_caption_ending_in_its_date_and_credit():
    from kjpacts.story.furniture import is_caption

    assert is_caption("CLOSE The North says it may end its moratorium on tests. The statement blames drills. (July 16) AP, AP")
    assert not is_caption("The ministers met in Busan on Monday (July 16) and signed the pact.")


def test_cues_on_a_hard_wrapped_page_span_its_lines():
    from kjpacts.story.attribution import find_attributions
    from kjpacts.story.preannotate import _join_wrapped

    text = ("The mayor of the port city of Busan\n\nsaid that the talks went well, while the\n\n"
            "governor of the province said nothing at all about it.\n\nThe port city hosted the talks in a hotel\n\n"
            "near the sea, and the ministers left on Tuesday.")
    lines = [(m.start(), m.end()) for m in __import__("re").finditer(r"[^\n]+", text)]
    joined = _join_wrapped(text, lines)
    assert [text[a:b].split()[0] for a, b in joined] == ["The", "The"]
    assert ("said", "The mayor of the port city of Busan") in [(q["cue"]["text"], q["source"]["text"] if q["source"] else None)
                                     for q in find_attributions(text, joined)]
    flat = "Ministers meet in Busan\n\nThe two ministers met in Busan on Monday to talk about the pact."
    assert _join_wrapped(flat, [(0, 23), (25, len(flat))]) == [(0, 23), (25, len(flat))]  # not wrapped: as it was


@pytest.mark.parametrize("sentence,cue", [
    ("The North fired missiles in protest against what it sees as military build-ups.", "sees"),
    ("The minister called the pact, which he described as very important, a success.", "described"),
])
def test_sees_as_with_nothing_between(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


def test_described_as_in_the_passive_is_no_cue():
    from tests.story.test_rules_fresh6 import _cues

    assert "described" not in [c for c, _ in _cues("The pact was described as historic by the press.")]


# --- TIMEX after fresh-9/fresh-10 --------------------------------------------------------------------

def _tx(text: str, published: str = "2021-05-07") -> list[tuple[str, str]]:
    from kjpacts.story.timex import find_timexes

    return [(t["text"], t["value"]) for t in find_timexes(text, published, "day")]


@pytest.mark.parametrize("sentence,phrase,value", [
    ("He said so earlier in the week.", "earlier in the week", "2021-W18"),   # 7 May 2021 is in ISO week 18
    ("In the previous year they met twice.", "the previous year", "2020"),
    ("It was quiet the previous month.", "the previous month", "2021-04"),
    ("They met later Tuesday in Seoul.", "later Tuesday", "2021-05-04"),
    ("Talks began earlier in March.", "earlier in March", "2021-03"),
    ("The pact was extended for another year.", "another year", "P1Y"),
    ("Disputes over the past still divide them.", "the past", "PAST_REF"),
])
def test_relative_times_after_fresh910(sentence, phrase, value):
    assert (phrase, value) in _tx(sentence)


def test_the_past_with_a_unit_stays_a_duration():
    found = _tx("Over the past year, and the past two years, talks stalled.")
    assert ("the past year", "P1Y") in found
    assert ("the past", "PAST_REF") not in found
