"""kjpacts.corpus.cleaning: a plain-text page written here by hand, its clean text and edit log
worked out by hand from the typography policy in the module docstring."""

from __future__ import annotations

import pytest

from kjpacts.corpus.cleaning import (Edit, apply_edits, classify_lines, clean_to_raw, furniture_category, plan_edits,
                                     rebuild_raw)

RAW = ("Last Update 10:42\n"
       "Monday, 10 January 2011\n"
       "(2nd LD) Seoul \u201cwins\u201d\n"
       "\n\n\n"
       "\u00a0\u00a0It\u2019s\u00a0done.\r\n"
       "   \n"
       "Photo title\n"
       "A caption.\n"
       "Views: 12\n"
       " date 2011 Body after a prefix  \n"
       "Read more\n"
       "By Kim")
PRINTED = {"headline": "(2nd LD) Seoul \u201cwins\u201d", "byline": "By Kim",
           "captions": [{"title": "Photo title", "text": "A caption.", "credit": "AP"}],
           "furniture": [{"text": " date 2011 ", "match": "prefix", "category": "scrape-header", "reason": "scraper date"},
                         {"text": "Read more", "category": "site-furniture", "reason": "read-more link"}]}
CLEAN = "Seoul \"wins\"\n\nIt's done.\n\nBody after a prefix\n\nBy Kim\n"


def test_plain_text_page_clean_text_blocks_and_captions():
    edits, blocks, captions = plan_edits(RAW, PRINTED)
    clean, placed = apply_edits(RAW, edits)
    assert clean == CLEAN
    assert rebuild_raw(clean, placed) == RAW
    assert [(b.kind, b.line.text) for b in blocks] == [
        ("headline", "(2nd LD) Seoul \u201cwins\u201d"), ("paragraph", "\u00a0\u00a0It\u2019s\u00a0done.\r"),
        ("paragraph", "Body after a prefix  "), ("byline", "By Kim")]
    cap_start = RAW.index("A caption.")
    assert [(c.title, c.text, c.credit, c.raw_start, c.raw_end) for c in captions] == [
        ("Photo title", "A caption.", "AP", cap_start, cap_start + len("A caption."))]


def test_every_edit_with_its_category_and_reason():
    edits, _, _ = plan_edits(RAW, PRINTED)
    log = [(e.raw_text, e.clean_text, e.category, e.reason) for e in edits]
    assert log == [
        ("Last Update 10:42\n", "", "scrape-header", "'Last Update' time of the web page"),
        ("Monday, 10 January 2011\n", "", "scrape-header", "date printed under the 'Last Update' time"),
        ("(2nd LD) ", "", "version-tag", "wire version tag '2nd LD'"),
        ("\u201c", '"', "quote-normalised", 'U+201C -> "'),
        ("\u201d", '"', "quote-normalised", 'U+201D -> "'),
        ("\n", "", "blank-lines", "blank line beyond one between paragraphs"),  # 4 newlines: 2 kept
        ("\n", "", "blank-lines", "blank line beyond one between paragraphs"),
        ("\u00a0\u00a0", "", "nbsp", "paragraph indent made of non-breaking spaces"),
        ("\u2019", "'", "quote-normalised", "U+2019 -> '"),
        ("\u00a0", " ", "nbsp", "non-breaking space made plain"),
        ("\r", "", "trailing-space", "space at line end"),
        ("   \n", "", "blank-lines", "line of spaces only"),
        ("Photo title\n", "", "photo-caption", "photo title, kept in the structure file"),
        ("A caption.\n", "", "photo-caption", "photo text, kept in the structure file"),
        ("Views: 12\n", "", "view-counter", "page view counter"),
        (" date 2011 ", "", "scrape-header", "scraper date"),
        ("", "\n", "paragraph-break", "blank line added so that each block is its own paragraph"),  # one newline left
        ("  ", "", "trailing-space", "space at line end"),
        ("Read more\n", "", "site-furniture", "read-more link"),
        ("", "\n", "paragraph-break", "blank line added so that each block is its own paragraph"),
        ("", "\n", "final-newline", "newline added at the end of the text"),
    ]


@pytest.mark.parametrize("line, found", [
    ("Back To Top", ("navigation", "'Back To Top' link")), ("select languages", ("navigation", "language menu")),
    ("latestnewslatestnews RSS", ("navigation", "'latest news' / RSS links")),
    ("Home > World > Asia", ("navigation", "breadcrumb trail")), ("Views: 7", ("view-counter", "page view counter")),
    ("Short link:", ("share-widget", "short-link widget label")),
    ("Korea Herald Youtube", ("share-widget", "link to the outlet's video channel")),
    ("\u00a9\u00a02012 Ahram", ("copyright-footer", "site copyright footer")),
    ("Back To Top now", None), ("Views: many", None), ("Home >", None), ("", None)])
def test_furniture_lines(line, found):
    assert furniture_category(line) == found


def test_a_weekday_date_is_furniture_only_under_a_furniture_line():
    raw = "Monday, 10 January 2011\nText\nViews: 3"  # the first line has no line above it (not the last one)
    edits, blocks, _ = plan_edits(raw, {})
    assert [b.line.text for b in blocks] == ["Monday, 10 January 2011", "Text"]
    assert apply_edits(raw, edits)[0] == "Monday, 10 January 2011\n\nText\n"


DATE_PREFIX = {"text": " date 2011 ", "match": "prefix", "category": "scrape-header", "reason": "scraper date"}


def test_a_cut_prefix_is_a_dropped_line_with_its_own_text():
    blocks, dropped, _ = classify_lines(" date 2011 Body", {"furniture": [DATE_PREFIX]})
    assert [(d.start, d.end, d.text, category, reason) for d, category, reason in dropped] == [
        (0, 11, " date 2011 ", "scrape-header", "scraper date")]
    assert [(b.line.start, b.line.end, b.line.text) for b in blocks] == [(11, 15, "Body")]


def test_a_line_that_is_only_a_prefix_is_kept_as_text():
    # a prefix entry cuts the start of a longer line; it neither empties a line nor drops a whole one
    raw = " date 2011 \nText"
    edits, blocks, _ = plan_edits(raw, {"furniture": [DATE_PREFIX]})
    assert [(b.kind, b.line.text) for b in blocks] == [("paragraph", " date 2011 "), ("paragraph", "Text")]
    assert apply_edits(raw, edits)[0] == "date 2011\n\nText\n"


def test_a_version_tag_after_an_indent_is_cut_at_its_own_offset():
    raw = "Top\n\u00a0(2nd LD) Seoul"
    edits, _, _ = plan_edits(raw, {"headline": "\u00a0(2nd LD) Seoul"})
    assert [(e.raw_start, e.raw_end, e.raw_text, e.category) for e in edits if e.raw_start >= 4] == [
        (4, 4, "", "paragraph-break"), (4, 5, "\u00a0", "nbsp"), (5, 14, "(2nd LD) ", "version-tag"),
        (19, 19, "", "final-newline")]
    assert apply_edits(raw, edits)[0] == "Top\n\nSeoul\n"


def test_spaces_after_a_headline_that_is_only_a_version_tag_are_removed():
    # the trailing run starts inside the tag ("(URGENT) " ends in a space): the tag edit takes that space,
    # a trailing-space edit the rest
    raw = "Top\n\u00a0(URGENT)  \nBody"
    edits, _, _ = plan_edits(raw, {"headline": "\u00a0(URGENT)  "})
    assert [(e.raw_start, e.raw_end, e.raw_text, e.category) for e in edits if 4 <= e.raw_start < 15] == [
        (4, 4, "", "paragraph-break"), (4, 5, "\u00a0", "nbsp"), (5, 14, "(URGENT) ", "version-tag"),
        (14, 15, " ", "trailing-space")]
    assert apply_edits(raw, edits)[0] == "Top\n\n\n\nBody\n"


def test_a_page_of_furniture_only_is_an_error():
    with pytest.raises(ValueError) as err:
        plan_edits("Back To Top\n\nViews: 3\n", {})
    assert str(err.value) == "no text left after removing page furniture"


def test_apply_and_rebuild_refuse_a_log_that_does_not_fit():
    raw = "abcdef"
    with pytest.raises(ValueError) as err:
        apply_edits(raw, [Edit(0, 3, "abc", "", "markup", "r"), Edit(2, 4, "cd", "", "markup", "r")])
    assert str(err.value) == "overlapping edits at raw offset 2"
    with pytest.raises(ValueError) as err:
        apply_edits(raw, [Edit(1, 2, "x", "", "markup", "r")])
    assert str(err.value) == "edit at raw 1-2 does not match the raw text"
    with pytest.raises(ValueError) as err:
        rebuild_raw("abc", [Edit(0, 1, "a", "Z", "markup", "r", 0, 1)])
    assert str(err.value) == "log edit at clean 0-1 does not match the clean text"


def test_clean_to_raw_inside_a_replacement_and_after_edits():
    # raw "a\u201cbc\u201d" -> clean 'a"bc"' (two one-character replacements), then "XY" removed at the end
    edits = [Edit(1, 2, "\u201c", '"', "quote-normalised", "r", 1, 2), Edit(4, 5, "\u201d", '"', "quote-normalised", "r", 4, 5),
             Edit(5, 7, "XY", "", "markup", "r", 5, 5)]
    assert [clean_to_raw(i, edits) for i in range(6)] == [0, 1, 2, 3, 4, 7]
    assert clean_to_raw(5, edits, side="end") == 5
    grow = [Edit(2, 3, "&", "and", "html-entity", "r", 2, 5)]  # a replacement longer than what it replaced
    assert [clean_to_raw(i, grow) for i in (2, 3, 4, 5, 6)] == [2, 3, 3, 3, 4]


def test_clean_to_raw_inside_a_replacement_that_does_not_start_the_text():
    # raw "a<p>b" -> clean "a\n\nb": the second newline maps one character into "<p>"
    edits = [Edit(1, 4, "<p>", "\n\n", "markup", "r", 1, 3)]
    assert [clean_to_raw(i, edits) for i in range(5)] == [0, 1, 2, 4, 5]
