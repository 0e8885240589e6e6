"""Keywords of one set of documents against another, by Dunning's log-likelihood (G2)."""

from __future__ import annotations

import math
import numbers
from collections import Counter
from dataclasses import dataclass
from typing import Iterable


def log_likelihood(a: int, b: int, total_a: int, total_b: int) -> float:
    """Dunning's log-likelihood (G2) for a word seen ``a`` times in A and ``b`` in B.

    >>> round(log_likelihood(10, 0, 1000, 1000), 2)
    13.86
    """
    if not all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in (a, b, total_a, total_b)):
        bad = next(x for x in (a, b, total_a, total_b) if not isinstance(x, numbers.Real) or isinstance(x, bool))
        raise TypeError("log_likelihood takes four numbers (two counts, two totals: use words.count(w) and "
                        f"len(words)), not {type(bad).__name__}")
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
    if isinstance(target, str) or isinstance(reference, str):
        raise TypeError("keyness takes two lists of words (corpus_words(corpus, [...]) makes one), not text")
    a, b = Counter(target), Counter(reference)
    ta, tb = sum(a.values()), sum(b.values())
    rows = []
    for word in set(a) | set(b):
        if a[word] + b[word] < min_count:
            continue
        g2 = log_likelihood(a[word], b[word], ta, tb)
        rows.append(Keyword(word, a[word], b[word], g2, a[word] / ta > b[word] / tb))
    return sorted(rows, key=lambda k: (-k.g2, k.word))
