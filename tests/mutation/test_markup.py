"""kjpacts.corpus.markup: an HTML page written here by hand, its clean text worked out by hand from
the module's rules (tags out, <br> a space, references decoded, spaces collapsed, curly quotes
straightened, furniture between blocks removed, blocks joined by a blank line)."""

from __future__ import annotations

import pytest

from kjpacts.corpus.cleaning import apply_edits, rebuild_raw
from kjpacts.corpus.markup import block_text, plan_html_edits, plan_page_edits

NAV = "<html><nav>Home | News</nav>"
B1 = "<h1>Japan &amp; Korea</h1>"
B2 = "<p>They  said\n\u201cyes\u201d<br>today&nbsp;.</p>"
SCRIPT = "<script>x()</script><!-- c -->"
B3 = "<p> Second <b>para</b> \u2019</p>"
RAW = NAV + B1 + B2 + SCRIPT + B3 + "</html>"
S1 = len(NAV)
S2 = S1 + len(B1)
S3 = S2 + len(B2) + len(SCRIPT)
BLOCKS = [{"start": S3, "end": S3 + len(B3)}, {"start": S1, "end": S2, "kind": "headline"},
          {"start": S2, "end": S2 + len(B2), "kind": "paragraph"}]  # any order: sorted by start
CLEAN = "Japan & Korea\n\nThey said \"yes\" today .\n\nSecond para '\n"


def test_clean_text_and_round_trip():
    edits, kept = plan_html_edits(RAW, {"blocks": BLOCKS})
    clean, placed = apply_edits(RAW, edits)
    assert clean == CLEAN
    assert rebuild_raw(clean, placed) == RAW
    assert [(b.kind, b.line.start, b.line.end) for b in kept] == [
        ("headline", S1, S2), ("paragraph", S2, S2 + len(B2)), ("paragraph", S3, S3 + len(B3))]
    assert [(e.raw_start, e.raw_end) for e in edits] == sorted((e.raw_start, e.raw_end) for e in edits)


def test_each_edit_is_logged_with_its_category_and_reason():
    edits, _ = plan_html_edits(RAW, {"blocks": BLOCKS})
    by_raw = {e.raw_text: e for e in edits}
    nav = by_raw[NAV]
    assert (nav.raw_start, nav.clean_text, nav.category, nav.reason) == (0, "", "site-furniture", "page text outside the article blocks")
    script = by_raw[SCRIPT]
    assert (script.clean_text, script.category, script.reason) == ("\n\n", "markup", "HTML between the article blocks")
    joint = next(e for e in edits if e.raw_start == e.raw_end == S2)
    assert (joint.clean_text, joint.category) == ("\n\n", "markup")
    end = by_raw["</html>"]
    assert (end.clean_text, end.category) == ("\n", "markup")
    amp = by_raw["&amp;"]
    assert (amp.clean_text, amp.category, amp.reason) == ("&", "html-entity", "character reference &amp;")
    nbsp = by_raw["&nbsp;"]
    assert (nbsp.clean_text, nbsp.category) == (" ", "html-entity")
    quote = by_raw["\u201c"]
    assert (quote.clean_text, quote.category, quote.reason) == ('"', "quote-normalised", 'U+201C -> "')
    assert by_raw["\u2019"].reason == "U+2019 -> '"
    br = by_raw["<br>"]
    assert (br.clean_text, br.category, br.reason) == (" ", "markup", "line break tag")
    tag = by_raw["<b>"]
    assert (tag.clean_text, tag.category, tag.reason) == ("", "markup", "HTML tag, comment or script")
    spaces = by_raw["  "]
    assert (spaces.clean_text, spaces.category, spaces.reason) == (" ", "markup", "run of whitespace in the HTML source")
    assert by_raw["\n"].clean_text == " "


def test_spaces_at_block_edges_are_dropped():
    edits, _ = plan_html_edits(RAW, {"blocks": BLOCKS})
    lead = next(e for e in edits if e.raw_start == S3 + len("<p>"))
    assert (lead.raw_text, lead.clean_text) == (" ", "")  # at the block's start
    page = "<p> a  <i>b</i> \n </p>"
    edits, _ = plan_html_edits(page, {"blocks": [{"start": 0, "end": len(page)}]})
    assert apply_edits(page, edits)[0] == "a b\n"
    assert [(e.raw_text, e.clean_text) for e in edits if e.raw_text.isspace()] == [(" ", ""), ("  ", " "), (" \n ", "")]


def test_block_text_and_a_page_of_text():
    assert block_text(RAW, S2, S2 + len(B2)) == 'They said "yes" today .'
    assert block_text(RAW, 0, S1) == "Home | News"
    assert block_text(RAW, S2 + len(B2), S3) == ""
    edits, kept, captions = plan_page_edits(RAW, {"markup": "html", "blocks": BLOCKS})
    assert captions == [] and len(kept) == 3 and apply_edits(RAW, edits)[0] == CLEAN


@pytest.mark.parametrize("blocks, message", [
    ([], "no article blocks recorded for this HTML page"),
    ([{"start": 0, "end": 10}, {"start": 5, "end": 20}], "block 1 at 5-20 overlaps another or lies outside the page"),
    ([{"start": 10, "end": 10}], "block 0 at 10-10 overlaps another or lies outside the page"),
    ([{"start": 0, "end": len(RAW) + 1}], f"block 0 at 0-{len(RAW) + 1} overlaps another or lies outside the page"),
])
def test_bad_blocks_are_named(blocks, message):
    with pytest.raises(ValueError) as err:
        plan_html_edits(RAW, {"blocks": blocks})
    assert str(err.value) == message


def test_a_block_may_end_at_the_end_of_the_page():
    edits, _ = plan_html_edits("<p>x</p>", {"blocks": [{"start": 0, "end": 8}]})
    assert apply_edits("<p>x</p>", edits)[0] == "x\n"


def test_a_literal_no_break_space_is_a_run_of_whitespace():
    page = "<p>a\u00a0b \u00a0c</p>"  # Python's \\s takes U+00A0, so it joins the whitespace runs of the source
    edits, _ = plan_html_edits(page, {"blocks": [{"start": 0, "end": len(page)}]})
    assert apply_edits(page, edits)[0] == "a b c\n"
    runs = [(e.raw_start, e.raw_end, e.clean_text, e.category) for e in edits if e.raw_text and not e.raw_text.strip()]
    assert runs == [(4, 5, " ", "markup"), (6, 8, " ", "markup")]


def test_tags_inside_words_references_and_quotes_at_the_block_end():
    page = "<p>x<b>y</b>z<BR>w &rsquo;s &nGt; ok</p><div>\u201cok\u201d</div>"
    inner = page.index("\u201c")
    blocks = [{"start": 0, "end": inner - len("<div>")}, {"start": inner, "end": inner + 4}]  # the second: text only
    edits, _ = plan_html_edits(page, {"blocks": blocks})
    assert apply_edits(page, edits)[0] == "xyz w 's \u226b\u20d2 ok\n\n\"ok\"\n"
    ref = next(e for e in edits if e.raw_text == "&nGt;")
    assert (ref.clean_text, ref.category) == ("\u226b\u20d2", "html-entity")  # a reference to two code points
    quotes = [(e.raw_start, e.raw_end, e.raw_text, e.clean_text, e.category, e.reason) for e in edits if e.category == "quote-normalised"]
    assert quotes == [(inner, inner + 1, "\u201c", '"', "quote-normalised", 'U+201C -> "'),
                      (inner + 3, inner + 4, "\u201d", '"', "quote-normalised", 'U+201D -> "')]


def test_spaces_around_an_empty_tag_collapse_and_a_block_of_tags_only_is_empty():
    page = "<p>x <b> y  </b></p><p><i></i></p>"
    split = page.index("<p><i>")
    edits, kept = plan_html_edits(page, {"blocks": [{"start": 0, "end": split}, {"start": split, "end": len(page)}]})
    assert apply_edits(page, edits)[0] == "x y\n\n\n"
    assert [b.line.text for b in kept] == [page[:split], page[split:]]
    runs = [(e.raw_text, e.clean_text, e.category, e.reason) for e in edits if e.raw_text.isspace()]
    assert runs == [(" ", "", "markup", "run of whitespace in the HTML source"),  # after the emitted one
                    ("  ", "", "markup", "run of whitespace in the HTML source")]  # at the block's end


@pytest.mark.parametrize("page, clean", [
    ("<p>x </p>", "x\n"),  # one plain space before the end: was kept
    ("<p>&amp; x </p>", "& x\n"),  # was " x ": the end-of-block rule blanked the reference instead of the space
    ("<p>x <b>y</b> </p>", "x y\n"),
    ("<p>x  </p>", "x\n"),
])
def test_no_space_is_left_at_a_blocks_end(page, clean):
    edits, _ = plan_html_edits(page, {"blocks": [{"start": 0, "end": len(page)}]})
    text, placed = apply_edits(page, edits)
    assert text == clean and rebuild_raw(text, placed) == page
    assert all(e.raw_text != e.clean_text for e in edits)  # no edit that changes nothing
