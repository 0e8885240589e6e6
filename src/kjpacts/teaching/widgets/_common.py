"""Shared pieces of the widgets: palette, HTML helpers, highlighting, the widget base class.

Everything here is pure Python and fast; nothing needs a browser. A widget's
*logic* is a function from a state to a render model (plain data plus HTML
strings); its *display* is a thin ``ipywidgets`` class (:class:`KitWidget`)
that wires native controls to that function and, when displayed, also offers
a ``text/html`` snapshot of its current (normally default) state, so a saved
notebook reads on GitHub, nbviewer or a static site where widgets do not run.

Accessibility rules kept by every widget:

- colours come from the Okabe-Ito palette (safe for the common colour-vision
  deficiencies) and are never the only cue: each layer also has its own line
  style, a text label in the legend and a short id label in the text;
- controls are native ipywidgets (dropdowns, checkboxes, sliders, buttons), so
  they work with the keyboard;
- every chart comes with a text alternative: ``alt``/``<title>``/``<desc>`` and
  a table of the same numbers beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from kjpacts.corpus.load import shared_corpus
from kjpacts.teaching.html import GREY, OKABE_ITO, esc, message  # noqa: F401 (the widgets' shared palette)

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus



def tint(hex_colour: str, alpha: float = 0.2) -> str:
    """``rgba()`` of a ``#RRGGBB`` colour, for light backgrounds behind text."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


@dataclass(frozen=True)
class LayerStyle:
    """How one kind of highlight looks: colour plus a cue that is not colour."""

    name: str  # key, e.g. "quotes"
    label: str  # legend text
    colour: str
    line: str  # CSS border style of the underline: solid, double, dashed, dotted
    code: str  # one or two letters used in item labels (Q3, T2, ...)
    box: bool = False  # a full box instead of an underline

    def css(self, depth: int = 0, first: bool = True, last: bool = True) -> str:
        """Inline style; ``first``/``last`` say whether this piece opens/closes the span (for boxes)."""
        pad = 1 + 4 * depth
        if self.box:
            edge = f"2px {self.line} {self.colour}"
            return (f"background:{tint(self.colour)};border-top:{edge};border-bottom:{edge};"
                    f"border-left:{edge if first else 'none'};border-right:{edge if last else 'none'};"
                    f"padding:0 {1 if last else 0}px {pad}px {1 if first else 0}px")
        return (f"background:{tint(self.colour)};border-bottom:3px {self.line} {self.colour};"
                f"padding-bottom:{pad}px")

    def swatch(self) -> str:
        """A small sample of the style for legends."""
        return (f'<span style="{self.css()}" aria-hidden="true">&nbsp;{esc(self.code)}&nbsp;</span>')


@dataclass(frozen=True)
class Highlight:
    """A span of text to mark: ``text[start:end]`` in one layer, with a label and a tooltip."""

    start: int
    end: int
    layer: str
    key: str  # unique within a rendering, e.g. "quotes:q3"
    label: str = ""  # shown after the span, e.g. "Q3"
    title: str = ""  # tooltip / accessible description


def render_highlights(text: str, highlights: Iterable[Highlight], styles: dict[str, LayerStyle],
                      selected: str | None = None, start: int = 0, end: int | None = None) -> str:
    """HTML of ``text[start:end]`` with (possibly overlapping) highlights as nested spans.

    Each highlight is split at every boundary of the others, so overlaps nest
    properly; nesting depth raises the underline so overlapping layers stay
    visible. The label of a highlight is printed as ``<sup>`` after its last
    piece; the ``selected`` key gets a thick black outline and ``id`` anchor.
    """
    end = len(text) if end is None else end
    order = {name: i for i, name in enumerate(styles)}
    hs = sorted((h for h in highlights if h.end > start and h.start < end and h.layer in styles),
                key=lambda h: (h.start, -h.end, order[h.layer]))
    if not hs:
        return esc(text[start:end])
    cuts = {start, end}
    for h in hs:
        cuts.add(max(h.start, start))
        cuts.add(min(h.end, end))
    bounds = sorted(cuts)
    out: list[str] = []
    active: list[Highlight] = []
    nxt = 0
    for a, b in zip(bounds, bounds[1:]):
        active = [h for h in active if h.end > a]
        while nxt < len(hs) and hs[nxt].start <= a:
            if hs[nxt].end > a:
                active.append(hs[nxt])
            nxt += 1
        piece = esc(text[a:b])
        if not active:
            out.append(piece)
            continue
        layered = sorted(active, key=lambda h: (order[h.layer], h.start))
        opened = []
        for depth, h in enumerate(layered):
            style = styles[h.layer].css(depth, a <= h.start, b >= h.end)
            attrs = ""
            if h.key == selected:
                style += ";box-shadow:0 0 0 3px #000;font-weight:bold"
                if h.start >= a:
                    attrs = ' id="kjpacts-selected"'
            if h.title:
                attrs += f' title="{esc(h.title)}"'
            opened.append(f'<span class="kj-{h.layer}" style="{style}"{attrs}>')
        out.append("".join(opened) + piece + "</span>" * len(opened))
        ending = [h for h in layered if h.end == b and h.label]
        if ending:
            out.append(label_badges([(h.label, styles[h.layer], h.key == selected) for h in ending]))
    return "".join(out)


def label_badges(labels: Sequence[tuple[str, "LayerStyle", bool]]) -> str:
    """The labels of the highlights that end at one point, as one ``<sup>``: each label in its own
    small box edged in its layer's colour and line, separated by a space, so 'Q2' and 'F12' never
    run together into 'Q2F12'. ``labels``: (text, style, selected)."""
    parts = []
    for text, style, sel in labels:
        weight = "font-weight:bold;" if sel else ""
        parts.append(f'<span class="kj-label" style="{weight}border:1px {style.line if style.line != "double" else "solid"} '
                     f'{style.colour};border-radius:3px;padding:0 2px;background:#fff;white-space:nowrap">'
                     f'{esc(text)}</span>')
    return f'<sup style="font-size:70%;color:#333;line-height:1">{" ".join(parts)}</sup>'


def text_block(inner_html: str, label: str = "", max_height: str = "32em") -> str:
    """A scrollable box for long text, wrapping lines and keeping paragraph breaks."""
    aria = f' role="region" aria-label="{esc(label)}"' if label else ""
    return (f'<div{aria} style="white-space:pre-wrap;line-height:2.1;font-family:Georgia,serif;'
            f'max-height:{max_height};overflow:auto;border:1px solid #ccc;padding:0.5em 0.8em;'
            f'background:#fff;color:#111">{inner_html}</div>')


def legend(styles: Sequence[LayerStyle], heading: str = "Legend") -> str:
    """A legend that names each style in words, so colour is never the only cue."""
    items = "".join(
        f'<li style="display:inline-block;margin-right:1em">{s.swatch()} {esc(s.label)} '
        f'<span style="color:{GREY}">({esc(s.line)}{" box" if s.box else " underline"}, labels {esc(s.code)}1, {esc(s.code)}2, …)</span></li>'
        for s in styles)
    return (f'<div style="margin:0.3em 0"><strong>{esc(heading)}:</strong>'
            f'<ul style="list-style:none;padding:0;margin:0.2em 0">{items}</ul></div>')


#: Columns that hold ids, dates, offsets or counts: their cells never wrap ("2011-01-/10").
#: Words (types, kinds, labels) may wrap, so that the text columns keep room to read.
NOWRAP_COLUMNS = frozenset({"document", "id", "occurrence", "date", "TIMEX value", "reported by", "item",
                            "offset", "published", "category", "edits", "matches", "count", "named", "anonymous",
                            "total", "words", "passage"})


def scroll_box(inner_html: str) -> str:
    """A container that scrolls sideways when its content (a table) cannot be narrower than the
    page: the only place where a widget may be wider than its output area. (``width:0`` with
    ``min-width:100%``: as wide as its parent, without the table's width widening the parent.)"""
    # tabindex: a region that scrolls must be reachable from the keyboard (WCAG 2.1.1; axe
    # scrollable-region-focusable)
    return (f'<div class="kj-scroll" tabindex="0" role="region" aria-label="table, scrolls sideways" '
            f'style="overflow-x:auto;width:0;min-width:100%">{inner_html}</div>')


def html_table(columns: Sequence[str], rows: Iterable[Sequence], caption: str = "",
               raw_html_columns: Sequence[int] = (), align: dict[int, str] | None = None,
               max_rows: int | None = None, nowrap: Sequence[int] | None = None, scroll: bool = True) -> str:
    """An accessible HTML table (``<caption>``, ``<th scope="col">``); cells are escaped
    except in ``raw_html_columns``. Rows beyond ``max_rows`` are counted, not shown.
    Cells of the ``nowrap`` columns (default: those named in :data:`NOWRAP_COLUMNS`) never
    wrap; the table sits in a :func:`scroll_box`, so a table that cannot fit scrolls by itself
    (``scroll=False`` for a small table that must keep its own width, e.g. side by side with another)."""
    align = align or {}
    keep = set(nowrap) if nowrap is not None else {j for j, c in enumerate(columns) if c in NOWRAP_COLUMNS}
    head = "".join(f'<th scope="col" style="text-align:left;border-bottom:2px solid #333;padding:2px 6px'
                   f'{";white-space:nowrap" if j in keep else ""}">{esc(c)}</th>'
                   for j, c in enumerate(columns))
    body = []
    hidden = 0
    for i, row in enumerate(rows):
        if max_rows is not None and i >= max_rows:
            hidden += 1
            continue
        cells = []
        for j, v in enumerate(row):
            cell = v if j in raw_html_columns else esc("" if v is None else str(v))
            wrap = "white-space:nowrap;" if j in keep else "overflow-wrap:break-word;"
            cells.append(f'<td style="padding:2px 6px;vertical-align:top;text-align:{align.get(j, "left")};{wrap}'
                         f'border-bottom:1px solid #ddd">{cell}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f'<caption style="text-align:left;font-weight:bold;padding:2px 0">{esc(caption)}</caption>' if caption else ""
    more = (f'<p style="color:{GREY}">{hidden} more row{"s" if hidden != 1 else ""} not shown; narrow the filters.</p>'
            if hidden else "")
    table = (f'<table style="border-collapse:collapse;font-size:90%;margin:0.3em 0;max-width:100%">{cap}'
             f'<thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
    return (scroll_box(table) if scroll else table) + more


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def static_frame(title: str, controls: str, body: str) -> str:
    """The ``text/html`` snapshot shown where widgets do not run."""
    return (f'<div class="kjpacts-static" style="border:1px solid #bbb;padding:0.5em 0.8em;max-width:min(60em,100%);box-sizing:border-box">'
            f'<div style="font-weight:bold">{esc(title)}</div>'
            f'<div style="color:{GREY};font-size:90%">Static view of the widget ({esc(controls)}). '
            f'Run the notebook to change the settings.</div>{body}</div>')


def resolve_corpus(corpus: "Corpus | None") -> "Corpus":
    """``corpus``, or the shared corpus of this process (:func:`kjpacts.corpus.shared_corpus`)."""
    return shared_corpus() if corpus is None else corpus


# -- the ipywidgets side ------------------------------------------------------

try:
    import ipywidgets as _w
except ImportError:  # pragma: no cover - ipywidgets is a dependency
    _w = None


class KitWidget(_w.VBox if _w is not None else object):  # type: ignore[misc]
    """Base of every kit widget: a ``VBox`` of native controls plus HTML panes.

    Subclasses implement :meth:`static_html` (an HTML rendering of the current
    state for places where widgets do not run) and may override :meth:`summary`
    (one line of plain text). Displaying the widget emits a bundle with the
    widget view *and* ``text/html``/``text/plain`` fallbacks.
    """

    title = "kjpacts widget"

    def __init__(self, children=(), **kwargs):
        # as wide as the output area and never wider: children shrink or wrap (issue 14)
        kwargs.setdefault("layout", _w.Layout(width="100%", max_width="100%"))
        super().__init__(children, **kwargs)

    def static_html(self) -> str:
        """The default static rendering: the one-line summary (each widget shows its state)."""
        import html

        return f"<p>{html.escape(self.summary())}</p>"

    def summary(self) -> str:
        return f"{self.title} (an interactive widget; run the notebook to use it)"

    def _repr_mimebundle_(self, **kwargs):
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.summary()
        try:
            data["text/html"] = self.static_html()
        except Exception as exc:  # a fallback must never break display
            data["text/html"] = message(f"No static view: {exc}", "warning")
        return data


#: ipywidgets puts a 2 px margin on each side of a control: ``width:100%`` would overflow by 4 px.
FULL_WIDTH = "calc(100% - 4px)"


def html_pane(value: str = "") -> "_w.HTML":
    """An HTML pane as wide as its box (in a VBox it stretches), never wider."""
    return _w.HTML(value=value, layout=_w.Layout(width="auto", max_width=FULL_WIDTH))


def dropdown(description: str, options, value=None, width: str = "34em") -> "_w.Dropdown":
    """A labelled dropdown ``width`` wide, narrower when the output area is (never cut off)."""
    kw = {} if value is None else {"value": value}
    return _w.Dropdown(description=description, options=options, style={"description_width": "initial"},
                       layout=_w.Layout(width=width, max_width=FULL_WIDTH), **kw)


def button(description: str, tooltip: str = "") -> "_w.Button":
    """A button as wide as its text (the default 148 px cuts 'Previous item' to 'Previous it…'),
    and no wider (``align_self``: in a VBox it would stretch across the whole output area)."""
    return _w.Button(description=description, tooltip=tooltip or description,
                     layout=_w.Layout(width="auto", max_width=FULL_WIDTH, align_self="flex-start"))


def row(children, gap: str = "0.2em 1em") -> "_w.HBox":
    """Controls side by side that wrap onto the next line when the output area is too narrow."""
    return _w.HBox(list(children), layout=_w.Layout(flex_flow="row wrap", max_width="100%", grid_gap=gap))
