"""Claim tracker: occurrences grouped into a source graph; callbacks."""

from __future__ import annotations

from kjpacts.annotations.records import Annotations
from kjpacts.teaching.widgets import ClaimTracker
from kjpacts.teaching.widgets.claims import claim_edges, claim_model

from .bundle import static_view


def test_edges_group_by_document_and_source(tiny):
    claim = tiny.annotations.claims[0]
    edges = claim_edges(claim)
    assert [(e.doc_id, e.source, e.independent) for e in edges] == [
        ("alpha-2011-01-10", "Seoul", None), ("beta-2011-01-11", "Seoul", False),
        ("gamma-2012-05", "the ministry", True)]


def test_model(tiny):
    v = claim_model(tiny.annotations.claims[0], tiny, tiny.annotations)
    assert v.documents == ["alpha-2011-01-10", "beta-2011-01-11", "gamma-2012-05"]  # by publication date
    assert v.sources == ["Seoul", "the ministry"] and v.independent_count == 1
    assert "prediction-failed" in v.header and "It was not signed then." in v.header
    assert "<title" in v.graph_svg and "<desc" in v.graph_svg and 'stroke-dasharray="8 5"' in v.graph_svg
    assert "1 first, 1 independent corroboration(s), 1 echo(es)" in v.graph_text
    assert "South Korean government (government-official, named)" in v.table  # speaker from the quote


def test_callbacks(tiny):
    w = ClaimTracker(tiny)
    assert w.claim.value == "pact-soon"  # the claim found in most documents
    w.claim.value = "talks-1965"
    assert "Talks began in 1965." in w.header.value and "first or only occurrence" in w.text_alt.value
    static = static_view(w)
    assert "claim talks-1965" in static and "Talks began in 1965." in static and "<svg" in static
    assert "first or only occurrence" in static


def test_no_claims(tiny):
    empty = Annotations(doc_ids=tuple(tiny.fileids()))
    w = ClaimTracker(tiny, annotations=empty)
    assert "no claim annotations" in w.header.value
    assert "no claim annotations" in static_view(w)
