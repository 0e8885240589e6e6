"""Rules written after the fresh-5 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import re

import pytest


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?\"]*", text)]


# --- boilerplate -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Close",
    "Comment",
    "Comments",
    "0",
    "17",
    "Story Code : 98412",
    "News ID: 5521",
    "-- End --",
    "\u2014 END \u2014",
    "Watch video 02:13",
    "Play video",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None, line


@pytest.mark.parametrize("line", [
    "The talks will close on Friday, the ministry said.",
    "The ministry did not comment on the report.",
    "In 2019 17 ships took part in the drill.",
    "Watch the video of the ceremony on the ministry's site, officials said.",
    "The code name of the drill was not made public.",
    "It was the end of a long week of talks.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None, line


def test_the_title_under_a_video_link_is_furniture_and_only_that_line():
    from kjpacts.story.provenance import analyse_lines

    text = ("Ministers meet to discuss the pact\n"
            "The two ministers met in Busan on Friday to discuss the intelligence pact and its renewal next year.\n"
            "Watch video 02:13\n"
            "Ministers seek a way out of the dispute\n"
            "Talks resume in May\n"
            "The talks will resume in May, the ministry said in a statement released on Friday.\n")
    lay = analyse_lines(text)
    assert [f["text"] for f in lay.furniture] == ["Watch video 02:13", "Ministers seek a way out of the dispute"]
    assert "Talks resume in May" in lay.body


@pytest.mark.parametrize("line,after_headline,caption", [
    ("Flags of Norway and Chile", True, True),
    ("A view of the ministry building in the capital", True, True),
    ("Flags of both countries were lowered on Friday.", True, False),  # a sentence: full stop
    ("Flags of Norway and Chile", False, False),  # before the headline it may be the headline
    ("Flags fly at half mast", True, False),  # no "of"/"showing": nothing says it names a picture
])
def test_a_caption_that_names_what_the_picture_shows(line, after_headline, caption):
    from kjpacts.story.furniture import is_caption

    assert is_caption(line, after_headline=after_headline) is caption


# --- attributions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,cue,source", [
    ("The ministry denied wrongdoing.", "denied", "The ministry"),
    ("The talks stalled as farmers in Chile protested against the plan.", "protested against", "farmers in Chile"),
    ("Supporters argue that the plan saves money.", "argue", "Supporters"),
    ("Today, Norway and Chile announce that they will share weather data.", "announce", "Norway and Chile"),
    ("Lima views the new tariff as a breach of the treaty.", "views", "Lima"),
    ("Some economists worry, however, that prices will rise.", "worry", "Some economists"),
    ("A poll by the institute showed that most voters back the plan.", "showed", "A poll by the institute"),
])
def test_more_cues(text, cue, source):
    from kjpacts.story.attribution import find_attributions

    quotes = find_attributions(text, _sentences(text))
    assert len(quotes) == 1, quotes
    assert (quotes[0]["cue"]["text"], quotes[0]["source"]["text"]) == (cue, source)


@pytest.mark.parametrize("text", [
    "The two navies tested a storm warning system on Friday.",  # a participle form as a noun
    "The leader said the test showed what the navy could do.",  # "showed" with no report or data as its source
    "Oslo does not view the tariff as a breach of the treaty.",  # negated
    "The committee shared the views of farmers as well as traders.",
])
def test_cue_words_in_other_senses_are_no_new_attribution(text):
    from kjpacts.story.attribution import find_attributions

    cues = [q["cue"]["text"] for q in find_attributions(text, _sentences(text))]
    assert cues in ([], ["said"]), cues


def test_a_participle_without_a_comma_still_counts_before_its_content():
    from kjpacts.story.attribution import find_attributions

    text = "Lima removed Oslo from its list citing a security problem with the exports."
    assert [q["cue"]["text"] for q in find_attributions(text, _sentences(text))] == ["citing"]


def test_the_source_after_an_inverted_cue():
    from kjpacts.story.attribution import find_attributions

    text = "Sharing weather data is no longer in the national interest, said Ana Ruiz, a deputy director of the agency."
    (q,) = find_attributions(text, _sentences(text))
    assert q["cue"]["text"] == "said"
    assert q["source"]["text"] == "Ana Ruiz, a deputy director of the agency"
    assert q["content"]["text"].startswith("Sharing weather data")


@pytest.mark.parametrize("text", [
    "The minister, who arrived on Monday, said Chile would sign the pact next week.",
    "After long talks in the capital, said the report, the ministers agreed to meet again.",
])
def test_no_inverted_source_when_a_clause_follows(text):
    from kjpacts.story.attribution import find_attributions

    for q in find_attributions(text, _sentences(text)):
        assert not q["note"].endswith("(inverted)"), q


def test_a_coordinated_cue_takes_the_subject_of_the_clause_before():
    from kjpacts.story.attribution import find_attributions

    text = "Tensions rose as Ruritania has been testing rockets at a faster rate, and claims it can reach the coast."
    (q,) = find_attributions(text, _sentences(text))
    assert (q["cue"]["text"], q["source"]["text"]) == ("claims", "Ruritania")


# --- TIMEX ------------------------------------------------------------------------------------------

def _timex(text: str, published: str = "2021-03-10") -> dict[str, str]:
    from kjpacts.story.timex import find_timexes

    return {t["text"]: t["value"] for t in find_timexes(text, published, "day")}


def test_duration_adjectives_with_no_number():
    found = _timex("A multi-year plan and a multiyear deal ended a decades-old dispute and a years-long row.")
    assert found == {"multi-year": "PXY", "multiyear": "PXY", "decades-old": "PXDE", "years-long": "PXY"}


def test_day_month_and_a_two_digit_year():
    from kjpacts.story.dates import find_dates

    assert _timex("The pact was signed on 4 Mar 21 and a poll on 28 Feb 21 showed support.") == \
        {"4 Mar 21": "2021-03-04", "28 Feb 21": "2021-02-28"}
    assert "2021-03-04" not in [d.value for d in find_dates("On 4 Mar 21 percent of voters")]  # a share, not a year


def test_a_weekday_after_a_passive_or_due_to_is_in_the_future():
    # 2021-03-10 is a Wednesday
    assert _timex("The pact was due to be automatically renewed on Saturday.") == {"Saturday": "2021-03-13"}
    assert _timex("The next round will be held on Friday.") == {"Friday": "2021-03-12"}
    assert _timex("The pact was renewed on Monday.") == {"Monday": "2021-03-08"}
    assert _timex("The pact had been signed on Monday.") == {"Monday": "2021-03-08"}


def test_the_past_year_is_a_duration_and_last_year_a_calendar_year():
    assert _timex("Trade grew over the past year.") == {"the past year": "P1Y"}
    assert _timex("Trade grew last year.") == {"last year": "2020"}


# --- persons ----------------------------------------------------------------------------------------

def _persons(text: str) -> list[str]:
    from kjpacts.story.mentions import find_mentions

    return [m["text"] for m in find_mentions(text) if m["type"] == "person"]


def test_a_title_with_its_portfolio_and_a_name_in_either_order():
    assert _persons("Minister of Defense Tanaka Hiroshi and Minister of Foreign Affairs Hiroshi Tanabe met.") == \
        ["Tanaka Hiroshi", "Hiroshi Tanabe"]


def test_a_name_set_off_by_commas_after_a_role():
    assert _persons("Chile's ambassador to the North, Pedro Alvarado, signed the pact.") == ["Pedro Alvarado"]


def test_a_single_name_as_the_speaker_after_a_quotation():
    text = '"This deal will make both navies stronger," Fenwick stated. Later Fenwick left for Lima.'
    assert _persons(text) == ["Fenwick", "Fenwick"]


@pytest.mark.parametrize("text", [
    '"We will sign the pact next week," Tokyo said.',
    '"The talks went well," Reuters reported, citing officials. "The talks went well," Officials said.',
    '"We will keep talking," He said.',
])
def test_places_agencies_and_pronouns_after_a_quotation_are_no_person(text):
    assert _persons(text) == []
