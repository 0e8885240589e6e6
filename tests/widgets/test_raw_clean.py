"""Raw vs clean: choosing edits, marking them on both sides, callbacks."""

from __future__ import annotations

import pytest

from kjpacts.teaching.widgets import RawVsClean
from kjpacts.teaching.widgets.raw_clean import filter_options, render_raw_clean, select_edits, visible

from .bundle import static_view


def test_select_edits(tiny):
    doc = tiny["alpha-2011-01-10"]
    assert {e.category for e in select_edits(doc, "boilerplate")} == {"navigation", "view-counter"}
    assert {e.category for e in select_edits(doc, "typography")} == {"quote-normalised", "blank-lines"}
    assert len(select_edits(doc, "all")) == len(doc.edits) == 5
    assert [e.category for e in select_edits(doc, "navigation")] == ["navigation"]
    with pytest.raises(ValueError, match="unknown edit filter"):
        select_edits(doc, "nonsense")


def test_render_marks_removals_and_replacements(tiny):
    doc = tiny["alpha-2011-01-10"]
    v = render_raw_clean(doc, "boilerplate")
    assert v.shown == 2
    assert "Home &gt; News" in v.raw and "line-through" in v.raw and "1&nbsp;navigation" in v.raw
    assert "2&nbsp;view-counter" in v.raw
    assert v.clean.count("✂") == 2 and "Home" not in v.clean
    t = render_raw_clean(doc, "typography")
    assert "\u201c" in t.raw and "quote-normalised" in t.clean and "⏎" in t.raw
    assert "navigation" in t.table and "what it is" in t.table


def test_visible_whitespace():
    assert visible(" \u00a0\n") == "·⍽⏎\n"


def test_filter_options_count_per_document(tiny):
    opts = dict((v, k) for k, v in filter_options(tiny["alpha-2011-01-10"]))
    assert opts["boilerplate"] == "Page furniture removed (2)" and opts["all"] == "All edits (5)"
    assert "navigation" in opts and "nbsp" not in opts


def test_callbacks(tiny):
    w = RawVsClean(tiny)
    assert "marking 2 edit(s)" in w.status.value
    w.show.value = "quote-normalised"
    assert "marking 2 edit(s)" in w.status.value and "\u201c" in w.panes.value
    w.document.value = "beta-2011-01-11"  # no edits: the filter falls back to the default
    assert w.show.value == "boilerplate" and "marking 0 edit(s)" in w.status.value
    assert "Korea and Japan talk" in w.panes.value
    static = static_view(w)
    assert "page beta-2011-01-11; edits: boilerplate" in static and "marking 0 edit(s)" in static
    assert "Analyst Yun said the talks began in 1965." in static and "As found (raw page)" in static
