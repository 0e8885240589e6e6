"""Rules written after the fresh-6 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import re

import pytest


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?\"]*", text)]


def _cues(text: str) -> list[tuple[str, str | None]]:
    from kjpacts.story.attribution import find_attributions

    return [(q["cue"]["text"], q["source"]["text"] if q["source"] else None) for q in find_attributions(text, _sentences(text))]


# --- boilerplate and article text ------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Newsletter Signup Register / Login",
    "Sign in | Register",
    "Send a link to a friend",
    "E-mail this article to a friend",
    "More >",
    "See more \u00bb",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None, line


@pytest.mark.parametrize("line", [
    "[March 3, 2021]",
    "[Updated 2020-05-01]",
    "He said he would register the party and log in later.",
    "More than 200 people came.",
    "She sent a link to a friend in Busan, police said.",
])
def test_kept_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None, line


def test_bracketed_label_without_a_year_still_goes():
    from kjpacts.story.furniture import line_furniture

    assert line_furniture("[Advertisement]") is not None


def test_month_scraper_stamp_is_a_prefix():
    from kjpacts.story.furniture import prefix_furniture

    assert prefix_furniture(" date 2021-04 Ministers meet in Busan")[0] == " date 2021-04 "


def test_caption_with_a_slashed_agency_credit():
    from kjpacts.story.furniture import is_caption

    assert is_caption("A minister speaks in Busan, Korea, May 2, 2021. EPA-EFE/POOL/JANE ROE")
    assert not is_caption("A minister spoke in Busan on May 2, the EFE agency said.")


def test_photo_title_over_its_caption():
    from kjpacts.story.furniture import photo_title

    cap = "A minister speaks at the Busan Maritime Forum in Korea. Photo: Yonhap/JANE ROE"
    assert photo_title("Busan Maritime Forum in Korea", cap)
    assert not photo_title("Busan Maritime Forum in Korea", "The Busan Maritime Forum in Korea opened on Monday.")
    assert not photo_title("Ministers met in Busan.", cap)


def test_caption_printed_twice():
    from kjpacts.story.furniture import printed_twice

    cap = "Activists hold signs outside the ministry against the pact with Japan"
    assert printed_twice(cap, cap)
    assert not printed_twice("The ministers met in Busan on Monday to talk.", "The ministers met in Busan on Monday to talk.")
    assert not printed_twice(cap, "Activists hold signs")


def test_layout_captions_and_printed_date_line():
    from kjpacts.story.provenance import provenance

    cap = "Activists hold signs outside the ministry against the pact with Japan"
    page = ("Seoul and Tokyo to renew the pact this week\n[March 3, 2021]\n" + cap + "\n" + cap + "\n\n"
            "The government said on Wednesday it would renew the pact with Japan for another year, officials said.\n")
    meta = provenance(page, None)
    assert meta["published"] == "2021-03-03"
    assert meta["printed"]["date_line"] == "[March 3, 2021]"
    assert [c["text"] for c in meta["printed"]["captions"]] == [cap]


# --- dates -----------------------------------------------------------------------------------------

def test_url_id_of_letters_then_the_date():
    from kjpacts.story.dates import url_date

    assert url_date("https://example.org/en/news/abc2021030412345/story.html") == ("2021-03-04", "day")
    assert url_date("https://example.org/en/news/abc2021039912345/story.html") is None


def test_dateline_without_a_year_and_no_weekday_is_not_guessed():
    from kjpacts.story.provenance import provenance

    page = ("Minister regrets decision on pact\n\n"
            "SEOUL, Mar 5 (KUNA) -- The minister criticized the decision to end the pact signed in 2016, "
            "saying it hurts trust between the two countries.\n")
    assert provenance(page, None)["published_precision"] == "year"


def test_month_stamp_dates_the_page_to_the_month():
    from kjpacts.story.provenance import provenance

    page = (" date 2021-04 Ministers meet in Busan to talk about the pact\n\n"
            "The ministers of both countries met on Friday to talk about the pact, officials said.\n")
    meta = provenance(page, None)
    assert (meta["published"], meta["published_precision"]) == ("2021-04", "month")


def test_caption_date_does_not_date_the_article():
    from kjpacts.story.provenance import provenance

    page = (" date 2021-04 A minister speaks in Busan, Korea, Jan 2, 2020. EPA-EFE/FILE/JANE ROE\n\n"
            "The ministers of both countries met on Friday to talk about the pact, officials said.\n")
    meta = provenance(page, None)
    assert meta["published"] == "2021-04"


# --- attributions ----------------------------------------------------------------------------------

def test_new_cue_verbs():
    assert ("doubt", "few analysts") in _cues("But few analysts doubt it could strike the South.")
    assert ("denounced", "The minister") in _cues("The minister denounced the decision to end the pact.")
    assert ("are demanding", "The unions") in _cues("The unions are demanding that the plan be dropped.")
    assert ("has protested", "The party") in _cues("The party has protested angrily.")
    assert ("hoped", "it") in _cues("The ministry said it hoped to hold talks soon.")
    assert ("given", "Seoul") in _cues("Seoul had given Tokyo notice that it would leave the pact.")
    assert ("asked", "The pilot") in _cues("The pilot asked the ship about the reasons for the move.")


def test_doubt_as_a_noun_is_no_cue():
    assert not any(c == "doubt" for c, _ in _cues("There is no doubt it will rain on the talks."))


def test_dateline_is_not_the_source():
    cues = dict(_cues("BUSAN, Mar 5 (KUNA) -- The minister on Friday criticized the plan, saying it hurts trust."))
    assert cues["saying"].startswith("The minister")


def test_second_cue_after_and_keeps_the_first_source():
    cues = _cues("A spokesman said that the ship was on a routine drill and denied that it aimed at the plane.")
    assert ("denied", "A spokesman") in cues


def test_inverted_source_after_a_quotation_over_two_lines():
    text = '"The plan can be\ndropped at any time," said Jane Roe, deputy head of the office.'
    assert ("said", "Jane Roe, deputy head of the office") in _cues(text) or \
        any(c == "said" and s and s.startswith("Jane Roe") for c, s in _cues(text))


# --- TIMEX -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,span,value", [
    ("The vote came just hours before the deadline.", "hours", "PTXH"),
    ("It ended after months of talks.", "months", "PXM"),
    ("Ties are at their lowest point in years.", "years", "PXY"),
    ("Days later the ministers met.", "Days", "PXD"),
])
def test_bare_plural_units(text, span, value):
    from kjpacts.story.timex import find_timexes

    assert (span, value) in [(t["text"], t["value"]) for t in find_timexes(text, "2021-03-05", "day")]


@pytest.mark.parametrize("text", ["The years of the occupation were hard.", "Many years of work went into it.",
                                  "They spent tens of hours on it."])
def test_bare_plural_units_not_taken(text):
    from kjpacts.story.timex import find_timexes

    assert not find_timexes(text, "2021-03-05", "day")


# --- persons and capitals --------------------------------------------------------------------------

def _persons(text: str) -> list[str]:
    from kjpacts.story.mentions import find_mentions

    return [m["text"] for m in find_mentions(text) if m["type"] == "person"]


def test_sentence_opening_name_before_a_verb_of_speech_or_meeting():
    assert _persons("Taro Yamada held talks with his counterpart. Then he and Yamada told reporters.") == ["Taro Yamada", "Yamada"]
    assert _persons("Prime Minister said nothing. Defense Secretary told reporters.") == []


def test_name_with_its_role_and_the_bare_name_line():
    assert _persons("Jane Roe\nJane Roe is a senior fellow at the institute.") == ["Jane Roe", "Jane Roe"]


def test_second_author_of_a_byline():
    assert _persons("By Jane Roe and Taro Yamada\nSEOUL (Reuters) - Talks went on.") == ["Jane Roe", "Taro Yamada"]


def test_mixed_case_dateline_capital_is_a_place():
    from kjpacts.story.mentions import find_mentions

    ms = find_mentions("Seoul, Mar. 5 (Jiji Press)--The talks began. Seoul and Tokyo signed the pact.")
    assert [m["metonymy"] for m in ms if m["text"] == "Seoul"] == [None, "capital-for-government"]
