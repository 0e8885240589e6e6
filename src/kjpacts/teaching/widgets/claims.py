"""Claim tracker: which documents carry a claim, whom each attributes it to, and whether
the sources are independent (a small SVG graph with a text alternative).

Logic: :func:`claim_model` (claim) -> :class:`ClaimView`; :func:`source_graph_svg`
draws documents (left) linked to the sources they cite (right). Display: :class:`ClaimTracker`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kjpacts.annotations.vocabulary import CLAIM_STATUSES
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
    shorten,
    static_frame,
)

if TYPE_CHECKING:
    from kjpacts.annotations.records import Annotations, Claim
    from kjpacts.corpus.load import Corpus

MAX_ROWS = 200  # occurrences listed in the table
MAX_DOCS = 40  # documents drawn in the graph (the text alternative lists them all)

#: independent flag -> (label, colour, dash pattern, marker)
EDGE_STYLES = {
    True: ("independent corroboration", OKABE_ITO["bluish-green"], "", "solid line"),
    False: ("echo of a source already seen", OKABE_ITO["vermillion"], "8 5", "dashed line"),
    None: ("first or only occurrence", "#000000", "2 4", "dotted line"),
}


@dataclass(frozen=True)
class Edge:
    doc_id: str
    source: str
    occurrences: tuple[str, ...]  # occurrence ids
    independent: bool | None  # True if any occurrence is independent, None if only first ones


@dataclass
class ClaimView:
    header: str
    graph_svg: str
    graph_text: str  # the text alternative of the graph
    table: str
    edges: list[Edge]
    documents: list[str]
    sources: list[str]
    independent_count: int


def _edge_kind(flags: list[bool | None]) -> bool | None:
    if True in flags:
        return True
    if None in flags:
        return None
    return False


def claim_edges(claim: "Claim") -> list[Edge]:
    """Occurrences grouped by (document, source), in document order."""
    groups: dict[tuple[str, str], list] = {}
    for o in claim.occurrences:
        groups.setdefault((o.doc_id, o.attributed_to), []).append(o)
    return [Edge(d, s, tuple(o.id for o in occ), _edge_kind([o.independent for o in occ]))
            for (d, s), occ in groups.items()]


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(a: Box, b: Box) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(lines: list[tuple[float, float, float, float]], texts: list[str], char_w: float = 6.0,
                 height: float = 12.0) -> list[Box]:
    """A box for each edge label, centred on its line at the first of several points along it
    where it overlaps no label placed before (else where it overlaps least), so the labels of
    edges leaving one document do not stack on top of each other."""
    placed: list[Box] = []
    for (x1, y1, x2, y2), text in zip(lines, texts):
        w = char_w * len(text) + 6
        best, best_cost = None, float("inf")
        for t in (0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8, 0.12, 0.88):
            cx, cy = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            box = (cx - w / 2, cy - height / 2, cx + w / 2, cy + height / 2)
            room = (box[0] - 3, box[1] - 3, box[2] + 3, box[3] + 3)  # keep 3 px between labels
            cost = sum(_overlap(room, b) for b in placed)
            if cost < best_cost:
                best, best_cost = box, cost
            if cost == 0:
                break
        placed.append(best)
    return placed


def source_graph_svg(claim_id: str, documents: list[tuple[str, str]], sources: list[str], edges: list[Edge],
                     desc: str) -> str:
    """Bipartite graph: documents (left, by date) -> sources (right). Line style shows independence."""
    row, top, width = 40, 36, 700
    n = max(len(documents), len(sources), 1)
    height = top + n * row + 10
    ly = {d: top + i * row + row / 2 for i, (d, _) in enumerate(documents)}
    ry = {s: top + i * row + row / 2 for i, s in enumerate(sources)}
    lx, rx = 250, 440
    uid = "kjg-" + "".join(ch if ch.isalnum() else "-" for ch in claim_id)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{uid}-t {uid}-d" '
             f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" style="max-width:100%;height:auto;font-family:sans-serif">',
             f'<title id="{uid}-t">Who is the source of claim {esc(claim_id)}?</title><desc id="{uid}-d">{esc(desc)}</desc>',
             '<text x="10" y="18" font-size="13" font-weight="bold">Documents (oldest first)</text>',
             f'<text x="{rx + 10}" y="18" font-size="13" font-weight="bold">Attributed to</text>']
    texts = [",".join(e.occurrences) for e in edges]
    boxes = place_labels([(lx, ly[e.doc_id], rx, ry[e.source]) for e in edges], texts)
    for e in edges:
        label, colour, dash, _ = EDGE_STYLES[e.independent]
        y1, y2 = ly[e.doc_id], ry[e.source]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" y1="{y1}" x2="{rx}" y2="{y2}" stroke="{colour}" stroke-width="2.5"{dash_attr}>'
                     f'<title>{esc(e.doc_id)} → {esc(e.source)}: {esc(label)} ({", ".join(e.occurrences)})</title></line>')
    for text, (a, b, c, d) in zip(texts, boxes):  # labels after every line, so no line crosses one
        parts.append(f'<rect class="kj-edge-label" x="{a:.1f}" y="{b:.1f}" width="{c - a:.1f}" height="{d - b:.1f}" '
                     f'rx="3" fill="#fff" fill-opacity="0.9" stroke="#999" stroke-width="0.5"/>'
                     f'<text x="{(a + c) / 2:.1f}" y="{d - 3:.1f}" font-size="10" text-anchor="middle" '
                     f'fill="#222">{esc(text)}</text>')
    for d, label in documents:
        y = ly[d]
        parts.append(f'<rect x="6" y="{y - 14}" width="{lx - 6}" height="28" rx="4" fill="#fff" stroke="#333"/>'
                     f'<text x="12" y="{y + 4}" font-size="11">{esc(shorten(label, 40))}</text>')
    for s in sources:
        y = ry[s]
        parts.append(f'<rect x="{rx}" y="{y - 14}" width="{width - rx - 4}" height="28" rx="14" fill="#fff" '
                     f'stroke="#333"><title>{esc(s)}</title></rect>'
                     f'<text x="{rx + 10}" y="{y + 4}" font-size="11">{esc(shorten(s, 44))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def graph_legend() -> str:
    items = []
    for flag in (True, False, None):
        label, colour, dash, words = EDGE_STYLES[flag]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(f'<li style="display:inline-block;margin-right:1.2em"><svg width="40" height="10" aria-hidden="true">'
                     f'<line x1="0" y1="5" x2="40" y2="5" stroke="{colour}" stroke-width="2.5"{dash_attr}/></svg> '
                     f'{esc(words)}: {esc(label)}</li>')
    return f'<ul style="list-style:none;padding:0;margin:0.2em 0">{"".join(items)}</ul>'


def claim_model(claim: "Claim", corpus: "Corpus", ann: "Annotations | None" = None) -> ClaimView:
    """Everything the tracker shows for one claim."""

    doc_ids = sorted({o.doc_id for o in claim.occurrences},
                     key=lambda d: (corpus[d].published if d in corpus.documents else "", d))
    docs = [(d, f"{corpus[d].outlet}, {corpus[d].published}" if d in corpus.documents else d) for d in doc_ids]
    edges = sorted(claim_edges(claim), key=lambda e: (doc_ids.index(e.doc_id), e.occurrences))
    sources: list[str] = []
    for e in edges:
        if e.source not in sources:
            sources.append(e.source)
    independent = sum(1 for o in claim.occurrences if o.independent is True)
    firsts = sum(1 for o in claim.occurrences if o.independent is None)
    echoes = sum(1 for o in claim.occurrences if o.independent is False)
    n_docs = len(doc_ids)
    verdict = (f"{len(claim.occurrences)} occurrence(s) in {n_docs} document(s), attributed to {len(sources)} "
               f"source(s): {firsts} first, {independent} independent corroboration(s), {echoes} echo(es).")
    lines = [f"{d} ({label}) cites {e.source} [{EDGE_STYLES[e.independent][0]}; {', '.join(e.occurrences)}]"
             for d, label in docs for e in edges if e.doc_id == d]
    desc = verdict + " " + " ".join(lines[:MAX_DOCS])
    drawn = docs[:MAX_DOCS]
    kept = {d for d, _ in drawn}
    drawn_edges = [e for e in edges if e.doc_id in kept]
    drawn_sources = [s for s in sources if any(e.source == s for e in drawn_edges)]
    svg = source_graph_svg(claim.claim_id, drawn, drawn_sources, drawn_edges, desc)
    if len(docs) > MAX_DOCS:
        svg += message(f"The graph shows the first {MAX_DOCS} of {len(docs)} documents; the list below has them all.")
    text_alt = (f'<details open><summary>The graph in words</summary><p>{esc(verdict)}</p>'
                f'<ul>{"".join(f"<li>{esc(x)}</li>" for x in lines[:MAX_ROWS])}</ul>'
                + (f"<p>… and {len(lines) - MAX_ROWS} more links.</p>" if len(lines) > MAX_ROWS else "")
                + "</details>")
    outcome = ""
    if claim.outcome:
        outcome = (f'<p><strong>What happened</strong> (confidence {esc(claim.outcome.confidence)}; '
                   f'{esc(claim.outcome.source)}): {esc(claim.outcome.what_happened)}</p>')
    header = (f'<div style="border:2px solid #333;border-radius:4px;padding:0.4em 0.7em;margin:0.3em 0">'
              f'<div><strong>{esc(claim.statement)}</strong></div>'
              f'<div>Kind: {esc(claim.kind)} · Status: <strong>{esc(claim.status)}</strong> '
              f'({esc(CLAIM_STATUSES.get(claim.status, ""))})</div>{outcome}</div>')
    quotes = {}
    if ann is not None:
        for o in claim.occurrences:
            if o.quote_id:
                try:
                    q = ann.quote(o.doc_id, o.quote_id)
                    quotes[o.id] = f"{q.speaker} ({q.speaker_type}, {'named' if q.named else 'anonymous'})"
                except (StopIteration, KeyError):
                    pass
    occ = sorted(claim.occurrences, key=lambda o: (doc_ids.index(o.doc_id), o.start))
    # four columns, each with its detail in grey beneath, so the table fits a 600 px output area
    grey = f'<br><span style="color:{GREY}">'

    def quote_detail(o) -> str:  # the quote's speaker, without repeating the attribution
        detail = quotes.get(o.id, o.quote_id)
        return detail[len(o.attributed_to):].strip() if detail.startswith(o.attributed_to + " (") else detail

    table = html_table(["occurrence", "attributed to (quote)", "independent? (why)", "text"],
                       [(f"{esc(o.id)}{grey}{esc(o.doc_id)}</span>",
                         esc(o.attributed_to) + (f"{grey}{esc(quote_detail(o))}</span>" if o.quote_id else ""),
                         f"<strong>{esc(EDGE_STYLES[o.independent][0])}</strong>"
                         + (f"{grey}{esc(o.reason)}</span>" if o.reason else ""),
                         esc(shorten(o.text, 140))) for o in occ],
                       caption="Occurrences", max_rows=MAX_ROWS, raw_html_columns=range(4))
    return ClaimView(header, svg, text_alt, table, edges, doc_ids, sources, independent)


def claim_options(claims: list["Claim"]) -> list[tuple[str, str]]:
    """Dropdown choices: the claim ids (stable labels; the status is shown once chosen)."""
    return [(c.claim_id, c.claim_id) for c in sorted(claims, key=lambda c: c.claim_id)]


class ClaimTracker(KitWidget):
    """Pick a claim (``claim`` Dropdown); see its occurrences and a source graph."""

    title = "Claim tracker"

    def __init__(self, corpus: "Corpus | None" = None, claim_id: str | None = None,
                 annotations: "Annotations | None" = None):
        self.corpus = resolve_corpus(corpus)
        self.ann = annotations if annotations is not None else self.corpus.annotations
        self.claims = {c.claim_id: c for c in self.ann.claims}
        opts = claim_options(self.ann.claims) or [("(no claims annotated yet)", "")]
        if claim_id is None:
            # default: a claim in several documents, if any, so the graph has something to show
            multi = [c for c in sorted(self.claims) if len({o.doc_id for o in self.claims[c].occurrences}) > 2]
            claim_id = multi[0] if multi else opts[0][1]
        self.claim = dropdown("Claim", opts, claim_id, "40em")
        self.header, self.graph, self.text_alt, self.table = html_pane(), html_pane(), html_pane(), html_pane()
        super().__init__([self.claim, self.header, self.graph, self.text_alt, self.table])
        self.claim.observe(self._refresh, "value")
        self.view: ClaimView | None = None
        self._refresh()

    def render(self) -> ClaimView | None:
        c = self.claims.get(self.claim.value)
        return claim_model(c, self.corpus, self.ann) if c else None

    def _refresh(self, change=None) -> None:
        self.view = v = self.render()
        if v is None:
            self.header.value = message("This corpus has no claim annotations yet.", "warning")
            self.graph.value = self.text_alt.value = self.table.value = ""
            return
        self.header.value = v.header
        self.graph.value = f'<figure style="margin:0">{v.graph_svg}<figcaption>{graph_legend()}</figcaption></figure>'
        self.text_alt.value, self.table.value = v.graph_text, v.table

    def summary(self) -> str:
        return f"Claim tracker: {self.claim.value}"

    def static_html(self) -> str:
        return static_frame(self.title, f"claim {self.claim.value}",
                            self.header.value + self.graph.value + self.text_alt.value + self.table.value)
