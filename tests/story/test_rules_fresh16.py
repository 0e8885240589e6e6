"""Rules written after the fresh-16 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import pytest

PROSE = ("Ministers from both countries agreed on Tuesday to resume the talks, officials in Seoul said after "
         "the meeting ended.")


@pytest.mark.parametrize("line", [
    "Home https://proxy.example/servlet/redirect/p2/ World https://proxy.example/servlet/redirect/p2/ Pact talks resume",
    "\u0642\u0627\u0644\u0628 \u0648\u0631\u062f\u067e\u0631\u0633", "All news",
    "\u2014 Jane Roe (@janeroe) June 3, 2023",
    "It is a vision of a free and open region. pic.twitter.com/AbC123xyz",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None


@pytest.mark.parametrize("line", [
    "Home ministers met in Seoul; see https://example.org for the text.",
    "\u2014 Jane Roe, the minister, said on June 3, 2023 that talks would resume.",
    "All news outlets carried the statement on Friday.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_an_embedded_tweet_goes_and_its_date_is_not_the_story_date():
    from kjpacts.story.provenance import provenance

    text = "\n".join(["Ministers meet at the regional forum", PROSE,
                      "The region has come together around a shared vision of the future for all countries.",
                      "\u2014 Jane Roe (@janeroe) June 3, 2023", "More talks follow on the next day in Seoul, officials said."])
    meta = provenance(text, None, fallback_year="2023")
    texts = [f["text"] for f in meta["printed"]["furniture"]]
    assert "\u2014 Jane Roe (@janeroe) June 3, 2023" in texts
    assert "The region has come together around a shared vision of the future for all countries." in texts
    assert meta["published"] != "2023-06-03"
    assert {"embedded-post-date"} == {o["kind"] for o in meta["other_dates"] if o["value"] == "2023-06-03"}


def test_a_day_month_two_digit_year_date_line():
    from kjpacts.story.dates import find_dates
    from kjpacts.story.provenance import provenance

    assert [d.value for d in find_dates("22.11.16")] == ["2016-11-22"]
    assert find_dates("version 1.2.16 of the code") == []
    meta = provenance("\n".join(["14.03.21", "Ministers agree to resume the pact talks", PROSE]), None)
    assert meta["published"] == "2021-03-14"


def test_a_colon_speaker_with_two_spaces():
    from tests.story.test_rules_fresh6 import _cues

    assert (":", "MS. ROE") in _cues("MS. ROE:  Good morning, everybody, and thank you for coming.")


def test_transcript_labels_roles_first_and_a_title_before_of_a_country():
    from tests.story.test_rules_fresh15 import _persons

    assert "ROE" in _persons("MR. ROE:  Thank you all.")
    assert "Jane Roe" in _persons("Our National Security Advisor, Jane Roe, is here to talk.")
    assert "Roe" in _persons("We host Prime Minister Roe of Japan today.")
    assert _persons("He met the Minister of Defense today.") == []


@pytest.mark.parametrize("published,precision,value", [
    ("2011", "year", "2011-XX-XXT16:00"), ("2016-11", "month", "2016-11-XXT16:00"), ("2016-11-22", "day", "2016-11-22T16:00"),
])
def test_a_clock_time_on_a_page_not_dated_to_the_day_leaves_the_day_unknown(published, precision, value):
    from kjpacts.story.timex import find_timexes

    assert [(t["text"], t["value"]) for t in find_timexes("They met at 4 pm.", published, precision)] == [("4 pm", value)]


@pytest.mark.parametrize("sentence,cue", [
    ("Officials emphasize that the pact is only about North Korea.", "emphasize"),
    ("Experts warn that the deal could collapse next year.", "warn"),
    ("Analysts stress that trust between the two is low.", "stress"),
])
def test_present_tense_cues(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


def test_a_stress_test_is_no_cue():
    from tests.story.test_rules_fresh6 import _cues

    assert "stress" not in [c for c, _ in _cues("The bank ran a stress test on the new pact figures last week.")]
