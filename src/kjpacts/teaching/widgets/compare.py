"""Compare two documents side by side with their shared word n-grams highlighted (text reuse).

Logic: :func:`compare_documents` (two documents, n) -> :class:`CompareView`;
:func:`merge_spans` joins overlapping n-gram spans into passages.
Display: :class:`CompareDocs`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from kjpacts.nlp.reuse import WORD, ngrams_with_offsets
from kjpacts.teaching.widgets._common import (
    FULL_WIDTH,
    GREY,
    OKABE_ITO,
    Highlight,
    KitWidget,
    LayerStyle,
    dropdown,
    esc,
    html_pane,
    html_table,
    message,
    render_highlights,
    resolve_corpus,
    row,
    shorten,
    static_frame,
    text_block,
)

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document

STYLE_A = LayerStyle("shared", "shared with the other document", OKABE_ITO["blue"], "solid", "")
STYLE_B = LayerStyle("shared", "shared with the other document", OKABE_ITO["orange"], "double", "")

Grams = dict[tuple[str, ...], list[tuple[int, int]]]


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join overlapping or touching spans.

    >>> merge_spans([(5, 9), (0, 3), (2, 4), (9, 12)])
    [(0, 4), (5, 12)]
    """
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _index(passages: list[tuple[int, int]], pos: int) -> int:
    import bisect

    return bisect.bisect_right([p[0] for p in passages], pos) - 1


@dataclass
class CompareView:
    left: str
    right: str
    summary: str
    table: str
    shared: int  # number of distinct shared n-grams
    coverage: tuple[float, float]  # share of each document's words inside shared passages
    passages: list[tuple[str, str]]  # (left passage text, right passage labels)


def compare_documents(a: "Document", b: "Document", n: int = 4,
                      grams: Callable[["Document", int], Grams] | None = None) -> CompareView:
    """Highlight the word ``n``-grams that ``a`` and ``b`` share; passages numbered 1, 2, …
    in ``a`` and cross-referenced (↔1) in ``b``."""
    if n < 1:
        raise ValueError("n must be at least 1")
    get = grams or ngrams_with_offsets
    ga, gb = get(a, n), get(b, n)
    common = set(ga) & set(gb)
    pa = merge_spans([s for g in common for s in ga[g]])
    pb = merge_spans([s for g in common for s in gb[g]])
    links: dict[int, set[int]] = {}
    for g in common:
        ia = {_index(pa, s) for s, _ in ga[g]}
        for s, _ in gb[g]:
            links.setdefault(_index(pb, s), set()).update(ia)
    hl_a = [Highlight(s, e, "shared", f"a{i}", str(i + 1), f"shared passage {i + 1}") for i, (s, e) in enumerate(pa)]
    hl_b = [Highlight(s, e, "shared", f"b{j}", "↔" + ",".join(str(i + 1) for i in sorted(links.get(j, ()))),
                      "also in the left document") for j, (s, e) in enumerate(pb)]
    left = render_highlights(a.text, hl_a, {"shared": STYLE_A})
    right = render_highlights(b.text, hl_b, {"shared": STYLE_B})

    cov = (word_coverage(a.text, pa), word_coverage(b.text, pb))
    rows = []
    passages = []
    for i, (s, e) in enumerate(pa):
        where = sorted(j for j, ia in links.items() if i in ia)
        words = len(a.text[s:e].split())
        rows.append((i + 1, words, shorten(a.text[s:e], 110), ", ".join(f"↔{i + 1} at {pb[j][0]}" for j in where)))
        passages.append((a.text[s:e], ",".join(str(j) for j in where)))
    rows.sort(key=lambda r: -r[1])
    table = html_table(["passage", "words", "text (left document)", "in the right document"], rows,
                       caption=f"Shared passages, longest first ({len(pa)})", align={0: "right", 1: "right"},
                       max_rows=25)
    same = " (the same document on both sides: everything is shared)" if a.doc_id == b.doc_id else ""
    summary = (f"{len(common)} distinct {n}-word sequence(s) occur in both{same}. They form {len(pa)} passage(s) "
               f"covering {cov[0]:.0%} of the left document's words and {len(pb)} covering {cov[1]:.0%} "
               f"of the right one's.")
    col = ('<div style="flex:1 1 24em;min-width:0"><strong>{title}</strong><div style="color:' + GREY +
           ';font-size:85%">{hint}</div>{body}</div>')
    left_html = col.format(title=esc(f"{a.doc_id} ({a.outlet}, {a.published})"),
                           hint="shared passages: blue solid underline, numbered 1, 2, …",
                           body=text_block(left, f"Left: {a.doc_id}", "30em"))
    right_html = col.format(title=esc(f"{b.doc_id} ({b.outlet}, {b.published})"),
                            hint="shared passages: orange double underline, ↔ gives the left passage number",
                            body=text_block(right, f"Right: {b.doc_id}", "30em"))
    return CompareView(left_html, right_html, summary, table, len(common), cov, passages)




def word_coverage(text: str, passages: list[tuple[int, int]]) -> float:
    """Share of the words of ``text`` that lie inside ``passages`` (sorted, disjoint).

    >>> word_coverage("a b c d", [(0, 3)])
    0.5
    """
    starts = [m.start() for m in WORD.finditer(text)]
    if not starts:
        return 0.0
    inside = 0
    for s in starts:
        i = _index(passages, s)
        inside += i >= 0 and s < passages[i][1]
    return inside / len(starts)


class CompareDocs(KitWidget):
    """Two documents side by side; shared n-grams highlighted.

    Controls: ``left`` and ``right`` (Dropdowns), ``n`` (BoundedIntText, 2-12; arrow keys change it).
    """

    title = "Compare two documents (text reuse)"

    def __init__(self, corpus: "Corpus | None" = None, left: str | None = None, right: str | None = None,
                 n: int = 4):
        import ipywidgets as w

        self.corpus = resolve_corpus(corpus)
        ids = self.corpus.fileids()
        opts = [(f"{d} ({self.corpus[d].outlet})", d) for d in ids]
        self.left = dropdown("Left document", opts, left or ids[0])
        self.right = dropdown("Right document", opts, right or ids[min(1, len(ids) - 1)])
        # a number box, not a slider: its arrow keys work inside JupyterLab (a slider's are taken
        # by the notebook, ipywidgets issue 3912)
        self.n = w.BoundedIntText(value=n, min=2, max=12, description="n (words in a sequence)",
                                  style={"description_width": "initial"}, layout=w.Layout(width="16em", max_width=FULL_WIDTH),
                                  continuous_update=True)
        self.status, self.panes, self.table = html_pane(), html_pane(), html_pane()
        super().__init__([row([self.left, self.right]), self.n, self.status, self.panes, self.table])
        self._cache: dict[tuple[str, int], Grams] = {}
        for control in (self.left, self.right, self.n):
            control.observe(self._refresh, "value")
        self.view: CompareView | None = None
        self._refresh()

    def _grams(self, doc: "Document", n: int) -> Grams:
        key = (doc.doc_id, n)
        if key not in self._cache:
            self._cache[key] = ngrams_with_offsets(doc, n)
        return self._cache[key]

    def render(self) -> CompareView:
        return compare_documents(self.corpus[self.left.value], self.corpus[self.right.value], self.n.value,
                                 grams=self._grams)

    def _refresh(self, change=None) -> None:
        self.view = v = self.render()
        self.status.value = message(v.summary)
        self.panes.value = f'<div style="display:flex;gap:1em;flex-wrap:wrap">{v.left}{v.right}</div>'
        self.table.value = v.table

    def summary(self) -> str:
        return f"Compare {self.left.value} with {self.right.value}, n={self.n.value}"

    def static_html(self) -> str:
        v = self.view or self.render()
        return static_frame(self.title, f"{self.left.value} vs {self.right.value}, n = {self.n.value}",
                            message(v.summary) + f'<div style="display:flex;gap:1em;flex-wrap:wrap">{v.left}{v.right}</div>'
                            + v.table)
