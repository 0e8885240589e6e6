"""Compare two documents: shared n-gram passages, coverage, callbacks."""

from __future__ import annotations

import pytest

from kjpacts.teaching.widgets import CompareDocs
from kjpacts.teaching.widgets.compare import compare_documents, merge_spans, word_coverage


def test_merge_and_coverage():
    assert merge_spans([]) == []
    assert merge_spans([(0, 5), (5, 9), (20, 30), (22, 25)]) == [(0, 9), (20, 30)]
    assert word_coverage("one two three four", [(0, 7)]) == 0.5
    assert word_coverage("", []) == 0.0


def test_shared_passages(tiny):
    a, b = tiny["alpha-2011-01-10"], tiny["beta-2011-01-11"]
    v = compare_documents(a, b, 4)
    # "japan and korea will sign a military pact soon" is 9 words: 6 shared 4-grams
    assert v.shared == 6
    assert len(v.passages) == 1 and v.passages[0][0] == "Japan and Korea will sign a military pact soon"
    assert "↔1</span></sup>" in v.right and ">1</span></sup>" in v.left
    assert 0 < v.coverage[0] < v.coverage[1] < 1
    assert "6 distinct 4-word sequence(s)" in v.summary
    assert compare_documents(a, b, 10).shared == 0
    with pytest.raises(ValueError):
        compare_documents(a, b, 0)


def test_same_document(tiny):
    a = tiny["gamma-2012-05"]
    v = compare_documents(a, a, 3)
    assert v.coverage == (1.0, 1.0) and "the same document" in v.summary


def test_callbacks(tiny):
    w = CompareDocs(tiny, "alpha-2011-01-10", "beta-2011-01-11", n=4)
    assert "6 distinct 4-word" in w.status.value
    w.n.value = 9
    assert "1 distinct 9-word" in w.status.value
    w.right.value = "gamma-2012-05"
    assert "0 distinct 9-word" in w.status.value
    w.n.value = 2
    assert "military pact" in w.table.value
    assert ("alpha-2011-01-10", 2) in w._cache  # n-grams are computed once per document and n
    assert "n = 2" in w._repr_mimebundle_()["text/html"]
