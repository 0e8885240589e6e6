"""Raw vs clean: the page as found beside the clean text, each cleaning edit marked by category.

Logic: :func:`render_raw_clean` (document, which edits) -> :class:`RawCleanView`.
Display: :class:`RawVsClean`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kjpacts.corpus.cleaning import EDIT_CATEGORIES
from kjpacts.corpus.model import BOILERPLATE_CATEGORIES
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
    static_frame,
    text_block,
    tint,
)

if TYPE_CHECKING:
    from kjpacts.corpus.cleaning import Edit
    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

#: category -> (colour, border style); every mark also carries its category name as text.
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    "navigation": (OKABE_ITO["vermillion"], "solid"),
    "share-widget": (OKABE_ITO["vermillion"], "dashed"),
    "view-counter": (OKABE_ITO["vermillion"], "dotted"),
    "copyright-footer": (OKABE_ITO["reddish-purple"], "solid"),
    "scrape-header": (OKABE_ITO["reddish-purple"], "dashed"),
    "photo-caption": (OKABE_ITO["orange"], "solid"),
    "version-tag": (OKABE_ITO["orange"], "dashed"),
    "quote-normalised": (OKABE_ITO["blue"], "solid"),
    "nbsp": (OKABE_ITO["blue"], "dotted"),
    "trailing-space": (OKABE_ITO["sky-blue"], "dotted"),
    "blank-lines": (OKABE_ITO["sky-blue"], "dashed"),
    "paragraph-break": (OKABE_ITO["bluish-green"], "dashed"),
    "final-newline": (OKABE_ITO["bluish-green"], "dotted"),
}
TYPOGRAPHY_CATEGORIES = tuple(c for c in EDIT_CATEGORIES if c not in BOILERPLATE_CATEGORIES)

#: The filter choices besides single categories.
GROUPS: dict[str, tuple[str, ...]] = {
    "boilerplate": tuple(BOILERPLATE_CATEGORIES),
    "typography": TYPOGRAPHY_CATEGORIES,
    "all": tuple(EDIT_CATEGORIES),
}


def visible(s: str) -> str:
    """Make whitespace visible: ``·`` space, ``⍽`` no-break space, ``⏎`` newline (kept as a break)."""
    return s.replace(" ", "·").replace("\u00a0", "⍽").replace("\n", "⏎\n").replace("\t", "⇥")


def _mark(category: str, inner: str, strike: bool, n: int) -> str:
    colour, line = CATEGORY_STYLES.get(category, (GREY, "solid"))
    deco = "text-decoration:line-through;text-decoration-thickness:1px;" if strike else ""
    return (f'<span class="kj-edit" style="background:{tint(colour, 0.18)};border:2px {line} {colour};{deco}'
            f'padding:0 1px" title="{esc(category)}: {esc(EDIT_CATEGORIES.get(category, ""))}">{inner}</span>'
            f'<sup style="font-size:70%;color:#333">{n}&nbsp;{esc(category)}</sup>')


@dataclass
class RawCleanView:
    raw: str  # HTML of the raw page with edits marked
    clean: str  # HTML of the clean text with the edit points marked
    table: str  # per-category counts
    shown: int  # how many edits are marked
    side_by_side: str  # both panes in one block


def select_edits(doc: "Document", show: str = "boilerplate") -> list["Edit"]:
    """The edits of ``doc`` chosen by ``show``: 'boilerplate', 'typography', 'all' or a category."""
    cats = GROUPS.get(show, (show,))
    if show not in GROUPS and show not in EDIT_CATEGORIES:
        raise ValueError(f"unknown edit filter {show!r}; use boilerplate, typography, all or one of {', '.join(EDIT_CATEGORIES)}")
    return [e for e in doc.edits if e.category in cats]


def render_raw_clean(doc: "Document", show: str = "boilerplate") -> RawCleanView:
    """Raw page and clean text side by side; the chosen edits numbered and marked in both."""
    edits = select_edits(doc, show)
    raw_out, clean_out = [], []
    rpos = cpos = 0
    for n, e in enumerate(sorted(edits, key=lambda e: e.raw_start), 1):
        raw_out.append(esc(doc.raw[rpos:e.raw_start]))
        clean_out.append(esc(doc.text[cpos:e.clean_start]))
        removed = e.raw_text
        if removed:
            inner = esc(visible(removed)) if not removed.strip() else esc(removed)
            raw_out.append(_mark(e.category, inner, strike=not e.clean_text, n=n))
        else:
            raw_out.append(_mark(e.category, "‸", strike=False, n=n))
        if e.clean_text:
            inner = esc(visible(e.clean_text)) if not e.clean_text.strip() else esc(e.clean_text)
            clean_out.append(_mark(e.category, inner, strike=False, n=n))
        else:
            clean_out.append(_mark(e.category, "✂", strike=False, n=n))
        rpos, cpos = e.raw_end, e.clean_end
    raw_out.append(esc(doc.raw[rpos:]))
    clean_out.append(esc(doc.text[cpos:]))
    counts = Counter(e.category for e in doc.edits)
    rows = [(c, counts[c], "yes" if c in {e.category for e in edits} else "no", EDIT_CATEGORIES[c])
            for c in EDIT_CATEGORIES if counts[c]]
    table = html_table(["category", "edits", "marked", "what it is"], rows,
                       caption=f"Cleaning edits in {doc.doc_id} ({len(doc.edits)} in all)", align={1: "right"})
    raw_html = text_block("".join(raw_out), f"Raw page of {doc.doc_id}", "30em")
    clean_html = text_block("".join(clean_out), f"Clean text of {doc.doc_id}", "30em")
    both = (f'<div style="display:flex;gap:1em;flex-wrap:wrap">'
            f'<div style="flex:1 1 24em;min-width:0"><strong>As found (raw page)</strong>'
            f'<div style="color:{GREY};font-size:85%">struck through = removed; ‸ = something inserted here</div>{raw_html}</div>'
            f'<div style="flex:1 1 24em;min-width:0"><strong>Clean text</strong>'
            f'<div style="color:{GREY};font-size:85%">✂ = text removed here; marked text = replaced or inserted</div>{clean_html}</div></div>')
    return RawCleanView(raw_html, clean_html, table, len(edits), both)


def filter_options(doc: "Document") -> list[tuple[str, str]]:
    """Dropdown choices for one document: the three groups, then each category present."""
    counts = Counter(e.category for e in doc.edits)
    n = lambda cats: sum(counts[c] for c in cats)  # noqa: E731
    opts = [(f"Page furniture removed ({n(GROUPS['boilerplate'])})", "boilerplate"),
            (f"Typography fixes ({n(TYPOGRAPHY_CATEGORIES)})", "typography"),
            (f"All edits ({len(doc.edits)})", "all")]
    opts += [(f"only {c} ({counts[c]})", c) for c in EDIT_CATEGORIES if counts[c]]
    return opts


class RawVsClean(KitWidget):
    """The raw page beside the clean text. Controls: ``document`` and ``show`` (Dropdowns)."""

    title = "Raw page vs clean text"

    def __init__(self, corpus: "Corpus | None" = None, doc_id: str | None = None, show: str = "boilerplate"):
        self.corpus = resolve_corpus(corpus)
        ids = self.corpus.fileids()
        doc_id = doc_id or ids[0]
        self.document = dropdown("Page", [(f"{d} ({self.corpus[d].outlet})", d) for d in ids], doc_id)
        self.show = dropdown("Show edits", filter_options(self.corpus[doc_id]), show)
        self.status, self.panes, self.table = html_pane(), html_pane(), html_pane()
        super().__init__([self.document, self.show, self.status, self.panes, self.table])
        self.document.observe(self._on_document, "value")
        self.show.observe(self._on_show, "value")
        self.view: RawCleanView | None = None
        self._refresh()

    def render(self) -> RawCleanView:
        return render_raw_clean(self.corpus[self.document.value], self.show.value)

    def _refresh(self) -> None:
        self.view = v = self.render()
        doc = self.corpus[self.document.value]
        label = dict((val, lab) for lab, val in self.show.options).get(self.show.value, self.show.value)
        self.status.value = message(f"{doc.doc_id}: raw page {len(doc.raw)} characters, clean text "
                                    f"{len(doc.text)}; marking {v.shown} edit(s): {label}.")
        self.panes.value, self.table.value = v.side_by_side, v.table

    def _on_document(self, change) -> None:
        current = self.show.value
        self._muted = True
        try:
            opts = filter_options(self.corpus[change["new"]])
            self.show.options = opts
            self.show.value = current if current in [v for _, v in opts] else "boilerplate"
        finally:
            self._muted = False
        self._refresh()

    def _on_show(self, change) -> None:
        if not getattr(self, "_muted", False):
            self._refresh()

    def summary(self) -> str:
        return f"Raw vs clean: {self.document.value}, showing {self.show.value} edits"

    def static_html(self) -> str:
        v = self.view or self.render()
        return static_frame(self.title, f"page {self.document.value}; edits: {self.show.value}",
                            self.status.value + v.side_by_side + v.table)
