"""Citing evidence: ``(doc_id: "exact words from the clean text")``, found and checked.

A memo, a written answer or any note cites evidence in that form, e.g.
``(yonhap-2012-06-27: "as early as this week")``.

- :func:`citations_in` finds every citation of that form in a piece of text;
- :func:`find_span` locates a quoted span in one document (curly quotes and runs of
  spaces are forgiven, nothing else) and :func:`verify_citations` checks a list of
  citations, saying for each whether it exists, where, and who speaks there;
- :func:`closest_span` suggests the nearest real wording for a misquoted span.

>>> import kjpacts
>>> corpus = kjpacts.load()
>>> citations_in('The plan was to sign (yonhap-2012-06-27: "as early as this week").')
[('yonhap-2012-06-27', 'as early as this week')]
>>> find_span(corpus, "yonhap-2012-06-27", "as early as this week")
(148, 169)
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    import pandas as pd

    from kjpacts.corpus.load import Corpus

__all__ = ["CITATION", "citations_in", "closest_span", "find_span", "speaker_at", "verify_citations"]

#: ``(doc_id: "span")``; the span may itself contain quotation marks.
CITATION = re.compile(r"\(\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*:\s*[\"“](.+?)[\"”]\s*\)", re.DOTALL)
_QUOTES = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u2018"): "'", ord("\u2019"): "'"}


def _norm(text: str) -> str:
    """Straight quotes, one space for any run of white space, Markdown '>' quote marks at line starts dropped."""
    text = re.sub(r"\n[ \t]*>+[ \t]?", "\n", text)
    return " ".join(text.translate(_QUOTES).split())


def citations_in(text: str) -> list[tuple[str, str]]:
    """Every ``(doc_id: "span")`` citation in ``text``, in order, as ``(doc_id, span)`` pairs."""
    return [(m.group(1), m.group(2)) for m in CITATION.finditer(text)]


def find_span(corpus: "Corpus", doc_id: str, quoted: str) -> tuple[int, int] | None:
    """Clean-text offsets of the first occurrence of ``quoted`` in ``doc_id``, or ``None``.

    Exact match first; then curly quotes are read as straight ones and runs of
    white space as one space (the clean texts use straight quotes only), and a
    Markdown block-quote mark (``>``) at the start of a continued line is ignored.
    """
    if doc_id not in corpus.documents or not quoted.strip():
        return None
    text = corpus[doc_id].text
    i = text.find(quoted)
    if i >= 0:
        return i, i + len(quoted)
    words = _norm(quoted).split(" ")
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text.translate(_QUOTES))
    return (m.start(), m.end()) if m else None


def closest_span(corpus: "Corpus", doc_id: str, quoted: str) -> str | None:
    """The stretch of ``doc_id`` (same number of words) that looks most like ``quoted``."""
    if doc_id not in corpus.documents:
        return None
    words = corpus[doc_id].text.split()
    n = max(1, len(_norm(quoted).split(" ")))
    windows = [" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))]
    best = difflib.get_close_matches(_norm(quoted), windows, n=1, cutoff=0.5)
    return best[0].strip(",.;:") if best else None


def speaker_at(corpus: "Corpus", doc_id: str, start: int, end: int) -> str:
    for q in corpus.annotations.quotes.get(doc_id, []):
        if q.content.start <= start and end <= q.content.end:
            who = "named" if q.named else "anonymous"
            return f"{q.speaker} ({q.speaker_type}, {who}; quote {q.id})"
    return "reporter (not inside an annotated quote)"


def verify_citations(corpus: "Corpus", citations: Iterable[tuple[str, str]]) -> "pd.DataFrame":
    """Check each ``(doc_id, span)``: does the document exist, is the span really in it, who speaks there?

    Columns: ``doc_id``, ``quoted``, ``found`` (True/False), ``start``, ``end``,
    ``speaker`` (from the quotes layer) and ``advice`` (what to fix when not found).
    """
    import pandas as pd

    rows = []
    for doc_id, quoted in citations:
        row = {"doc_id": doc_id, "quoted": quoted, "found": False, "start": None, "end": None,
               "speaker": "", "advice": ""}
        if doc_id not in corpus.documents:
            row["advice"] = f"No document {doc_id!r}; the ids are: {', '.join(corpus.fileids())}."
        else:
            span = find_span(corpus, doc_id, quoted)
            if span:
                row.update(found=True, start=span[0], end=span[1], speaker=speaker_at(corpus, doc_id, *span))
            else:
                near = closest_span(corpus, doc_id, quoted)
                row["advice"] = ("Not in this document. " + (f"Closest wording: {near!r}." if near else
                                 "Copy the words from the clean text (corpus[doc_id].text)."))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["doc_id", "quoted", "found", "start", "end", "speaker", "advice"])
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    return frame
