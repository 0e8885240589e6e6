"""Text analysis helpers built on stock NLTK, with offsets into the clean text.

Sentences are split by structure first (headline, byline and date lines are
never merged with the body, since Punkt ignores line breaks), then by Punkt.

>>> import kjpacts
>>> from kjpacts.nlp import sentences
>>> doc = kjpacts.load()["wapo-2011-01-11"]
>>> [s.text for s in sentences(doc)][:2]
['Japan, S. Korea seek to boost military relations', 'Washington Post Foreign Service']
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from .corpus import Corpus, Document


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    segment: str  # the structure kind it belongs to


def _punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    from .nltk_setup import setup_nltk

    setup_nltk()
    return PunktTokenizer("english")


_tokenizer = None


def sentences(doc: "Document") -> list[Sentence]:
    """Every sentence of ``doc`` with clean-text offsets, split by structure then Punkt."""
    global _tokenizer
    if _tokenizer is None:
        _tokenizer = _punkt()
    out = []
    for seg in doc.segments:
        if seg.kind == "dateline":
            continue
        for start, end in _tokenizer.span_tokenize(seg.text):
            out.append(Sentence(doc.doc_id, seg.start + start, seg.start + end, seg.text[start:end], seg.kind))
    return out


def words(doc: "Document", lower: bool = False) -> list[str]:
    """Word tokens of ``doc`` (``nltk.word_tokenize`` per sentence), punctuation included."""
    import nltk

    toks = [t for s in sentences(doc) for t in nltk.word_tokenize(s.text)]
    return [t.lower() for t in toks] if lower else toks


def is_word(token: str) -> bool:
    """True for tokens with a letter or digit (drops punctuation)."""
    return any(ch.isalnum() for ch in token)


def log_likelihood(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's log-likelihood (G2) for a word seen ``a`` times in A and ``b`` in B.

    >>> round(log_likelihood(10, 0, 1000, 1000), 2)
    13.86
    """
    expected_a = total_a * (a + b) / (total_a + total_b)
    expected_b = total_b * (a + b) / (total_a + total_b)
    g2 = 0.0
    for observed, expected in ((a, expected_a), (b, expected_b)):
        if observed:
            g2 += observed * math.log(observed / expected)
    return 2 * g2


@dataclass(frozen=True)
class Keyword:
    word: str
    count_target: int
    count_reference: int
    g2: float
    overused: bool  # more frequent in the target than expected


def keyness(target: Iterable[str], reference: Iterable[str], min_count: int = 2) -> list[Keyword]:
    """Keywords of ``target`` against ``reference`` by log-likelihood, strongest first."""
    a, b = Counter(target), Counter(reference)
    ta, tb = sum(a.values()), sum(b.values())
    rows = []
    for word in set(a) | set(b):
        if a[word] + b[word] < min_count:
            continue
        g2 = log_likelihood(a[word], b[word], ta, tb)
        rows.append(Keyword(word, a[word], b[word], g2, a[word] / ta > b[word] / tb))
    return sorted(rows, key=lambda k: (-k.g2, k.word))


def ngrams_with_offsets(doc: "Document", n: int) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Lower-cased word n-grams of ``doc`` mapped to their clean-text spans."""
    import re

    toks = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z0-9][A-Za-z0-9'-]*", doc.text)]
    grams: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i in range(len(toks) - n + 1):
        window = toks[i:i + n]
        grams.setdefault(tuple(t[0] for t in window), []).append((window[0][1], window[-1][2]))
    return grams


def shared_ngrams(a: "Document", b: "Document", n: int = 4) -> dict[tuple[str, ...], tuple[list, list]]:
    """Word n-grams found in both documents, with their spans in each (text reuse)."""
    ga, gb = ngrams_with_offsets(a, n), ngrams_with_offsets(b, n)
    return {g: (ga[g], gb[g]) for g in sorted(set(ga) & set(gb))}


def corpus_words(corpus: "Corpus", doc_ids: Iterable[str] | None = None, lower: bool = True) -> list[str]:
    """Alphanumeric word tokens over several documents."""
    ids = list(doc_ids) if doc_ids is not None else corpus.fileids()
    return [w for d in ids for w in words(corpus[d], lower=lower) if is_word(w)]
