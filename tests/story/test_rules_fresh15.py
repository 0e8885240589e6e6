"""Rules written after the fresh-15 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import json

import pytest

from kjpacts.cli import main

PROSE = ("Ministers from both countries agreed on Tuesday to resume the talks, officials in Seoul said after "
         "the meeting ended.")
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


# --- boilerplate and article text ------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Skip to navigationSkip to contentSkip to footerHelp using this website - Accessibility statement",
    "Skip to main content Skip to search",
    "Go to contents", "Social Sharing", "Home WebMail",
    "Updated March. 3, 2021 10:15", "Updated May 9, 2021",
    "\ud55c\uad6d\uc5b4", "\ud55c\uad6d\uc5b4 \u65e5\u672c\u8a9e \u4e2d\u6587",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None


@pytest.mark.parametrize("line", [
    "Go to the polls, the party urged its voters.", "Skip to the end: the pact was signed.",
    "Updated plans were shown in May.", "Updated May figures show a rise in trade.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_a_caption_with_a_photographer_and_agency_in_brackets():
    from kjpacts.story.furniture import is_caption

    assert is_caption("Protesters rally outside the embassy in Seoul on Friday. (Jane Roe/The Example Press)")
    assert not is_caption("Protesters rallied outside the embassy in Seoul, police said (Reuters).")
    assert not is_caption("The pact covers intelligence on missiles (and satellites/radar).")


@pytest.mark.parametrize("line,cut", [
    ("Pact talks resume | Example.News ABC Example News Springfield Weather Traffic",
     " | Example.News ABC Example News Springfield Weather Traffic"),
    ("Document shows the deal | Read original version at source", " | Read original version at source"),
])
def test_line_suffixes(line, cut):
    from kjpacts.story.furniture import suffix_furniture

    found = suffix_furniture(line)
    assert found is not None and found[0] == cut


def test_a_sentence_with_a_bar_keeps_its_end():
    from kjpacts.story.furniture import suffix_furniture

    assert suffix_furniture("Turnout rose | the Daily figures. Officials said so. Markets fell in Seoul today.") is None


def _build(tmp_path, text: str, url: str | None = None) -> tuple[dict, str]:
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    args = ["new", str(tmp_path / "s"), str(page)]
    if url:
        (tmp_path / "urls.csv").write_text(f"file,url\npage.txt,{url}\n", encoding="utf-8")
        args += ["--urls", str(tmp_path / "urls.csv")]
    assert main(args) == 0
    doc = json.loads((tmp_path / "s" / "documents.json").read_text(encoding="utf-8"))["documents"][0]
    clean = (tmp_path / "s" / "clean" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
    return doc, clean


def test_a_browser_tab_title_over_the_headline_goes_and_the_headline_stays(tmp_path):
    headline = "Ministers agree to resume pact talks in Seoul"
    doc, clean = _build(tmp_path, f"{headline} | Example.News Example News Springfield Weather\n\nHome WebMail\n\n"
                                  f"{headline}\n\n{PROSE}\n\n{MORE}\n", "https://example.org/2021/05/07/pact.html")
    assert doc["headline"] == headline
    assert clean.count(headline) == 1 and "Example.News" not in clean and "WebMail" not in clean
    assert clean.startswith(headline)


def test_a_headline_printed_twice_under_a_skip_link(tmp_path):
    headline = "'No end to the pact,' the minister says"
    doc, clean = _build(tmp_path, f"Go to contents\n\n{headline}\n\n{headline}\n\n{PROSE}\n\n{MORE}\n",
                        "https://example.org/2021/05/07/pact.html")
    assert doc["headline"] == headline and clean.startswith(headline) and "Go to contents" not in clean


def test_a_labelled_date_outranks_an_aggregator_stamp_and_dates_the_dateline(tmp_path):
    text = ("June 02, 2025Jun 02, 2025\n\nPact under fire from the North\n\n"
            "Date: 14/03/2021 | Source: Example.kp (En) | Read original version at source\n\n"
            "Pyongyang, March 14 (KCNA) -- An analyst wrote an article on the pact on March 14.\n\n" + MORE + "\n")
    doc, clean = _build(tmp_path, text)
    assert doc["published"] == "2021-03-14"
    assert doc["headline"] == "Pact under fire from the North"
    assert "Read original version" not in clean and "Date: 14/03/2021" in clean


def test_an_unlabelled_header_date_still_loses_to_a_printed_date_line():
    from kjpacts.story.provenance import provenance

    meta = provenance("Pact talks resume in Seoul\n\nMay 7, 2021\n\nSeoul 14/03/2020 | Source: Example\n\n" + PROSE, None)
    assert meta["published"] == "2021-05-07"


@pytest.mark.parametrize("line,place", [
    ("Seoul/Tokyo/Washington | South Korea said it would leave the pact.", "Seoul/Tokyo/Washington"),
    ("Tokyo/Seoul: Japan said it would stay in the pact.", "Tokyo/Seoul"),
    ("Pyongyang, May 25 (KCNA) -- The pact was denounced.", "Pyongyang"),
])
def test_more_title_case_datelines(line, place):
    from kjpacts.story.provenance import match_dateline

    m = match_dateline(line)
    assert m is not None and m.group("place") == place


@pytest.mark.parametrize("line", ["Seoul/Tokyo relations are at a low.", "Boston/Denver | a line of text",
                                  "Washington/Seoul ties are strong.", "Seoul|Tokyo"])
def test_no_multi_city_dateline(line):
    from kjpacts.story.provenance import match_dateline

    assert match_dateline(line) is None


# --- dates, TIMEX, cues, persons -------------------------------------------------------------------

def test_a_month_with_a_full_stop():
    from kjpacts.story.dates import find_dates

    assert [d.value for d in find_dates("Posted March. 3, 2021 10:15 and June. 9, 2020")] == ["2021-03-03", "2020-06-09"]
    assert [d.value for d in find_dates("It ended in July. 24 people were hurt.")] == []


@pytest.mark.parametrize("phrase", ["an extra year", "an additional year", "one more year"])
def test_an_extra_year_is_a_duration(phrase):
    from kjpacts.story.timex import find_timexes

    found = [(t["text"], t["value"]) for t in find_timexes(f"The pact was extended for {phrase}.", "2021-05-07", "day")]
    assert (phrase, "P1Y") in found


@pytest.mark.parametrize("sentence,cue", [
    ("The deal includes what they have termed the \"Example Principles\".", "termed"),
    ("Asked about the pact, the minister replied that it helps both sides.", "replied"),
    ("The government reportedly reiterated its view that the curbs were lawful.", "reiterated"),
])
def test_cues_after_fresh15(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue in [c for c, _ in _cues(sentence)]


def _persons(text: str) -> list[str]:
    from kjpacts.story.mentions import find_mentions

    return [m["text"] for m in find_mentions(text, None) if m["type"] == "person"]


def test_a_byline_with_no_by():
    assert _persons("Pact ends\n\nJane Roe, Ann Lee Park and John Doe\n\nText.")[:3] == ["Jane Roe", "Ann Lee Park", "John Doe"]


@pytest.mark.parametrize("line", ["South Korea, North Korea and United States", "Defense Ministry, Foreign Ministry and Navy",
                                  "Prime Minister, President and Foreign Minister"])
def test_a_list_of_places_or_offices_is_no_byline(line):
    assert _persons(f"Pact ends\n\n{line}\n\nThe talks ended.") == []


def test_a_lower_case_title_after_a_demonym():
    assert _persons("Talks with Japanese prime minister Jane Roe ended. Roe left.") == ["Jane Roe", "Roe"]
    assert _persons("The Japanese prime minister Tuesday met the press.") == []


# --- attribution after the fresh-15 rules, measured on every set ----------------------------------

@pytest.mark.parametrize("sentence,cue,source", [
    ("The council echoed a similar view on Monday.", "echoed", "The council"),
    ("Lawmakers quickly hailed the decision as a step forward.", "hailed", "Lawmakers"),
    ("The ministry immediately protested against the move.", "protested against", "The ministry"),
    ("We strongly urge the other side to stop the drills.", "urge", "We"),
    ("The government has determined that the pact is useful.", "determined", "The government"),
    ("Beijing condemned what they called heightened tension in the region.", "called", "they"),
    ("Officials say what they claim is a threat to the region.", "claim", "they"),
    ("Asked about the pact last week, President Jane Roe said it would last.", "said", "President Jane Roe"),
])
def test_more_cues_and_sources(sentence, cue, source):
    from tests.story.test_rules_fresh6 import _cues

    assert (cue, source) in _cues(sentence)


@pytest.mark.parametrize("sentence,cue", [
    ("The ministry rejected the country's claim that the pact had lapsed.", "claim"),
    ("It was a determined effort by both sides to keep the talks alive.", "determined"),
])
def test_nouns_and_adjectives_are_no_cues(sentence, cue):
    from tests.story.test_rules_fresh6 import _cues

    assert cue not in [c for c, _ in _cues(sentence)]


def test_only_a_reporting_verb_inverts():
    from tests.story.test_rules_fresh6 import _cues

    assert ("said", "Jane Roe") in _cues("The pact is useful for both countries, said Jane Roe.")
    assert ("echoed", "a similar view") not in _cues("Jane Roe, the leader of the small party, echoed a similar view.")


def test_a_name_after_a_comma_in_a_title_apposition_stays_whole():
    from tests.story.test_rules_fresh6 import _cues

    assert ("said", "Jane Roe, president of the institute") in _cues("Jane Roe, president of the institute, said the pact was useful.")
