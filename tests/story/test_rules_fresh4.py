"""Rules written after the fresh-4 first run, each on made-up text (no page of any set is used here)."""

from __future__ import annotations

import re

import pytest


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?\"]*", text)]


# --- boilerplate -----------------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Read more: Ministers to meet in Busan next spring",
    "See also: Five things to know about the pact",
    "(ATTN: ADDS quotes in paras 4-5; CHANGES headline)",
    "(UPDATES with minister's remarks)",
    "desk@example-news.co.kr",
    "\u2022 SHARE",
    "    \u2022 Link copied",
    "KEYWORDS",
    "SUBSCRIBE NOW",
    "Global",
    "Good journalism costs money: support us today.",
    "By subscribing, you help us get the story right.",
    "Join the ExampleSite.org mailing list |",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None, line


@pytest.mark.parametrize("line", [
    "The ministry said it would read more reports before deciding.",
    "Officials updated lawmakers on the talks on Friday.",
    "Journalism students from Seoul visited the ministry.",
    "The global response was muted, officials said.",
    "(Yonhap)",
    "He wrote to the minister at an e-mail address he declined to give.",
    "Kim told reporters the link copied by the ministry was wrong.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None


def test_a_read_more_link_with_its_title_does_not_open_a_promo_block():
    from kjpacts.story.provenance import analyse_lines

    text = ("Ministers meet to discuss the pact\n"
            "The two ministers met in Seoul on Friday to discuss the intelligence pact and its renewal next year.\n"
            "Read more: Ministers to meet again in Busan\n"
            "Talks resume in May\n"
            "The talks will resume in May, the ministry said in a statement released on Friday.\n")
    lay = analyse_lines(text)
    dropped = [f["text"] for f in lay.furniture]
    assert dropped == ["Read more: Ministers to meet again in Busan"]
    assert "Talks resume in May" in lay.body


@pytest.mark.parametrize("line,caption", [
    ("\u2022 The two ministers shake hands in Seoul on Friday | REUTERS", True),
    ("The two ministers shake hands before their talks | Kyodo", True),
    ("Minister Kim Min-jun (Newsis) Minister Kim Min-jun (Newsis)", True),
    ("The two sides met in Seoul. The two sides met in Seoul.", False),  # repeated, but no credit
    ("The ministers met in Seoul on Friday. (Yonhap)", False),  # a wire credit after a paragraph
    ("Seoul and Tokyo sign the pact | Politics", False),
])
def test_captions_with_a_bar_credit_or_printed_twice(line, caption):
    from kjpacts.story.furniture import is_caption

    assert is_caption(line) is caption


# --- dates ------------------------------------------------------------------------------------------

def test_a_date_printed_with_spaces_and_an_archive_url():
    from kjpacts.story.dates import find_dates, url_date

    assert [d.value for d in find_dates("2021 04 09")] == ["2021-04-09"]
    assert find_dates("In 2021 14 ships and 3 planes took part.") == []
    assert url_date("https://archive.example.org/news/asia/2021/kor-210409-wire02.htm") == ("2021-04-09", "day")
    assert url_date("https://archive.example.org/news/2021/kor-200409-wire02.htm") is None  # year folder disagrees


def test_a_page_with_no_date_is_dated_to_the_story_year_not_skipped(tmp_path, capsys):
    import json

    from kjpacts.cli import main

    dated = tmp_path / "dated.txt"
    dated.write_text("Ministers agree to renew the pact\n\nSEOUL, March 3, 2021 -- The defense ministers of the two "
                     "countries agreed on Wednesday to renew their intelligence pact for another year, officials said, "
                     "after talks that lasted most of the day in the capital. Both sides said the pact helps them "
                     "share warnings of missile launches.\n", encoding="utf-8")
    undated = tmp_path / "undated.txt"
    undated.write_text("Pact renewed after long talks\n\nThe two countries agreed to renew the intelligence pact for "
                       "another year, the ministry said, after talks that lasted most of the day. Officials from both "
                       "sides called the result a step forward for their security ties and for the region.\n", encoding="utf-8")
    assert main(["new", str(tmp_path / "story"), str(undated), str(dated)]) == 0
    err = capsys.readouterr().err
    assert "undated.txt: no date evidence at all on the page; dated to 2021" in err
    docs = json.loads((tmp_path / "story" / "documents.json").read_text(encoding="utf-8"))["documents"]
    undated_doc = next(d for d in docs if d["headline"] == "Pact renewed after long talks")
    assert (undated_doc["published"], undated_doc["published_precision"], undated_doc["published_confidence"]) == \
        ("2021", "year", "low")


def test_a_lone_page_with_no_date_is_still_skipped(tmp_path, capsys):
    from kjpacts.cli import main

    undated = tmp_path / "undated.txt"
    undated.write_text("Pact renewed after long talks\n\nThe two countries agreed to renew the intelligence pact for "
                       "another year, the ministry said, after talks that lasted most of the day. Officials from both "
                       "sides called the result a step forward for their security ties and for the region.\n", encoding="utf-8")
    main(["new", str(tmp_path / "story"), str(undated)])
    assert "no date evidence at all on the page (no printed" in capsys.readouterr().err


# --- attributions -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text,cue,source", [
    ("The ministry welcomed the decision to resume the talks.", "welcomed", "The ministry"),
    ("Tokyo has expressed concern over the missile launches.", "expressed", "Tokyo"),
    ("The embassy informed the ministry of its plan to close.", "informed", "The embassy"),
    ("The spokesman read out a statement on the plan.", "read out", "The spokesman"),
    ("The court ruled last month that the firms must pay.", "ruled", "The court"),
    ("Others question why the deal was kept secret.", "question", "Others"),
    ("The minister had called the deal a mistake.", "had called", "The minister"),
    ("Beijing denies any role in the launches.", "denies", "Beijing"),
])
def test_more_cue_verbs(text, cue, source):
    from kjpacts.story.attribution import find_attributions

    quotes = find_attributions(text, _sentences(text))
    assert len(quotes) == 1, quotes
    assert (quotes[0]["cue"]["text"], quotes[0]["source"]["text"]) == (cue, source)


@pytest.mark.parametrize("text", [
    "Japan ruled Korea as a colony for 35 years.",
    "The pact, called a milestone by many, was signed.",
    "It was a question of time before the talks resumed.",
])
def test_cue_words_in_other_senses_are_no_attribution(text):
    from kjpacts.story.attribution import find_attributions

    assert find_attributions(text, _sentences(text)) == []


def test_participles_underscoring_and_asking():
    from kjpacts.story.attribution import find_attributions

    text = "Officials said the talks failed, underscoring that trade and security must stay apart."
    cues = [q["cue"]["text"] for q in find_attributions(text, _sentences(text))]
    assert cues == ["said", "underscoring"]


# --- persons ----------------------------------------------------------------------------------------

def test_names_known_by_an_apposed_role_or_an_administration():
    from kjpacts.story.mentions import find_mentions

    text = ("Maria Lindqvist, a senior fellow at the institute, doubted the plan. Lindqvist added that talks would go on. "
            "Critics in the Carter administration agreed, said Tomas Berg, deputy foreign minister.")
    persons = [m["text"] for m in find_mentions(text) if m["type"] == "person"]
    assert persons == ["Maria Lindqvist", "Lindqvist", "Carter", "Tomas Berg"]


def test_places_demonyms_and_organisations_before_a_role_are_no_person():
    from kjpacts.story.mentions import find_mentions

    text = ("North Korea, the official said, fired two missiles. South Korea, a close US ally, protested. "
            "The Japanese government and the Korean administration met. Foreign Ministry, the spokesman said, agreed.")
    assert [m["text"] for m in find_mentions(text) if m["type"] == "person"] == []
