"""Timeline: the events the pages date and the pages' publication dates, on one axis.

Dates come from the time layer (TIMEX3 values resolved to calendar intervals by
:mod:`kjpacts.teaching.widgets._time`); each event keeps the document that reports it and
the sentence it is in. Logic: :func:`timeline_events`, :func:`render_timeline`.
Display: :class:`Timeline`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Sequence

from kjpacts.nlp import sentences
from kjpacts.teaching.widgets._common import (
    GREY,
    OKABE_ITO,
    KitWidget,
    dropdown,
    esc,
    html_pane,
    html_table,
    message,
    resolve_corpus,
    row,
    shorten,
    static_frame,
)
from kjpacts.teaching.widgets._pages import (
    PAGE_SIZE,
    Pager,
    page_rows,
    static_note,
    where,
)
from kjpacts.teaching.widgets._time import (
    Resolved,
    apply_mod,
    describe,
    published_interval,
    resolve_value,
)

if TYPE_CHECKING:
    from kjpacts.annotations.records import Annotations
    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

LANE_COLOURS = [OKABE_ITO[c] for c in ("blue", "vermillion", "bluish-green", "reddish-purple", "orange", "sky-blue")]
EVENT_TYPES = ("DATE", "TIME", "RANGE")
MAX_LANES = 12  # more documents than this: one row per outlet
MAX_ROWS = 250  # table rows and event choices shown (a larger corpus: narrow the period or pick a document)


@dataclass(frozen=True)
class TimelineEvent:
    kind: str  # "event" or "published"
    doc_id: str
    when: Resolved
    label: str  # readable date
    text: str  # the time expression ("" for publication)
    context: str  # the sentence it is in (or the headline for publication)
    value: str
    timex_id: str = ""
    anchor: str = ""
    note: str = ""
    start: int = -1  # offsets of the expression in the clean text
    end: int = -1

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.timex_id or 'published'}"


def _sentence_finder(doc: "Document"):
    """A function offset -> the sentence around it (Punkt via kjpacts.nlp, else the paragraph)."""
    try:

        spans = [(s.start, s.end) for s in sentences(doc)]
    except Exception:  # no NLTK data: fall back to structure segments
        spans = [(s.start, s.end) for s in doc.segments]

    def find(offset: int) -> str:
        for s, e in spans:
            if s <= offset < e:
                return doc.text[s:e]
        return doc.text[max(0, offset - 80):offset + 80]

    return find


def timeline_events(corpus: "Corpus", ann: "Annotations", doc_ids: Sequence[str] | None = None) -> list[TimelineEvent]:
    """Dated events (DATE/TIME/RANGE timexes with a calendar value) and publication dates, by date.

    Printed publication dates (``function == 'CREATION_TIME'``) are not repeated as events;
    vague values (``PAST_REF``, durations, sets) have no place on the axis and are left out.
    """
    out: list[TimelineEvent] = []
    for doc in corpus:
        if doc_ids is not None and doc.doc_id not in doc_ids:
            continue
        pub = published_interval(doc.meta)
        if pub:
            out.append(TimelineEvent("published", doc.doc_id, pub, describe(pub), "", doc.headline,
                                     doc.meta.get("published", ""),
                                     note=f"precision: {doc.meta.get('published_precision', '?')}"
                                          + ("; inferred" if doc.meta.get("published_inferred") else "")))
        find = None
        for t in ann.timexes.get(doc.doc_id, []):
            if t.type not in EVENT_TYPES or t.function == "CREATION_TIME":
                continue
            r = resolve_value(t.value)
            if r is None:
                continue
            find = find or _sentence_finder(doc)
            r = apply_mod(r, t.mod)
            out.append(TimelineEvent("event", doc.doc_id, r, describe(r, t.mod), t.text, find(t.start), t.value,
                                     t.id, t.anchor, t.note, t.start, t.end))
    out.sort(key=lambda e: (e.when.start, e.when.end, e.kind != "published", e.doc_id, e.start))
    return out


def periods(events: Sequence[TimelineEvent]) -> list[tuple[str, tuple[int, int]]]:
    """Choices of period: the years around publication, then everything."""
    pubs = [e.when.start.year for e in events if e.kind == "published"]
    years = [e.when.start.year for e in events] + [e.when.end.year for e in events]
    if not years:
        return [("(no dates)", (2000, 2001))]
    out = []
    if pubs:
        story = (min(pubs) - 1, max(pubs))
        out.append((f"{story[0]}-{story[1]} (the years around publication)", story))
    full = (min(years), max(years))
    if not out or full != out[0][1]:
        out.append((f"{full[0]}-{full[1]} (every dated event)", full))
    return out


def _x(d: date, lo: date, hi: date, x0: float, x1: float) -> float:
    span = (hi - lo).days or 1
    return x0 + (x1 - x0) * (d - lo).days / span


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    years = hi.year - lo.year
    if years <= 3:
        out = []
        y, m = lo.year, ((lo.month - 1) // 3) * 3 + 1
        while date(y, m, 1) <= hi:
            d = date(y, m, 1)
            if d >= lo:
                out.append((d, f"{d:%b} {d.year}" if m == 1 or not out else f"{d:%b}"))
            m += 3
            if m > 12:
                y, m = y + 1, m - 12
        return out
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if years / s <= 8)
    first = (lo.year + step - 1) // step * step
    return [(date(y, 1, 1), str(y)) for y in range(first, hi.year + 1, step)]


PUB_ROW, EVENT_ROW = 16, 13  # px between stacked publication marks / event marks in one lane


def _stack(extents: list[tuple[float, float]], gap: float = 2.0) -> list[int]:
    """Level of each (left, right) extent, given in drawing order: the lowest level where it
    overlaps nothing drawn before it (marks that would overlap are stacked, not drawn on top)."""
    ends: list[float] = []
    levels = []
    for a, b in extents:
        for i, end in enumerate(ends):
            if a >= end + gap:
                ends[i] = b
                levels.append(i)
                break
        else:
            ends.append(b)
            levels.append(len(ends) - 1)
    return levels


def _triangle(xm: float, tip: float, fill: str, stroke: str, tip_html: str) -> str:
    return (f'<path d="M{xm - 7:.1f},{tip - 13:.1f} L{xm + 7:.1f},{tip - 13:.1f} L{xm:.1f},{tip:.1f} Z" '
            f'fill="{fill}" {stroke}>{tip_html}</path>')


def timeline_svg(events: Sequence[TimelineEvent], lanes: Sequence[tuple[str, str]], period: tuple[int, int],
                 selected: str | None = None, lane_of: dict[str, str] | None = None) -> str:
    """Lanes (one per document, or per outlet via ``lane_of``) on a shared time axis. Circles:
    events dated to the day or week; bars: to a month, season, year or range (at least 8 px wide,
    so a month shows at any scale); black triangles: publication dates, hollow over a bracket when
    only the month is known. Marks at the same place are drawn once (their tooltip lists them);
    marks that would overlap are stacked in the lane. Real text, with titles."""
    lo, hi = date(period[0], 1, 1), date(period[1], 12, 31)
    width, left, right, top = 760, 190, 745, 24
    lane_of = lane_of or {d: d for d, _ in lanes}
    lane_ids = [d for d, _ in lanes]
    colour = {d: LANE_COLOURS[i % len(LANE_COLOURS)] for i, d in enumerate(lane_ids)}
    shown = [e for e in events if lane_of.get(e.doc_id) in colour and e.when.end >= lo and e.when.start <= hi]
    n_pub = sum(e.kind == "published" for e in shown)
    marks: dict[tuple, list[TimelineEvent]] = {}
    for e in shown:
        x0 = _x(max(e.when.start, lo), lo, hi, left, right)
        x1 = _x(min(e.when.end, hi), lo, hi, left, right)
        marks.setdefault((lane_of[e.doc_id], e.kind, round(x0), round(x1)), []).append(e)
    drawn = []  # (lane, kind, group, x0, x1, shape, extent)
    for (lane, kind, _, _), group in marks.items():
        e = group[0]
        x0 = _x(max(e.when.start, lo), lo, hi, left, right)
        x1 = _x(min(e.when.end, hi), lo, hi, left, right)
        xm = (x0 + x1) / 2
        if kind == "published":
            month = e.when.precision != "day"
            half = max((x1 - x0) / 2, 9) if month else 7
            drawn.append((lane, kind, group, xm - half, xm + half, "month" if month else "day"))
        elif e.when.precision in ("day", "week") and x1 - x0 < 5:
            drawn.append((lane, kind, group, xm - 6, xm + 6, "circle"))
        else:
            half = max((x1 - x0) / 2, 4)
            drawn.append((lane, kind, group, xm - half, xm + half, "bar"))
    level: dict[int, int] = {}
    for lane in lane_ids:
        for kind in ("published", "event"):
            idx = sorted((i for i, m in enumerate(drawn) if m[0] == lane and m[1] == kind),
                         key=lambda i: (drawn[i][3], drawn[i][4]))
            for i, lv in zip(idx, _stack([(drawn[i][3], drawn[i][4]) for i in idx])):
                level[i] = lv
    # lane geometry: publication rows above the lane's line, event rows on and below it
    lane_y, y = {}, top
    heights = {}
    for lane in lane_ids:
        pubs = 1 + max([level[i] for i, m in enumerate(drawn) if m[0] == lane and m[1] == "published"], default=0)
        evs = 1 + max([level[i] for i, m in enumerate(drawn) if m[0] == lane and m[1] == "event"], default=0)
        lane_y[lane] = y + 8 + pubs * PUB_ROW + 4
        heights[lane] = 8 + pubs * PUB_ROW + 4 + evs * EVENT_ROW + 6
        y += max(heights[lane], 44)
    axis_y = y + 4
    height = axis_y + 30
    desc = (f"Timeline {period[0]}-{period[1]}: {len(shown) - n_pub} dated event(s) and {n_pub} publication date(s) "
            f"in {len(lanes)} row(s); the table below lists them.")
    p = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="kjt-t kjt-d" viewBox="0 0 {width} {height}" '
         f'width="{width}" height="{height}" style="max-width:100%;height:auto;font-family:sans-serif">'
         f'<title id="kjt-t">Timeline of events and publication dates</title><desc id="kjt-d">{esc(desc)}</desc>']
    for d, label in _ticks(lo, hi):
        x = _x(d, lo, hi, left, right)
        p.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>'
                 f'<text x="{x:.1f}" y="{axis_y + 16}" font-size="10" text-anchor="middle" fill="#333">{esc(label)}</text>')
    p.append(f'<line x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}" stroke="#333"/>')
    for d, label in lanes:
        y = lane_y[d]
        p.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" stroke="#bbb" stroke-dasharray="2 3"/>'
                 f'<text x="4" y="{y + 4}" font-size="11" fill="#111">{esc(shorten(label, 30))}</text>')
    for i, (lane, kind, group, a, b, shape) in enumerate(drawn):
        e = group[0]
        sel = any(g.key == selected for g in group)
        stroke = 'stroke="#000" stroke-width="3"' if sel else 'stroke="#000" stroke-width="0.8"'
        same_date = len({g.label for g in group}) == 1
        names = "; ".join(f"{g.text or 'published'} ({g.doc_id}{'' if same_date else ', ' + g.label})" for g in group[:4])
        more = f"; and {len(group) - 4} more" if len(group) > 4 else ""
        # marks merged because they overlap on screen may differ in date: each then carries its own
        tip = f"<title>{esc(e.label) + ': ' if same_date else ''}{esc(names)}{more}</title>"
        xm = (a + b) / 2
        if kind == "published":
            tip_y = lane_y[lane] - 6 - level[i] * PUB_ROW
            if shape == "month":  # hollow triangle over a bracket spanning the month
                p.append(f'<path d="M{a:.1f},{tip_y - 3:.1f} L{a:.1f},{tip_y + 3:.1f} M{a:.1f},{tip_y:.1f} '
                         f'L{b:.1f},{tip_y:.1f} M{b:.1f},{tip_y - 3:.1f} L{b:.1f},{tip_y + 3:.1f}" stroke="#000" '
                         f'stroke-width="2" fill="none"/>')
                p.append(_triangle(xm, tip_y - 1, "#fff", 'stroke="#000" stroke-width="2"' if not sel else stroke, tip))
            else:
                p.append(_triangle(xm, tip_y, "#000", stroke, tip))
            continue
        y = lane_y[lane] + level[i] * EVENT_ROW
        if shape == "bar":
            p.append(f'<rect x="{a:.1f}" y="{y - 5}" width="{b - a:.1f}" height="10" rx="2" '
                     f'fill="{colour[lane]}" fill-opacity="0.45" {stroke}>{tip}</rect>')
        else:
            p.append(f'<circle cx="{xm:.1f}" cy="{y}" r="{7 if sel else 5}" fill="{colour[lane]}" '
                     f'{stroke}>{tip}</circle>')
    p.append("</svg>")
    return "".join(p)


def timeline_legend(by_outlet: bool = False) -> str:
    rows = "Each row is an outlet (there are too many documents for a row each). " if by_outlet else \
        "Each row is a document. "
    return (f'<div style="font-size:90%;color:#222">{rows}'
            f'<svg width="14" height="14" aria-hidden="true"><path d="M0,1 L14,1 L7,13 Z" fill="#000"/></svg> '
            f'publication date · '
            f'<svg width="22" height="16" aria-hidden="true"><path d="M2,10 L2,16 M2,13 L20,13 M20,10 L20,16" '
            f'stroke="#000" stroke-width="2" fill="none"/><path d="M4,1 L18,1 L11,12 Z" fill="#fff" stroke="#000" '
            f'stroke-width="2"/></svg> published some time in that month (the page gives no day) · '
            f'<svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="{OKABE_ITO["blue"]}" stroke="#000"/></svg> '
            f'an event dated to the day or week · '
            f'<svg width="24" height="12" aria-hidden="true"><rect x="1" y="1" width="22" height="10" fill="{OKABE_ITO["blue"]}" fill-opacity="0.45" stroke="#000"/></svg> '
            f'an event dated only to a month, season, year or range (the bar covers it) · '
            f'marks that would overlap are stacked in their row · thick outline: the selected event.</div>')


@dataclass
class TimelineView:
    svg: str
    table: str
    details: str
    shown: list[TimelineEvent]
    outside: int
    by_outlet: bool = False
    page: int = 1
    pages: int = 1


def render_timeline(events: Sequence[TimelineEvent], corpus: "Corpus", period: tuple[int, int],
                    doc_ids: Sequence[str] | None = None, include_published: bool = True,
                    selected: str | None = None, page: int | None = None,
                    page_size: int = PAGE_SIZE) -> TimelineView:
    """SVG, text table and details of the events in ``period`` (years, inclusive). With ``page``
    (from 1), the table holds that page of ``page_size`` entries; without, the first ``MAX_ROWS``."""
    ids = [d for d in corpus.fileids() if doc_ids is None or d in doc_ids]
    if len(ids) > MAX_LANES:  # one row per outlet
        lane_of = {d: corpus[d].outlet for d in ids}
        lanes = [(o, o.replace("The ", "")) for o in sorted(set(lane_of.values()))]
    else:
        lane_of = {d: d for d in ids}
        lanes = [(d, f"{corpus[d].outlet.replace('The ', '')} {corpus[d].published}") for d in ids]
    wanted = set(ids)
    lo, hi = date(period[0], 1, 1), date(period[1], 12, 31)
    pool = [e for e in events if e.doc_id in wanted and (include_published or e.kind == "event")]
    shown = [e for e in pool if e.when.end >= lo and e.when.start <= hi]
    outside = len(pool) - len(shown)
    svg = timeline_svg(shown, lanes, period, selected, lane_of)
    if page is None:
        listed, page, pages, first = shown[:MAX_ROWS], 1, 1, 0
    else:
        listed, page, pages, first = page_rows(shown, page, page_size)
    rows = []
    for e in listed:
        if e.kind == "published":
            what = "<strong>published</strong>: " + esc(shorten(e.context, 90))
        else:
            ctx = e.context
            i = ctx.find(e.text)
            what = (esc(shorten(ctx, 200)) if i < 0 else
                    esc(ctx[:i]) + f"<u><strong>{esc(e.text)}</strong></u>" + esc(ctx[i + len(e.text):]))
        when = (f'<span style="white-space:nowrap">{esc(e.label)}</span><br>'
                f'<span style="white-space:nowrap;color:{GREY}">{esc(e.value)}</span>')
        rows.append((when, what, esc(e.doc_id)))
    paged = f"; {where(page, pages, first, len(listed), 'entries')}" if pages > 1 else ""
    table = html_table(["date (TIMEX value)", "what the page says", "reported by"], rows,
                       caption=f"Timeline {period[0]}-{period[1]} as a table ({len(shown)} entries, by date{paged})",
                       raw_html_columns=(0, 1, 2))
    if pages == 1 and len(shown) > MAX_ROWS:
        table += message(f"The table shows the first {MAX_ROWS} of {len(shown)} entries; choose a document "
                         f"or a shorter period to see the rest.")
    if outside:
        table += message(f"{outside} dated entr{'y lies' if outside == 1 else 'ies lie'} outside "
                         f"{period[0]}-{period[1]}; choose a wider period to see them.")
    sel = next((e for e in shown if e.key == selected), None)
    if sel is None:
        details = f'<p style="color:{GREY}">Choose an event in the list to see where it comes from.</p>'
    else:
        same = sorted({e.doc_id for e in events if e.kind == "event" and e.value == sel.value and e.doc_id != sel.doc_id})
        fields = [("date", sel.label), ("TIMEX value", sel.value), ("document", sel.doc_id),
                  ("published", corpus[sel.doc_id].published)]
        if sel.kind == "event":
            fields += [("expression", sel.text), ("resolved against", sel.anchor or "-"),
                       ("same date in", (", ".join(same[:10]) + (f" and {len(same) - 10} more" if len(same) > 10 else ""))
                        or "no other document")]
        if sel.note:
            fields.append(("note", sel.note))
        details = f"<p>{esc(sel.context)}</p>" + html_table(["field", "value"], fields)
    return TimelineView(svg, table, details, shown, outside, len(lanes) < len(ids), page, pages)


class Timeline(KitWidget):
    """Events and publication dates on one axis.

    Controls: ``document`` (Dropdown, "All"), ``period`` (Dropdown), ``published``
    (Checkbox), ``event`` (Dropdown of the events shown, for their details).
    """

    title = "Timeline"

    def __init__(self, corpus: "Corpus | None" = None, annotations: "Annotations | None" = None,
                 period: tuple[int, int] | None = None):
        import ipywidgets as w

        self.corpus = resolve_corpus(corpus)
        self.ann = annotations if annotations is not None else self.corpus.annotations
        self.events = timeline_events(self.corpus, self.ann)
        per = periods(self.events)
        self.document = dropdown("Documents on the timeline", [("All documents", "")] +
                                 [(d, d) for d in self.corpus.fileids()], "")
        self.period = dropdown("Period", per, period if period in [v for _, v in per] else per[0][1])
        self.published = w.Checkbox(value=True, description="Show publication dates", indent=False)
        self.event = dropdown("Event", [("(none)", "")], "", "46em")
        self.chart, self.details, self.table = html_pane(), html_pane(), html_pane()
        self.pager = Pager("entries", self._on_page)
        super().__init__([row([self.document, self.period]), self.published, self.chart,
                          self.event, self.details, self.pager.box, self.table])
        for c in (self.document, self.period, self.published):
            c.observe(self._refresh, "value")
        self.event.observe(self._on_event, "value")
        self.view: TimelineView | None = None
        self._refresh()

    def render(self, selected: str | None = None, page: int | None = None) -> TimelineView:
        ids = [self.document.value] if self.document.value else None
        return render_timeline(self.events, self.corpus, self.period.value, ids, self.published.value, selected,
                               page=page or self.pager.page)

    def _on_page(self) -> None:
        self.view = v = self.render(self.event.value or None)
        self._show(v)

    def _refresh(self, change=None) -> None:
        keep = self.event.value
        if change is not None:
            self.pager.page = 1  # new filters: back to the first page
        self.view = v = self.render(keep or None)
        keys = [e.key for e in v.shown[:MAX_ROWS]]
        self._muted = True
        try:
            self.event.options = [("(none)", "")] + [(f"{e.label}: {shorten(e.text or 'published', 40)} ({e.doc_id})", e.key)
                                                      for e in v.shown[:MAX_ROWS]]
            self.event.value = keep if keep in keys else ""
        finally:
            self._muted = False
        self._show(v)

    def _show(self, v: TimelineView) -> None:
        self.chart.value = f'<figure style="margin:0">{v.svg}<figcaption>{timeline_legend(v.by_outlet)}</figcaption></figure>'
        self.details.value, self.table.value = v.details, v.table
        self.pager.update(v.page, v.pages)

    def _on_event(self, change) -> None:
        if getattr(self, "_muted", False):
            return
        keys = [e.key for e in self.view.shown] if self.view else []
        if change["new"] in keys:  # turn to the page that lists the chosen event
            self.pager.page = keys.index(change["new"]) // self.pager.page_size + 1
        self.view = v = self.render(change["new"] or None)
        self._show(v)

    def summary(self) -> str:
        return f"Timeline {self.period.value[0]}-{self.period.value[1]}: {len(self.view.shown) if self.view else 0} entries"

    def static_html(self) -> str:
        v = self.view or self.render()
        which = f"document {self.document.value}" if self.document.value else "all documents"
        first = v if v.page == 1 else self.render(self.event.value or None, page=1)
        return static_frame(self.title, f"{which}, {self.period.value[0]}-{self.period.value[1]}",
                            self.chart.value + first.table + static_note(first.pages))
