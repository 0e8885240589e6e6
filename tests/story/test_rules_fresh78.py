"""Rules written after the fresh-7 and fresh-8 first runs, each on made-up text (no page of any set is
used here)."""

from __future__ import annotations

import pytest

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


@pytest.mark.parametrize("line", [
    "1. Skip to content", "2. Skip to main menu", "Skip to more Example sites",
    "Please read the article by skipping the main menu.",
    "Published: Updated:", "Enable Read mode", "100% Font Size", "Other Stories", "More stories from Asia",
    "For the latest news, follow our channel on Google News or via the app.",
    "Jane Roe / The Daily News",
])
def test_new_furniture_lines(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is not None, line


@pytest.mark.parametrize("line", [
    "Skip to the end of the war, he said, and the story changes.",
    "Published reports said the talks were over.",
    "Other stories about the pact were false, the ministry said.",
    "Seoul / Tokyo",
    "Jane Roe / The talks were over",
    "Readers who follow our coverage will know the pact expired.",
])
def test_article_lines_stay(line):
    from kjpacts.story.furniture import line_furniture

    assert line_furniture(line) is None, line


@pytest.mark.parametrize("line,caption", [
    ("The ambassador arrives at the Defense Ministry in Busan on Wednesday.", True),
    ("Minister Jane Roe, left, and her counterpart John Doe, right, shake hands at the talks in Busan on Friday.", True),
    ("Protesters chant slogans outside the ministry in Seoul, Nov. 2, 2021.", True),
    ("The minister shakes hands with the ambassador in Busan. Example File Photo/Jane Q. Roe", True),
    ("The ministers agreed to hold talks in Busan on Friday.", False),   # past tense before the verb
    ("BUSAN, Korea \u2014 The ministers hold talks in Busan on Friday.", False),  # a dateline: the lead
    ("The ambassador said he arrives in Busan on Wednesday.", False),   # reported
    ("The minister arrives in Busan on Wednesday. He will meet the mayor on Thursday.", False),  # two sentences
    ("\"We will sign,\" the minister says as he arrives in Busan on Wednesday.", False),  # a quotation
])
def test_scene_captions(line, caption):
    from kjpacts.story.furniture import is_caption

    assert is_caption(line, after_headline=True) is caption, line


def test_a_scene_caption_needs_a_headline_above_it():
    from kjpacts.story.furniture import is_caption

    assert not is_caption("The ambassador arrives at the Defense Ministry in Busan on Wednesday.", after_headline=False)


def test_suffix_rules_cut_the_end_only():
    from kjpacts.story.furniture import suffix_furniture

    assert suffix_furniture("May 3rd, 2021|Asia|12 Comments") == ("|Asia|12 Comments", "site-furniture",
                                                                 "blog category and comment count after the printed date ('|World|0 Comments')")
    assert suffix_furniture("Ministers meet in Busan Updated: 2021-05-03 10:15:00 KST")[0] == " Updated: 2021-05-03 10:15:00 KST"
    assert suffix_furniture("|World|0 Comments") is None  # nothing left before it: a whole-line matter
    assert suffix_furniture("The talks were updated on 2021-05-03 by the ministry.") is None


def test_machine_timestamp_and_bullet_prefixes():
    from kjpacts.story.furniture import prefix_furniture

    assert prefix_furniture("By | 2021-05-03T10:15:00+00:00 May 3rd, 2021")[0] == "By | 2021-05-03T10:15:00+00:00 "
    assert prefix_furniture("  \u2022 By Jane Roe")[0] == "  \u2022 "
    assert prefix_furniture("\u2022 Busan talks end") is None


def test_layout_of_a_blog_header_and_a_glued_update_time():
    from kjpacts.story.provenance import analyse_lines

    page = "\n".join(["Ministers meet in Busan Updated: 2021-05-03 10:15:00 KST",
                      "//Ministers meet in Busan",
                      "By | 2021-05-03T10:15:00+00:00 May 3rd, 2021|Asia|12 Comments", PROSE, MORE])
    lay = analyse_lines(page)
    assert lay.headline == "Ministers meet in Busan"
    assert lay.date_lines == ["May 3rd, 2021"]
    cut = {f["text"]: f.get("match", "line") for f in lay.furniture}
    assert cut == {" Updated: 2021-05-03 10:15:00 KST": "suffix", "//Ministers meet in Busan": "line",
                   "By | 2021-05-03T10:15:00+00:00 ": "prefix", "|Asia|12 Comments": "suffix"}
    assert ("Updated: 2021-05-03 10:15:00 KST", "last-update") in lay.removed_dates


def test_cleaning_cuts_a_suffix_reversibly(tmp_path):
    from kjpacts.corpus.cleaning import classify_lines

    raw = "Ministers meet\nMay 3rd, 2021|Asia|12 Comments\n" + PROSE + "\n"
    printed = {"headline": "Ministers meet", "date_line": "May 3rd, 2021",
               "furniture": [{"text": "|Asia|12 Comments", "category": "site-furniture", "reason": "r", "match": "suffix"}]}
    blocks, dropped, _ = classify_lines(raw, printed)
    kinds = [(b.kind, raw[b.line.start:b.line.end]) for b in blocks]
    assert kinds == [("headline", "Ministers meet"), ("date_line", "May 3rd, 2021"), ("paragraph", PROSE)]
    assert [(raw[d[0].start:d[0].end], d[1]) for d in dropped] == [("|Asia|12 Comments", "site-furniture")]


def test_photo_title_over_a_bare_credit_and_subheadings():
    from kjpacts.story.provenance import analyse_lines

    page = "\n".join(["Ministers meet in Busan", PROSE, "Busan harbour at night", "Image: Example/J. Roe", MORE,
                      "Growing doubts", MORE, "Seoul and Tokyo had until then been"])
    lay = analyse_lines(page)
    assert "Busan harbour at night" not in lay.body
    assert "Growing doubts" in lay.body  # a subheading between paragraphs
    assert "Seoul and Tokyo had until then been" in lay.body  # a stored copy cut off mid-sentence


# --- attribution -----------------------------------------------------------------------------------

def _cues(text: str) -> list[tuple[str, str | None]]:
    from tests.story.test_rules_fresh6 import _cues as cues

    return cues(text)


@pytest.mark.parametrize("sentence,cue,source", [
    ("Busan insists that it owns the island.", "insists", "Busan"),
    ("The ministry alleges that the ship aimed its radar at the plane.", "alleges", "The ministry"),
    ("Both parties slammed the deal, which they said was rushed.", "slammed", "Both parties"),
    ("The mayor dismissed calls for his resignation.", "dismissed", "The mayor"),
    ("The North has threatened the South with strikes.", "threatened", "The North"),
    ("Busan sees the move as retaliation for the ruling.", "sees", "Busan"),
    ("The minister called the move \"a complete misjudgment.\"", "called", "The minister"),
    ("The mayor also called on Monday for new talks with the port unions.", "called", "The mayor"),
    ("The ministry says its analysis of the data shows the plane was targeted.", "shows", "its analysis of the data"),
])
def test_new_cues(sentence, cue, source):
    assert (cue, source) in _cues(sentence)


@pytest.mark.parametrize("sentence,word", [
    ("The minister was dismissed from his post on Friday.", "dismissed"),
    ("Residents felt they were threatened by the plan.", "threatened"),
    ("The ministers called off the talks in Busan.", "called"),
    ("A village called Haeundae lies on the coast.", "called"),
    ("Japan removed Korea from its so-called \"white list\" of trading partners.", "called"),
    ("The launch shows how far the programme has come.", "shows"),
])
def test_no_cue_here(sentence, word):
    assert word not in [c for c, _ in _cues(sentence)]


# --- TIMEX -----------------------------------------------------------------------------------------

def _tx(text: str, published: str = "2021-05-07") -> list[tuple[str, str]]:
    from kjpacts.story.timex import find_timexes

    return [(t["text"], t["value"]) for t in find_timexes(text, published, "day")]


def test_the_same_day_takes_the_date_before_it():
    from kjpacts.story.timex import find_timexes, link_anchors

    text = "The ministers met on Tuesday. The ministry said in a statement on the same day that talks went well."
    assert ("the same day", "2021-05-04") in _tx(text)  # Tuesday before Friday 7 May 2021
    recs = find_timexes(text, "2021-05-07", "day")
    for i, r in enumerate(recs, 1):
        r["id"] = f"t{i}"
    linked = {r["text"]: r["anchor"] for r in link_anchors(recs)}
    assert linked["the same day"] == next(r["id"] for r in recs if r["text"] == "Tuesday")
    assert ("the same day", "2021-05-04") not in _tx("On the same day, the ministry said talks went well.")  # nothing before


def test_end_of_year_annual_and_the_years_ahead():
    assert ("end of year", "2021") in _tx("Ministers aim to share data before end of year")
    assert ("annual", "P1Y") in _tx("That includes annual military exercises.")
    assert ("the months and years ahead", "FUTURE_REF") in _tx("In the months and years ahead, we will meet.")
    assert ("the weeks ahead", "FUTURE_REF") in _tx("Talks go on in the weeks ahead.")


def test_a_photo_date_is_a_lower_bound_on_the_year():
    from kjpacts.story.provenance import provenance

    page = ("Ministers meet in Busan\n\nThe two ministers met in Busan on Tuesday to talk about the pact signed in 2016, "
            "officials said.\n\nThe minister speaks in Busan, Korea, May 2, 2021. EPA-EFE/POOL/JANE ROE\n\n" + MORE + "\n")
    meta = provenance(page, None)
    assert (meta["published"], meta["published_precision"]) == ("2021", "year")
    assert "photo caption's date" in meta["published_evidence"][0]
    assert provenance(page.replace("May 2, 2021", "May 2, 2011"), None)["published"] == "2016"  # the text's year is later


# --- persons and capitals ----------------------------------------------------------------------------

def _mentions(text: str) -> list[tuple[str, str | None]]:
    from kjpacts.story.mentions import find_mentions

    return [(m["text"], m["metonymy"]) for m in find_mentions(text, None)]


@pytest.mark.parametrize("sentence,capital,government", [
    ("He said there was no truth to Busan's claims, but Tokyo's claims held.", "Tokyo", True),
    ("The frictions that led to Seoul's decision to pull out grew.", "Seoul", True),
    ("Anger grew at Seoul's presidential office.", "Seoul", True),
    ("He met the Ambassador to Tokyo on Monday.", "Tokyo", True),
    ("The Seoul-Tokyo row is a setback.", "Seoul", True),
    ("The Seoul-Tokyo row is a setback.", "Tokyo", True),
    ("He lives in Seoul's Mapo district.", "Seoul", False),
    ("He flew to Tokyo on Monday.", "Tokyo", False),
])
def test_capitals_for_their_governments(sentence, capital, government):
    found = [meto for text, meto in _mentions(sentence) if text == capital]
    assert found == ["capital-for-government" if government else None], (sentence, found)


def test_chair_is_a_title_and_the_surname_is_found_after_a_glued_full_stop():
    found = _mentions("He met Joint Chiefs Chair Jane Roe at the base.Roe said the talks went well.")
    assert ("Jane Roe", None) in found and ("Roe", None) in found


@pytest.mark.parametrize("line,suffix", [
    ("Posted on : 2021-05-03 16:01 KST Modified on : 2021-06-01 20:29 KST", " Modified on : 2021-06-01 20:29 KST"),
    ("MINISTERS MEET IN BUSAN Evening News \uc785\ub825 2021.05.03 (15:05) \uc218\uc815 2021.05.03 (16:58)",
     " Evening News \uc785\ub825 2021.05.03 (15:05) \uc218\uc815 2021.05.03 (16:58)"),
    ("\"We urge them,\" the minister told reporters. (end) ab.cd", " (end) ab.cd"),
])
def test_more_suffixes(line, suffix):
    from kjpacts.story.furniture import suffix_furniture

    assert suffix_furniture(line)[0] == suffix


def test_a_cut_stamp_keeps_its_posted_and_updated_dates_apart():
    from kjpacts.story.provenance import provenance

    page = ("MINISTERS MEET IN BUSAN Evening News \uc785\ub825 2021.05.03 (15:05) \uc218\uc815 2021.05.04 (16:58)\n\n"
            + PROSE + "\n\n" + MORE + "\n")
    meta = provenance(page, None)
    assert meta["headline"] == "MINISTERS MEET IN BUSAN"
    assert meta["published"] == "2021-05-03"
    kinds = {o["value"]: o["kind"] for o in meta["other_dates"]}
    assert kinds == {"2021-05-03": "scrape-header", "2021-05-04": "last-update"}


def test_glued_paragraphs_are_two_sentences_for_the_cues():
    from kjpacts.story.preannotate import _unglue

    text = "He met the chief at the Pentagon.Roe, for her part, said she shares the worry. The U.S.Army and p.m.Talks stay."
    spans = [text[a:b] for a, b in _unglue(text, 0, len(text))]
    assert spans == ["He met the chief at the Pentagon.", "Roe, for her part, said she shares the worry. The U.S.Army and p.m.Talks stay."]
    glued = "The talks ended.\u201dRoe said the talks had ended."
    assert [glued[a:b] for a, b in _unglue(glued, 0, len(glued))] == ["The talks ended.\u201d", "Roe said the talks had ended."]


def test_at_least_is_a_valid_mod():
    from kjpacts.annotations.vocabulary import TIMEX_MODS
    from kjpacts.story.timex import find_timexes

    found = [t for t in find_timexes("The pact will last at least two years.", "2021-05-07", "day") if t["text"] == "at least two years"]
    assert [(t["value"], t["mod"]) for t in found] == [("P2Y", "EQUAL_OR_MORE")]
    assert "EQUAL_OR_MORE" in TIMEX_MODS


def test_a_machine_record_the_schema_rejects_is_dropped_not_fatal(story, monkeypatch, capsys):
    import importlib

    from kjpacts.corpus.validate import validate

    pre = importlib.import_module("kjpacts.story.preannotate")  # the package re-exports the function of that name

    real = pre.find_timexes

    def with_a_bad_one(text, published, precision):
        found = real(text, published, precision)
        return found + [dict(found[0], start=0, end=1, text=text[0], mod="NOT_A_MOD")] if found else found

    monkeypatch.setattr(pre, "find_timexes", with_a_bad_one)
    pre.preannotate(story)
    err = capsys.readouterr().err
    assert "machine record" in err and "NOT_A_MOD" in err and "dropped" in err
    assert [p for p in validate(story) if p.file != "datapackage.json"] == []  # as `kjpacts review` checks it
