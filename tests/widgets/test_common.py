"""Shared helpers: highlighting, tables, the static fallback bundle, TIMEX resolution."""

from __future__ import annotations

import re
from datetime import date

import pytest

from kjpacts.teaching.widgets._common import OKABE_ITO, Highlight, LayerStyle, html_table, render_highlights, shorten, tint
from kjpacts.teaching.widgets._time import Resolved, apply_mod, describe, resolve_value

STYLES = {"a": LayerStyle("a", "A", OKABE_ITO["blue"], "solid", "A"),
          "b": LayerStyle("b", "B", OKABE_ITO["orange"], "dashed", "B", box=True)}


def strip_tags(html: str) -> str:
    import html as h

    no_sup = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    return h.unescape(re.sub(r"<[^>]+>", "", no_sup))


def test_highlights_keep_the_text_and_nest_overlaps():
    text = "Seoul & Tokyo <agree> on pacts"
    hs = [Highlight(0, 13, "a", "a:1", "A1", "first"), Highlight(8, 21, "b", "b:1", "B1"),
          Highlight(25, 30, "a", "a:2", "A2")]
    out = render_highlights(text, hs, STYLES, selected="b:1")
    assert strip_tags(out) == text
    assert "&lt;agree&gt;" in out and "&amp;" in out
    assert out.count("<span") == out.count("</span>")
    assert out.index("A1") < out.index("B1") < out.index("A2")  # labels after each span's end
    assert "box-shadow:0 0 0 3px #000" in out and 'id="kjpacts-selected"' in out
    assert 'title="first"' in out


def test_box_pieces_open_and_close_once():
    text = "abcdefghij"
    out = render_highlights(text, [Highlight(0, 10, "b", "b", "B"), Highlight(3, 5, "a", "a", "A")], STYLES)
    assert out.count("border-left:2px") == 1 and out.count("border-right:2px") == 1


def test_highlights_window_and_unknown_layers():
    text = "0123456789"
    out = render_highlights(text, [Highlight(2, 8, "a", "k", "L"), Highlight(0, 1, "zzz", "z")], STYLES, start=4, end=9)
    assert strip_tags(out) == "45678"
    assert render_highlights("a<b", [], STYLES) == "a&lt;b"


def test_table_escapes_and_caps_rows():
    out = html_table(["x"], [["<b>"]] * 5, caption="cap", max_rows=2)
    assert out.count("<tr>") == 3 and "&lt;b&gt;" in out and "3 more rows not shown" in out
    assert '<th scope="col"' in out and "<caption" in out


def test_small_helpers():
    assert tint("#0072B2", 0.5) == "rgba(0,114,178,0.5)"
    assert shorten("a  b\n c", 80) == "a b c"
    assert shorten("x" * 100, 10) == "x" * 9 + "…"


@pytest.mark.parametrize("value,start,end,precision", [
    ("2011-01-10", date(2011, 1, 10), date(2011, 1, 10), "day"),
    ("2012-05", date(2012, 5, 1), date(2012, 5, 31), "month"),
    ("2012-W26", date(2012, 6, 25), date(2012, 7, 1), "week"),
    ("2011-SP", date(2011, 3, 1), date(2011, 5, 31), "season"),
    ("2010-WI", date(2010, 12, 1), date(2011, 2, 28), "season"),
    ("1945", date(1945, 1, 1), date(1945, 12, 31), "year"),
    ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
    ("1910/1945", date(1910, 1, 1), date(1945, 12, 31), "range"),
    ("2012-06-27T10:00", date(2012, 6, 27), date(2012, 6, 27), "day"),
])
def test_resolve_value(value, start, end, precision):
    assert resolve_value(value) == Resolved(start, end, precision)


@pytest.mark.parametrize("value", ["PAST_REF", "PRESENT_REF", "FUTURE_REF", "P35Y", "XXXX-06-27", "", "2012-13"])
def test_values_without_a_calendar_place(value):
    assert resolve_value(value) is None


def test_mods_and_descriptions():
    dec = resolve_value("2010-12")
    early = apply_mod(dec, "START")
    assert early.start == dec.start and early.end < date(2010, 12, 12)
    assert describe(early, "START") == "early Dec 2010"
    assert apply_mod(resolve_value("2011-01-10"), "END") == resolve_value("2011-01-10")
    assert describe(resolve_value("2011-SP")) == "spring 2011"
    assert describe(resolve_value("1910/1945")) == "1910-1945"


def test_ids_and_dates_never_wrap_and_tables_scroll_in_their_own_box():
    out = html_table(["document", "date", "what"], [("wapo-2011-01-11", "2011-01-10", "a long sentence")])
    cells = re.findall(r"<td style=\"([^\"]*)\"", out)
    assert ["white-space:nowrap" in c for c in cells] == [True, True, False]
    assert out.startswith('<div class="kj-scroll" tabindex="0" role="region"')
    assert not html_table(["x"], [["y"]], scroll=False).startswith("<div")


def test_labels_ending_at_one_point_stay_apart():
    """'Q2' and 'F12' ending on the same word read as two labels, not as 'Q2F12'."""
    styles = {"q": LayerStyle("q", "Quotes", OKABE_ITO["orange"], "double", "Q"),
              "f": LayerStyle("f", "Framing", OKABE_ITO["vermillion"], "dotted", "F")}
    out = render_highlights("they said so", [Highlight(0, 9, "q", "q:2", "Q2"), Highlight(5, 9, "f", "f:12", "F12")],
                            styles)
    sup = re.search(r"<sup[^>]*>(.*?)</sup>", out).group(1)
    labels = re.findall(r'<span class="kj-label" style="([^"]*)">([^<]*)</span>', sup)
    assert [t for _, t in labels] == ["Q2", "F12"]
    assert "border:1px solid #E69F00" in labels[0][0] and "border:1px dotted #D55E00" in labels[1][0]
    assert re.sub(r"<[^>]+>", "", sup) == "Q2 F12"
