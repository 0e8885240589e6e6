"""Concordance explorer: keyword in context for a word or a regular expression.

Logic: :func:`concordance` (texts, query, options, filters) -> :class:`ConcordanceResult`
(never raises on a bad pattern: the result carries a message). Display: :class:`Concordance`.

>>> docs = {"d1": ("Outlet A", "Japan and Korea. Japan again."), "d2": ("Outlet B", "No match here.")}
>>> r = concordance(docs, "japan")
>>> r.total, r.counts
(2, {'d1': 2})
>>> concordance(docs, "(", regex=True).error
'Not a valid regular expression: missing ) at position 1. Try escaping special characters like ( with a backslash, or untick "Regular expression".'
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from kjpacts.teaching.widgets._common import (
    FULL_WIDTH,
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
    static_frame,
    tint,
)

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus

MAX_ROWS = 200  # rows shown; counts always cover every match
MAX_QUERY = 200


@dataclass(frozen=True)
class KwicRow:
    doc_id: str
    outlet: str
    start: int
    end: int
    left: str
    match: str
    right: str


@dataclass
class ConcordanceResult:
    query: str
    rows: list[KwicRow] = field(default_factory=list)  # at most ``MAX_ROWS``
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # doc_id -> matches
    outlet_counts: dict[str, int] = field(default_factory=dict)
    forms: Counter = field(default_factory=Counter)  # matched strings, lower-cased
    error: str | None = None


REGEX_TIMEOUT_S = 0.5


def compile_query(query: str, regex: bool = False, case: bool = False, whole_word: bool = True) -> re.Pattern:
    """The pattern for a query; raises ``ValueError`` with a readable message."""
    q = query.strip()
    if not q:
        raise ValueError("Type a word or a pattern to search for.")
    if len(q) > MAX_QUERY:
        raise ValueError(f"The query is too long (over {MAX_QUERY} characters).")
    flags = 0 if case else re.IGNORECASE
    if regex:
        import regex as regex_module  # like re, but a search can time out (catastrophic patterns)

        try:
            pat = regex_module.compile(q, flags | regex_module.VERSION0)
        except regex_module.error as exc:
            where = f" at position {exc.pos}" if exc.pos is not None else ""
            at = None if exc.pos is None else min(exc.pos, len(q) - 1)
            first = q[at] if at is not None else ""
            hint = f" Try escaping special characters like {first} with a backslash," if first and not first.isalnum() \
                else " Check the pattern,"
            raise ValueError(f"Not a valid regular expression: {exc.msg}{where}.{hint} or untick "
                             f"\"Regular expression\".") from None
        return pat
    body = re.escape(q)
    if whole_word:
        body = (r"\b" if q[0].isalnum() else "") + body + (r"\b" if q[-1].isalnum() else "")
    return re.compile(body, flags)


def concordance(docs: Mapping[str, tuple[str, str]], query: str, regex: bool = False, case: bool = False,
                width: int = 45, doc_ids: Sequence[str] | None = None, outlets: Sequence[str] | None = None,
                max_rows: int = MAX_ROWS) -> ConcordanceResult:
    """Keyword-in-context rows for ``query`` over ``docs`` (doc_id -> (outlet, text)).

    ``regex=False`` matches the query literally as a whole word; ``regex=True``
    uses it as a Python regular expression. Empty matches are skipped. Bad
    patterns give a result with ``error`` set, never an exception.
    """
    res = ConcordanceResult(query)
    try:
        pat = compile_query(query, regex, case)
    except ValueError as exc:
        res.error = str(exc)
        return res
    wanted_docs = set(doc_ids) if doc_ids else None
    wanted_outlets = set(outlets) if outlets else None
    for doc_id, (outlet, text) in docs.items():
        if wanted_docs is not None and doc_id not in wanted_docs:
            continue
        if wanted_outlets is not None and outlet not in wanted_outlets:
            continue
        n = 0
        try:
            matches = list(pat.finditer(text, timeout=REGEX_TIMEOUT_S) if regex else pat.finditer(text))
        except TimeoutError:
            res.error = (f"The pattern took longer than {REGEX_TIMEOUT_S} s on {doc_id} and was stopped; "
                         "simplify it (nested repeats like (a+)+ are slow).")
            return res
        for m in matches:
            s, e = m.span()
            if s == e:
                continue
            n += 1
            res.forms[m.group().lower()] += 1
            if len(res.rows) < max_rows:
                left = text[max(0, s - width):s].replace("\n", " ")
                right = text[e:e + width].replace("\n", " ")
                res.rows.append(KwicRow(doc_id, outlet, s, e, left, m.group().replace("\n", " "), right))
        if n:
            res.counts[doc_id] = n
            res.outlet_counts[outlet] = res.outlet_counts.get(outlet, 0) + n
            res.total += n
    return res


def render_concordance(res: ConcordanceResult, n_docs: int) -> str:
    """HTML: a status line, counts by document and by outlet, then the KWIC table."""
    if res.error:
        return message(res.error, "warning")
    if not res.total:
        return message(f"No match for {res.query!r} in the {n_docs} document(s) searched.")
    shown = len(res.rows)
    more = f" (first {shown} shown)" if shown < res.total else ""
    head = message(f"{res.total} match(es) for {res.query!r} in {len(res.counts)} of {n_docs} document(s){more}.",
                   "ok")
    by_doc = html_table(["document", "matches"], sorted(res.counts.items()), caption="By document",
                        align={1: "right"}, scroll=False)
    by_outlet = html_table(["outlet", "matches"], sorted(res.outlet_counts.items()), caption="By outlet",
                           align={1: "right"}, scroll=False)
    forms = ""
    if len(res.forms) > 1:
        forms = html_table(["form matched", "count"], res.forms.most_common(15), caption="Forms matched",
                           align={1: "right"}, scroll=False)
    mark = f"background:{tint(OKABE_ITO['orange'], 0.3)};border-bottom:2px solid {OKABE_ITO['orange']};font-weight:bold"
    rows = [(r.doc_id, f"{r.start}", f'<span style="white-space:pre">{esc(r.left)}</span>',
             f'<mark style="{mark}">{esc(r.match)}</mark>', f'<span style="white-space:pre">{esc(r.right)}</span>')
            for r in res.rows]
    kwic = html_table(["document", "offset", "left context", "match", "right context"], rows,
                      caption="Keyword in context", raw_html_columns=(2, 3, 4), align={1: "right", 2: "right"})
    return (head + '<div style="display:flex;gap:2em;flex-wrap:wrap">' + by_doc + by_outlet + forms + "</div>"
            + f'<div style="font-family:monospace;font-size:90%">{kwic}</div>')  # kwic scrolls in its own box


class Concordance(KitWidget):
    """A query box with keyword-in-context results.

    Controls: ``query`` (Text; results update as you type), ``regex`` and ``case``
    (Checkboxes), ``document`` and ``outlet`` (Dropdowns; "All" by default).
    """

    title = "Concordance explorer"

    def __init__(self, corpus: "Corpus | None" = None, query: str = "military", regex: bool = False,
                 case: bool = False, width: int = 45):
        import ipywidgets as w

        self.corpus = resolve_corpus(corpus)
        self.docs = {d.doc_id: (d.outlet, d.text) for d in self.corpus}
        self.width = width
        self.query = w.Text(value=query, description="Word or pattern", placeholder="e.g. pact or agree\\w*",
                            style={"description_width": "initial"}, layout=w.Layout(width="46em", max_width=FULL_WIDTH))
        self.regex = w.Checkbox(value=regex, description="Regular expression", indent=False)
        self.case = w.Checkbox(value=case, description="Match case", indent=False)
        outlets = sorted({o for o, _ in self.docs.values()})
        self.document = dropdown("In document", [("All documents", "")] + [(d, d) for d in self.docs], "")
        self.outlet = dropdown("In outlet", [("All outlets", "")] + [(o, o) for o in outlets], "")
        self.results = html_pane()
        help_ = w.HTML(f'<div style="color:{GREY};font-size:90%">Plain words match whole words, any case. '
                       f'Tick "Regular expression" for patterns: <code>agree\\w*</code>, '
                       f'<code>(South|S\\.) Korea</code>.</div>')
        super().__init__([row([self.query, self.regex, self.case]), help_,
                          row([self.document, self.outlet]), self.results])
        for c in (self.query, self.regex, self.case, self.document, self.outlet):
            c.observe(self._refresh, "value")
        self.result: ConcordanceResult | None = None
        self._refresh()

    def search(self) -> ConcordanceResult:
        return concordance(self.docs, self.query.value, self.regex.value, self.case.value, self.width,
                           [self.document.value] if self.document.value else None,
                           [self.outlet.value] if self.outlet.value else None)

    def _searched(self) -> int:
        return sum(1 for d, (o, _) in self.docs.items()
                   if (not self.document.value or d == self.document.value)
                   and (not self.outlet.value or o == self.outlet.value))

    def _refresh(self, change=None) -> None:
        self.result = self.search()
        self.results.value = render_concordance(self.result, self._searched())

    def summary(self) -> str:
        r = self.result
        return f"Concordance for {self.query.value!r}: {r.total if r else 0} matches"

    def static_html(self) -> str:
        res = self.result or self.search()
        return static_frame(self.title, f"query {self.query.value!r}, regular expression: "
                            f"{'yes' if self.regex.value else 'no'}, all documents",
                            render_concordance(res, self._searched()))
