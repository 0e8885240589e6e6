"""Text reuse: word n-grams that two documents share, with their spans in each."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kjpacts.nlp.tokens import need_document

if TYPE_CHECKING:
    from kjpacts.corpus.model import Document

#: The word tokens of n-grams: letters and digits, with inner apostrophes and hyphens.
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'-]*")


def ngrams_with_offsets(doc: "Document", n: int) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Lower-cased word n-grams of ``doc`` mapped to their clean-text spans."""

    need_document(doc, "shared_ngrams", needs="text")
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise TypeError(f"n must be a whole number of words, at least 1, not {n!r}")
    toks = [(m.group().lower(), m.start(), m.end()) for m in WORD.finditer(doc.text)]
    grams: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i in range(len(toks) - n + 1):
        window = toks[i:i + n]
        grams.setdefault(tuple(t[0] for t in window), []).append((window[0][1], window[-1][2]))
    return grams


def shared_ngrams(a: "Document", b: "Document", n: int = 4) -> dict[tuple[str, ...], tuple[list, list]]:
    """Word n-grams found in both documents, with their spans in each (text reuse)."""
    ga, gb = ngrams_with_offsets(a, n), ngrams_with_offsets(b, n)
    return {g: (ga[g], gb[g]) for g in sorted(set(ga) & set(gb))}
