"""Timeline: events from the time layer, periods, SVG and table, callbacks."""

from __future__ import annotations

import re
from datetime import date

from kjpacts.teaching.widgets import Timeline
from kjpacts.teaching.widgets.timeline import TimelineEvent, _stack, periods, render_timeline, timeline_events, timeline_legend, timeline_svg

from .bundle import static_view


def test_events(tiny):
    ev = timeline_events(tiny, tiny.annotations)
    kinds = [(e.kind, e.doc_id, e.value) for e in ev]
    assert kinds == [
        ("event", "beta-2011-01-11", "1965"),
        ("event", "alpha-2011-01-10", "2010-03"),
        ("published", "alpha-2011-01-10", "2011-01-10"),
        ("event", "alpha-2011-01-10", "2011-01-10"),
        ("published", "beta-2011-01-11", "2011-01-11"),  # the printed date is not repeated as an event
        ("published", "gamma-2012-05", "2012-05"),
        ("event", "gamma-2012-05", "2012-05"),
    ]  # FUTURE_REF ('soon') has no place on the axis
    monday = ev[3]
    assert monday.text == "Monday" and "Seoul said on Monday" in monday.context and monday.label == "10 Jan 2011"
    assert ev[5].when.end == date(2012, 5, 31)


def test_periods_and_render(tiny):
    ev = timeline_events(tiny, tiny.annotations)
    per = periods(ev)
    assert [p[1] for p in per] == [(2010, 2012), (1965, 2012)]
    v = render_timeline(ev, tiny, (2010, 2012))
    assert v.outside == 1 and "outside 2010-2012" in v.table
    assert 'role="img"' in v.svg and "<desc" in v.svg and "<circle" in v.svg and "<rect" in v.svg
    assert "<u><strong>Monday</strong></u>" in v.table
    only = render_timeline(ev, tiny, (1965, 2012), doc_ids=["beta-2011-01-11"], include_published=False)
    assert [e.value for e in only.shown] == ["1965"]
    sel = render_timeline(ev, tiny, (2010, 2012), selected="alpha-2011-01-10:t1")
    assert "resolved against" in sel.details and 'stroke-width="3"' in sel.svg


def test_callbacks(tiny):
    w = Timeline(tiny)
    assert w.period.value == (2010, 2012) and len(w.view.shown) == 6
    w.period.value = (1965, 2012)
    assert len(w.view.shown) == 7 and "1965" in w.table.value
    w.event.value = "beta-2011-01-11:t3"
    assert "the talks began in 1965" in w.details.value
    w.published.value = False  # the selected event stays
    assert w.event.value == "beta-2011-01-11:t3" and len(w.view.shown) == 4
    w.document.value = "gamma-2012-05"  # the selected event goes
    assert w.event.value == "" and [e.value for e in w.view.shown] == ["2012-05"]
    assert "Choose an event" in w.details.value
    static = static_view(w)  # the state now: gamma's one event, no publication dates, 1965-2012
    assert "document gamma-2012-05, 1965-2012" in static
    assert "Timeline 1965-2012 as a table (1 entries, by date)" in static
    assert "Pacts delayed" not in static and "May 2012" in static and "<svg" in static


def test_overlapping_marks_are_stacked():
    assert _stack([(0, 10), (5, 15), (12, 20), (30, 40), (31, 35), (33, 38)]) == [0, 1, 0, 0, 1, 2]


def _circles(svg: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)]


def test_january_2011_markers_do_not_overlap(tiny):
    """Two events a week apart in one row (4 px on a 3-year axis) would overlap: they are stacked."""
    from kjpacts.teaching.widgets._time import resolve_value
    ev = [TimelineEvent("event", "alpha-2011-01-10", resolve_value(v), v, "day", "ctx", v, f"t{i}")
          for i, v in enumerate(["2011-01-03", "2011-01-10", "2011-06-01"])]
    svg = timeline_svg(ev, [("alpha-2011-01-10", "A")], (2010, 2012))
    (x1, y1), (x2, y2), (x3, y3) = _circles(svg)
    assert abs(x1 - x2) < 10 and abs(y1 - y2) >= 10  # a circle is 10 px across: they would overlap
    assert y3 == y1  # June is far enough away to stay on the lane's line


def test_month_only_marks_stay_visible(tiny):
    ev = timeline_events(tiny, tiny.annotations)
    v = render_timeline(ev, tiny, (1965, 2012), doc_ids=["gamma-2012-05"])
    # published "2012-05": a hollow triangle over a bracket, not a black one
    assert v.svg.count('fill="#fff"') == 1 and 'fill="#000"' not in v.svg and "stroke-width=\"2\" fill=\"none\"" in v.svg
    # the event "May 2012" spans 1 px of a 48-year axis: drawn as a bar at least 8 px wide
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"', v.svg)]
    assert widths and min(widths) >= 8
    assert "published some time in that month" in timeline_legend()


def test_marks_merged_on_screen_keep_each_date_in_their_title():
    """Walk-through (08): a Monday and the Tuesday after it, merged into one mark, were both titled '10 Jan 2011'."""
    from kjpacts.teaching.widgets._time import resolve_value
    ev = [TimelineEvent("event", "alpha-2011-01-10", resolve_value(v), label, text, "ctx", v, f"t{i}")
          for i, (v, label, text) in enumerate([("2011-01-10", "10 Jan 2011", "Monday"),
                                                 ("2011-01-11", "11 Jan 2011", "Tuesday")])]
    svg = timeline_svg(ev, [("alpha-2011-01-10", "A")], (2010, 2012))
    titles = re.findall(r"<title>([^<]*)</title>", svg)
    assert "Monday (alpha-2011-01-10, 10 Jan 2011); Tuesday (alpha-2011-01-10, 11 Jan 2011)" in titles
    same = [TimelineEvent("event", "alpha-2011-01-10", resolve_value("2011-01-10"), "10 Jan 2011", t, "ctx",
                          "2011-01-10", f"s{i}") for i, t in enumerate(["Monday", "today"])]
    assert "10 Jan 2011: Monday (alpha-2011-01-10); today (alpha-2011-01-10)" in re.findall(
        r"<title>([^<]*)</title>", timeline_svg(same, [("alpha-2011-01-10", "A")], (2010, 2012)))
