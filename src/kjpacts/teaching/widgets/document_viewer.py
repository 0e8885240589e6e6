"""Document viewer: metadata card, annotation layers as highlights, details of one item.

Logic: :func:`document_items` lists every annotated item of a document by layer;
:func:`render_document` turns (document, items, layers shown, selected item) into
a :class:`ViewerView` of HTML strings. Display: :class:`DocumentViewer`.

>>> from kjpacts.teaching.widgets import DocumentViewer
>>> DocumentViewer(doc_id="wapo-2011-01-11", layers=("quotes", "time"))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from kjpacts.annotations.vocabulary import FRAMING_CATEGORIES
from kjpacts.teaching.widgets._common import (
    GREY,
    OKABE_ITO,
    Highlight,
    KitWidget,
    LayerStyle,
    button,
    dropdown,
    esc,
    html_pane,
    html_table,
    legend,
    message,
    render_highlights,
    resolve_corpus,
    row,
    shorten,
    static_frame,
    text_block,
)
from kjpacts.teaching.widgets._time import apply_mod, describe, resolve_value

if TYPE_CHECKING:
    from kjpacts.annotations.records import Annotations
    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

#: The five layers, in drawing order (outermost first), with colour and line style.
LAYER_STYLES: dict[str, LayerStyle] = {
    "entities": LayerStyle("entities", "Entities (mentions)", OKABE_ITO["sky-blue"], "solid", "E"),
    "quotes": LayerStyle("quotes", "Quotes (content; speaker marked ·src)", OKABE_ITO["orange"], "double", "Q"),
    "time": LayerStyle("time", "Time expressions", OKABE_ITO["bluish-green"], "dashed", "T"),
    "claims": LayerStyle("claims", "Claims", OKABE_ITO["reddish-purple"], "solid", "C", box=True),
    "framing": LayerStyle("framing", "Framing", OKABE_ITO["vermillion"], "dotted", "F"),
}
LAYERS = tuple(LAYER_STYLES)
DEFAULT_LAYERS = ("quotes", "time")


@dataclass(frozen=True)
class Item:
    """One annotated item shown in the viewer."""

    layer: str
    key: str  # "quotes:q3"
    label: str  # "Q3"
    start: int
    end: int
    summary: str  # one line for the item list
    details: tuple[tuple[str, str], ...]  # (field, value) rows
    extra_spans: tuple[tuple[int, int, str], ...] = ()  # more highlighted spans: (start, end, label)

    def highlights(self) -> list[Highlight]:
        title = f"{self.label}: {self.summary}"
        hs = [Highlight(self.start, self.end, self.layer, self.key, self.label, title)]
        hs += [Highlight(s, e, self.layer, self.key, lab, title) for s, e, lab in self.extra_spans]
        return hs


def _num(record_id: str) -> str:
    return record_id.lstrip("abcdefghijklmnopqrstuvwxyz") or record_id


def document_items(doc: "Document", ann: "Annotations") -> dict[str, list[Item]]:
    """Every annotated item of ``doc``, by layer (empty lists for layers without data)."""
    d = doc.doc_id
    out: dict[str, list[Item]] = {layer: [] for layer in LAYERS}
    for m in ann.mentions.get(d, []):
        ent = ann.entities.get(m.entity_id)
        name = ent.name if ent else m.entity_id
        rows = [("text", m.text), ("entity", f"{name} ({ent.type})" if ent else m.entity_id)]
        if ent:
            rows += [("country", ent.country or "-"), ("description", ent.description),
                     ("spellings in the corpus", ", ".join(ent.variants))]
        summary = f"{m.text!r} → {name}"
        if m.metonymy:
            target = ann.entities.get(m.refers_to or "")
            rows += [("metonymy", m.metonymy), ("stands for", target.name if target else str(m.refers_to))]
            summary += f" (stands for {target.name if target else m.refers_to})"
        out["entities"].append(Item("entities", f"entities:{m.id}", f"E{_num(m.id)}", m.start, m.end,
                                    summary, tuple(rows)))
    for q in ann.quotes.get(d, []):
        who = "named" if q.named else "anonymous"
        rows = [("kind", q.kind), ("content", q.content.text), ("cue", q.cue.text if q.cue else "-"),
                ("source as printed", q.source.text if q.source else "-"), ("speaker", q.speaker),
                ("speaker type", q.speaker_type), ("named?", "named" if q.named else "anonymous"),
                ("reason given for anonymity", q.anonymity_reason or "-"), ("country", q.country or "-")]
        if q.note:
            rows.append(("note", q.note))
        extra = ()
        label = f"Q{_num(q.id)}"
        if q.source and (q.source.end <= q.content.start or q.source.start >= q.content.end):
            extra = ((q.source.start, q.source.end, f"{label}·src"),)
        out["quotes"].append(Item("quotes", f"quotes:{q.id}", label, q.content.start, q.content.end,
                                  f"{q.speaker} ({q.speaker_type}, {who}, {q.kind}): {shorten(q.content.text, 50)}",
                                  tuple(rows), extra))
    for t in ann.timexes.get(d, []):
        r = resolve_value(t.value)
        when = describe(apply_mod(r, t.mod), t.mod) if r else "no calendar date (" + t.value + ")"
        rows = [("text", t.text), ("type", t.type), ("value", t.value), ("mod", t.mod or "-"),
                ("resolved", when), ("anchor", t.anchor)]
        if t.function:
            rows.append(("function", t.function))
        if t.note:
            rows.append(("note", t.note))
        out["time"].append(Item("time", f"time:{t.id}", f"T{_num(t.id)}", t.start, t.end,
                                f"{t.text!r} = {when}", tuple(rows)))
    occ = sorted((o for c in ann.claims for o in c.occurrences if o.doc_id == d), key=lambda o: (o.start, o.end))
    claims = {c.claim_id: c for c in ann.claims}
    for i, o in enumerate(occ, 1):
        c = claims[o.claim_id]
        others = sorted({x.doc_id for x in c.occurrences if x.doc_id != d})
        indep = {True: "yes (independent corroboration)", False: "no (an echo of one source)",
                 None: "first or only occurrence"}[o.independent]
        rows = [("claim", c.statement), ("status", c.status), ("attributed to", o.attributed_to),
                ("independent?", indep), ("why", o.reason or "-"),
                ("also in", ", ".join(others) or "no other document")]
        out["claims"].append(Item("claims", f"claims:{o.claim_id}:{o.id}", f"C{i}", o.start, o.end,
                                  f"{c.claim_id} ({c.status}), attributed to {o.attributed_to}", tuple(rows)))

    for f in ann.framing.get(d, []):
        rows = [("text", f.text), ("category", f"{f.category}: {FRAMING_CATEGORIES.get(f.category, '')}"),
                ("voice", f.voice + (f" ({f.quote_id})" if f.quote_id else "")), ("note", f.note or "-")]
        out["framing"].append(Item("framing", f"framing:{f.id}", f"F{_num(f.id)}", f.start, f.end,
                                   f"{f.text!r}: {f.category} ({f.voice})", tuple(rows)))
    return out


def metadata_card(doc: "Document", counts: dict[str, int] | None = None) -> str:
    """The document's metadata as a small definition table."""
    m = doc.meta
    pub = m.get("published", "?")
    if m.get("published_precision"):
        pub += f" (precision: {m['published_precision']}"
        if m.get("published_inferred"):
            pub += f"; inferred, confidence {m.get('published_confidence', '?')}"
        pub += ")"
    byline = m.get("byline") or "none printed"
    if m.get("byline_truncated"):
        byline += " (cut off on the page)"
    rows = [("Headline", m.get("headline")), ("Outlet", m.get("outlet")), ("Agency", m.get("agency") or "none"),
            ("Byline", byline), ("Published", pub), ("Dateline", m.get("dateline_as_printed") or "none"),
            ("Version tag", m.get("version_tag") or "none")]
    if counts is not None:
        rows.append(("Annotations", ", ".join(f"{n} {layer}" for layer, n in counts.items())))
    body = "".join(f'<tr><th scope="row" style="text-align:left;padding:1px 8px 1px 0;color:#333">{esc(k)}</th>'
                   f'<td style="padding:1px 0">{esc(str(v))}</td></tr>' for k, v in rows)
    evidence = m.get("published_evidence") or []
    ev = ""
    if evidence:
        lis = "".join(f"<li>{esc(e)}</li>" for e in evidence)
        ev = f'<details><summary>How the date was established</summary><ul>{lis}</ul></details>'
    return (f'<div style="border:2px solid #333;border-radius:4px;padding:0.4em 0.7em;margin:0.3em 0">'
            f'<div style="font-weight:bold">{esc(doc.doc_id)}</div>'
            f'<table style="font-size:90%">{body}</table>{ev}</div>')


def context_html(text: str, start: int, end: int, width: int = 90) -> str:
    """``text[start:end]`` in bold, with some context either side."""
    a, b = max(0, start - width), min(len(text), end + width)
    left = ("…" if a else "") + " ".join(text[a:start].split(" "))
    right = text[end:b] + ("…" if b < len(text) else "")
    return f"{esc(left)}<strong><u>{esc(text[start:end])}</u></strong>{esc(right)}"


@dataclass
class ViewerView:
    """What the viewer shows for one state."""

    card: str
    legend: str
    text: str
    options: list[tuple[str, str]]  # (item list entry, key)
    details: str
    items: list[Item] = field(default_factory=list)


def render_document(doc: "Document", items: dict[str, list[Item]], layers: Sequence[str],
                    selected: str | None = None) -> ViewerView:
    """Render a document with the chosen layers highlighted and ``selected`` outlined."""
    layers = [layer for layer in LAYERS if layer in layers]
    shown = [it for layer in layers for it in items.get(layer, [])]
    shown.sort(key=lambda it: (it.start, it.end, LAYERS.index(it.layer)))
    styles = {layer: LAYER_STYLES[layer] for layer in layers}
    hl = [h for it in shown for h in it.highlights()]
    text = render_highlights(doc.text, hl, styles, selected=selected)
    empty = [layer for layer in layers if not items.get(layer)]
    leg = legend([LAYER_STYLES[layer] for layer in layers], "Highlighted layers") if layers else \
        message("No layer is shown; tick one above to highlight it.")
    if empty:
        leg += message(f"No {', '.join(empty)} annotations in this document.")
    options = [(f"{it.label}  {shorten(it.summary, 90)}", it.key) for it in shown]
    sel = next((it for it in shown if it.key == selected), None)
    if sel is None:
        details = (f'<p style="color:{GREY}">Choose an item in the list to see its details '
                   f'({len(shown)} highlighted).</p>')
    else:
        details = (f'<div role="region" aria-label="Details of {esc(sel.label)}" style="border-left:4px solid '
                   f'{LAYER_STYLES[sel.layer].colour};padding-left:8px">'
                   f'<div><strong>{esc(sel.label)}</strong> ({esc(LAYER_STYLES[sel.layer].label)})</div>'
                   f'<p>{context_html(doc.text, sel.start, sel.end)}</p>'
                   + html_table(["field", "value"], sel.details) + "</div>")
    counts = {layer: len(items.get(layer, [])) for layer in LAYERS}
    return ViewerView(metadata_card(doc, counts), leg, text_block(text, f"Text of {doc.doc_id}"),
                      options, details, shown)


class DocumentViewer(KitWidget):
    """Pick a document; toggle annotation layers; choose a highlighted item to see its details.

    Controls (all keyboard-usable): ``document`` (Dropdown), one Checkbox per layer
    in ``layer_boxes``, ``item`` (a Dropdown of the highlighted items) with
    ``previous``/``next`` Buttons.
    """

    title = "Document viewer"

    def __init__(self, corpus: "Corpus | None" = None, doc_id: str | None = None,
                 layers: Sequence[str] = DEFAULT_LAYERS, annotations: "Annotations | None" = None):
        import ipywidgets as w

        self.corpus = resolve_corpus(corpus)
        self.ann = annotations if annotations is not None else self.corpus.annotations
        ids = self.corpus.fileids()
        self._items: dict[str, dict[str, list[Item]]] = {}
        self.document = dropdown("Document", [(f"{d} ({self.corpus[d].outlet})", d) for d in ids],
                                 doc_id or ids[0])
        self.layer_boxes = {layer: w.Checkbox(value=layer in layers, description=LAYER_STYLES[layer].label.split(" (")[0],
                                              indent=False, layout=w.Layout(width="auto", margin="0 1em 0 0"))
                            for layer in LAYERS}
        # a Dropdown, not a list box: in JupyterLab a closed dropdown opens with Space or Alt+Down,
        # while arrow keys on a list box are taken by the notebook (ipywidgets issue 3912)
        self.item = dropdown("Highlighted item", [("(none)", None)], None, "44em")
        self.item.value = None
        self.previous = button("Previous item", "Select the previous highlighted item")
        self.next = button("Next item", "Select the next highlighted item")
        self.card, self.legend, self.text, self.details = html_pane(), html_pane(), html_pane(), html_pane()
        super().__init__([self.document, self.card,
                          row([w.Label("Layers:")] + list(self.layer_boxes.values())),
                          self.legend, self.text, row([self.item, self.previous, self.next]), self.details])
        self.document.observe(self._on_document, "value")
        for box in self.layer_boxes.values():
            box.observe(self._on_layers, "value")
        self.item.observe(self._on_item, "value")
        self.previous.on_click(lambda _: self.step(-1))
        self.next.on_click(lambda _: self.step(+1))
        self.view: ViewerView | None = None
        self._refresh(keep_selection=False)

    # state -> view
    def items_of(self, doc_id: str) -> dict[str, list[Item]]:
        if doc_id not in self._items:
            self._items[doc_id] = document_items(self.corpus[doc_id], self.ann)
        return self._items[doc_id]

    @property
    def layers(self) -> list[str]:
        return [layer for layer, box in self.layer_boxes.items() if box.value]

    def render(self, selected: str | None = None) -> ViewerView:
        doc = self.corpus[self.document.value]
        return render_document(doc, self.items_of(doc.doc_id), self.layers, selected)

    def _refresh(self, keep_selection: bool = True) -> None:
        selected = self.item.value if keep_selection else None
        view = self.render(selected)
        keys = {k for _, k in view.options}
        if selected not in keys:
            selected = None  # the view already shows no selection
        self.view = view
        self.card.value, self.legend.value, self.text.value = view.card, view.legend, view.text
        self.details.value = view.details
        self._muted = True
        try:
            self.item.options = [("(none)", None)] + view.options
            self.item.value = selected
        finally:
            self._muted = False

    def step(self, by: int) -> None:
        """Select the next (``by=1``) or previous (``-1``) highlighted item, wrapping around."""
        keys = [k for _, k in self.item.options if k is not None]
        if not keys:
            return
        if self.item.value in keys:
            i = (keys.index(self.item.value) + by) % len(keys)
        else:
            i = 0 if by > 0 else len(keys) - 1
        self.item.value = keys[i]

    def _on_document(self, change) -> None:
        self._refresh(keep_selection=False)

    def _on_layers(self, change) -> None:
        self._refresh(keep_selection=True)

    def _on_item(self, change) -> None:
        if getattr(self, "_muted", False):
            return
        view = self.render(change["new"])
        self.view = view
        self.text.value, self.details.value = view.text, view.details

    # static rendering
    def summary(self) -> str:
        return f"Document viewer: {self.document.value}, layers {', '.join(self.layers) or 'none'}"

    def static_html(self) -> str:
        v = self.view or self.render()
        items = html_table(["item", "what"], [(it.label, it.summary) for it in v.items],
                           caption="Highlighted items", max_rows=60)
        return static_frame(self.title, f"document {self.document.value}; layers {', '.join(self.layers) or 'none'}",
                            v.card + v.legend + v.text + items)
