"""Quote explorer: who speaks, filtered by speaker type, named/anonymous and outlet.

Logic: :func:`quote_rows` (filters) -> rows; :func:`speaker_counts` -> counts for the
chart; :func:`bar_chart_svg` draws them as SVG (fast enough for every keystroke);
:func:`bar_chart_figure` draws the same chart with matplotlib, which the widget uses
with ``engine="matplotlib"`` (slower: tens of milliseconds a new chart, then cached).
Every chart has alt text and a table of its numbers beside it. Display: :class:`QuoteExplorer`.
"""

from __future__ import annotations

import base64
import io
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence

from kjpacts.annotations.vocabulary import SPEAKER_TYPES
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
    page_count,
    page_rows,
    static_note,
    where,
)

if TYPE_CHECKING:
    from kjpacts.annotations.records import Annotations
    from kjpacts.corpus.load import Corpus

GROUP_BY = {"speaker_type": "speaker type", "speaker": "speaker", "country": "speaker's country",
            "outlet": "outlet", "kind": "kind of quote"}


@dataclass(frozen=True)
class QuoteRow:
    doc_id: str
    outlet: str
    id: str
    speaker: str
    speaker_type: str
    named: bool
    country: str
    kind: str
    anonymity_reason: str
    content: str

    def group(self, by: str) -> str:
        return str(getattr(self, by))


def all_quote_rows(corpus: "Corpus", ann: "Annotations") -> list[QuoteRow]:
    """Every quote of the corpus as a flat row."""
    rows = []
    for doc in corpus:
        for q in ann.quotes.get(doc.doc_id, []):
            rows.append(QuoteRow(doc.doc_id, doc.outlet, q.id, q.speaker, q.speaker_type, q.named,
                                 q.country or "not stated", q.kind, q.anonymity_reason or "", q.content.text))
    return rows


def quote_rows(rows: Iterable[QuoteRow], speaker_type: str = "", named: str = "", outlet: str = "") -> list[QuoteRow]:
    """Filter rows; an empty filter keeps everything. ``named`` is '', 'named' or 'anonymous'."""
    if named not in ("", "named", "anonymous"):
        raise ValueError("named must be '', 'named' or 'anonymous'")
    return [r for r in rows
            if (not speaker_type or r.speaker_type == speaker_type)
            and (not named or r.named == (named == "named"))
            and (not outlet or r.outlet == outlet)]


def speaker_counts(rows: Iterable[QuoteRow], by: str = "speaker_type") -> list[tuple[str, int, int]]:
    """(group, named quotes, anonymous quotes), largest group first."""
    named, anon = Counter(), Counter()
    for r in rows:
        (named if r.named else anon)[r.group(by)] += 1
    groups = set(named) | set(anon)
    return sorted(((g, named[g], anon[g]) for g in groups), key=lambda t: (-(t[1] + t[2]), t[0]))


def alt_text(counts: list[tuple[str, int, int]], by: str) -> str:
    """A sentence describing the chart, for ``alt``."""
    if not counts:
        return "Bar chart: no quotes match the filters."
    parts = [f"{g}: {n + a} ({n} named, {a} anonymous)" for g, n, a in counts[:8]]
    more = f"; and {len(counts) - 8} more" if len(counts) > 8 else ""
    return f"Bar chart of quotes by {GROUP_BY.get(by, by)}. " + "; ".join(parts) + more + "."


def bar_chart_svg(counts: Sequence[tuple[str, int, int]], by: str, max_bars: int = 15) -> str:
    """Horizontal stacked bars drawn directly as SVG (fast, crisp, real text a screen reader can read):
    named quotes solid blue, anonymous quotes light orange with diagonal hatching."""
    counts = list(counts)[:max_bars]
    n = max(len(counts), 1)
    bar, gap, left, right, top = 18, 8, 230, 600, 28
    height = top + n * (bar + gap) + 34
    scale_max = max([c[1] + c[2] for c in counts] + [1])
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 10**9) if scale_max / s <= 8)
    x = lambda v: left + (right - left) * v / scale_max  # noqa: E731
    title = f"Quotes by {GROUP_BY.get(by, by)}"
    p = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(alt_text(counts, by))}" '
         f'viewBox="0 0 640 {height}" width="640" height="{height}" style="max-width:100%;font-family:sans-serif">'
         f'<title>{esc(title)}</title>'
         f'<defs><pattern id="kjq-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
         f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#F5D28A"/>'
         f'<line x1="0" y1="0" x2="0" y2="6" stroke="#7A4A00" stroke-width="2"/></pattern></defs>'
         f'<text x="{left}" y="16" font-size="12" font-weight="bold">{esc(title)}</text>']
    axis_y = top + n * (bar + gap)
    for v in range(0, scale_max + 1, step):
        xv = x(v)
        p.append(f'<line x1="{xv:.1f}" y1="{top - 4}" x2="{xv:.1f}" y2="{axis_y}" stroke="#e2e2e2"/>'
                 f'<text x="{xv:.1f}" y="{axis_y + 14}" font-size="10" text-anchor="middle">{v}</text>')
    p.append(f'<text x="{(left + right) / 2:.0f}" y="{axis_y + 28}" font-size="10" text-anchor="middle">quotes</text>')
    for i, (g, named, anon) in enumerate(counts):
        y = top + i * (bar + gap)
        p.append(f'<text x="{left - 6}" y="{y + bar - 5}" font-size="11" text-anchor="end">{esc(shorten(g, 36))}</text>')
        if named:
            p.append(f'<rect x="{left}" y="{y}" width="{x(named) - left:.1f}" height="{bar}" fill="{OKABE_ITO["blue"]}" '
                     f'stroke="#000" stroke-width="0.6"><title>{esc(g)}: {named} named</title></rect>')
        if anon:
            p.append(f'<rect x="{x(named):.1f}" y="{y}" width="{x(anon) - left:.1f}" height="{bar}" fill="url(#kjq-hatch)" '
                     f'stroke="#000" stroke-width="0.6"><title>{esc(g)}: {anon} anonymous</title></rect>')
        p.append(f'<text x="{x(named + anon) + 4:.1f}" y="{y + bar - 5}" font-size="10">{named + anon}</text>')
    p.append(f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{axis_y}" stroke="#333"/></svg>')
    return "".join(p)


def chart_legend() -> str:
    return (f'<div style="font-size:90%"><svg width="16" height="12" aria-hidden="true"><rect width="16" height="12" '
            f'fill="{OKABE_ITO["blue"]}" stroke="#000"/></svg> named (solid) · '
            f'<svg width="16" height="12" aria-hidden="true"><defs><pattern id="kjq-h2" patternUnits="userSpaceOnUse" '
            f'width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#F5D28A"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#7A4A00" stroke-width="2"/></pattern></defs>'
            f'<rect width="16" height="12" fill="url(#kjq-h2)" stroke="#000"/></svg> anonymous (hatched)</div>')


@lru_cache(maxsize=64)
def _mpl_svg(counts: tuple[tuple[str, int, int], ...], by: str) -> str:
    import matplotlib

    fig = bar_chart_figure(counts, by)
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None})
    return buf.getvalue().decode("utf-8")


def bar_chart_figure(counts: Sequence[tuple[str, int, int]], by: str = "speaker_type", max_bars: int = 15):
    """The same chart as a matplotlib ``Figure`` (for lessons that go on to style it themselves)."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    counts = list(counts)[:max_bars]
    n = max(len(counts), 1)
    height = 0.28 * n + 1.0
    fig = Figure(figsize=(6.0, height), dpi=72)
    fig.subplots_adjust(left=0.36, right=0.97, top=1 - 0.15 / height, bottom=0.75 / height)
    ax = fig.add_subplot()
    ys = list(range(len(counts)))[::-1]
    named = [c[1] for c in counts]
    ax.barh(ys, named, color=OKABE_ITO["blue"], edgecolor="black", linewidth=0.6, label="named")
    ax.barh(ys, [c[2] for c in counts], left=named, color="#F5D28A", edgecolor="black", linewidth=0.6,
            hatch="///", label="anonymous (hatched)")
    ax.set_yticks(ys, [shorten(g, 34) for g, _, _ in counts], fontsize=9)
    ax.set_xlabel("quotes", fontsize=9)
    ax.set_title(f"Quotes by {GROUP_BY.get(by, by)}", fontsize=10)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if counts:
        ax.legend(fontsize=8, loc="lower right", frameon=False)
    return fig


def chart_html(counts: list[tuple[str, int, int]], by: str, engine: str = "svg") -> str:
    """The chart (with alt text) beside a table of the same numbers.

    ``engine='svg'`` draws it directly (well under a millisecond); ``'matplotlib'``
    renders :func:`bar_chart_figure` (tens of milliseconds, cached by the numbers).
    """
    alt = alt_text(counts, by)
    if counts and engine == "matplotlib":
        data = base64.b64encode(_mpl_svg(tuple(counts), by).encode("utf-8")).decode("ascii")
        img = f'<img src="data:image/svg+xml;base64,{data}" alt="{esc(alt)}" style="max-width:100%">'
    elif counts:
        img = bar_chart_svg(counts, by) + chart_legend()
    else:
        img = message("No quotes match these filters.")
    table = html_table([GROUP_BY.get(by, by), "named", "anonymous", "total"],
                       [(g, n, a, n + a) for g, n, a in counts], caption="Numbers in the chart",
                       align={1: "right", 2: "right", 3: "right"})
    return (f'<div style="display:flex;gap:1.5em;flex-wrap:wrap;align-items:flex-start">'
            f'<figure style="margin:0;flex:1 1 26em;min-width:0">{img}<figcaption style="color:{GREY};font-size:85%">'
            f'{esc(alt)}</figcaption></figure><div style="flex:1 1 18em;min-width:0">{table}</div></div>')


def quotes_table(rows: list[QuoteRow], page: int = 1, page_size: int = PAGE_SIZE) -> str:
    """One page of the quote table (``page`` counts from 1; out-of-range pages are clamped)."""
    shown, page, pages, first = page_rows(rows, page, page_size)
    # six columns, not eight: in a 600 px output area the quoted words keep room to be read
    cells = [(esc(r.doc_id), esc(r.id), f'{esc(r.speaker)}<br><span style="color:{GREY}">{esc(r.speaker_type)}</span>',
              "named" if r.named else "anonymous" + (f'<br><span style="color:{GREY}">{esc(r.anonymity_reason)}</span>'
                                                     if r.anonymity_reason else ""),
              esc(r.kind), esc(shorten(r.content, 120))) for r in shown]
    return html_table(["document", "id", "speaker (type)", "named? (reason for anonymity)", "kind", "content"], cells,
                      caption=f"Quotes ({len(rows)}; {where(page, pages, first, len(shown), 'quotes')})",
                      raw_html_columns=range(6))


class QuoteExplorer(KitWidget):
    """Filter the quotes; see a table and a bar chart of who speaks.

    Controls: ``speaker_type``, ``named``, ``outlet`` and ``group_by`` (Dropdowns).
    """

    title = "Quote explorer"

    def __init__(self, corpus: "Corpus | None" = None, annotations: "Annotations | None" = None,
                 group_by: str = "speaker_type", engine: str = "svg", page_size: int = PAGE_SIZE):

        self.corpus = resolve_corpus(corpus)
        self.ann = annotations if annotations is not None else self.corpus.annotations
        if engine not in ("svg", "matplotlib"):
            raise ValueError("engine must be 'svg' or 'matplotlib'")
        self.engine = engine
        self.rows = all_quote_rows(self.corpus, self.ann)
        types = [t for t in SPEAKER_TYPES if any(r.speaker_type == t for r in self.rows)]
        outlets = sorted({d.outlet for d in self.corpus})
        self.speaker_type = dropdown("Speaker type", [("All types", "")] + [(t, t) for t in types], "", "20em")
        self.named = dropdown("Named?", [("Named and anonymous", ""), ("Named only", "named"),
                                         ("Anonymous only", "anonymous")], "", "20em")
        self.outlet = dropdown("Outlet", [("All outlets", "")] + [(o, o) for o in outlets], "", "20em")
        self.group_by = dropdown("Count by", [(v, k) for k, v in GROUP_BY.items()], group_by, "20em")

        self.status, self.chart, self.table = html_pane(), html_pane(), html_pane()
        self.pager = Pager("quotes", self._show_page, page_size)
        # the pager's parts, by the names the lessons and tests use
        self.previous_page, self.next_page, self.page_label = self.pager.previous, self.pager.next, self.pager.label
        super().__init__([row([self.speaker_type, self.named]), row([self.outlet, self.group_by]),
                          self.status, self.chart, self.pager.box,
                          self.table])
        for c in (self.speaker_type, self.named, self.outlet, self.group_by):
            c.observe(self._refresh, "value")
        self._refresh()

    def filtered(self) -> list[QuoteRow]:
        return quote_rows(self.rows, self.speaker_type.value, self.named.value, self.outlet.value)

    def _refresh(self, change=None) -> None:
        rows = self.filtered()
        counts = speaker_counts(rows, self.group_by.value)
        anon = sum(1 for r in rows if not r.named)
        if not self.rows:
            self.status.value = message("This corpus has no quote annotations yet.", "warning")
        else:
            self.status.value = message(f"{len(rows)} of {len(self.rows)} quotes match; {anon} of them "
                                        f"from anonymous speakers.")
        self.chart.value = chart_html(counts, self.group_by.value, self.engine)
        if change is not None:
            self.pager.page = 1  # new filters: back to the first page
        self._show_page()

    @property
    def page(self) -> int:
        return self.pager.page

    @property
    def page_size(self) -> int:
        return self.pager.page_size

    def turn(self, by: int) -> None:
        """Show the next (``by=1``) or previous (``-1``) page of the table, stopping at the ends."""
        self.pager.turn(by)

    def _show_page(self) -> None:
        rows = self.filtered()
        _, page, pages, _ = page_rows(rows, self.pager.page, self.page_size)
        self.table.value = quotes_table(rows, page, self.page_size)
        self.pager.update(page, pages)

    def figure(self):
        """The current chart as a matplotlib Figure."""
        return bar_chart_figure(speaker_counts(self.filtered(), self.group_by.value), self.group_by.value)

    def summary(self) -> str:
        return f"Quote explorer: {len(self.filtered())} quotes"

    def static_html(self) -> str:
        state = (f"speaker type: {self.speaker_type.value or 'all'}; {self.named.value or 'named and anonymous'}; "
                 f"outlet: {self.outlet.value or 'all'}; counted by {GROUP_BY[self.group_by.value]}")
        rows = self.filtered()
        return static_frame(self.title, state, self.status.value + self.chart.value
                            + quotes_table(rows, 1, self.page_size) + static_note(page_count(len(rows), self.page_size)))
