"""Claim tracker: occurrences grouped into a source graph; callbacks."""

from __future__ import annotations

import re

from kjpacts.annotations.records import Annotations
from kjpacts.teaching.widgets import ClaimTracker
from kjpacts.teaching.widgets.claims import claim_edges, claim_model, place_labels

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


def _label_boxes(svg: str) -> list[tuple[float, float, float, float]]:
    found = re.findall(r'class="kj-edge-label" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    return [(float(x), float(y), float(x) + float(w), float(y) + float(h)) for x, y, w, h in found]


def _overlaps(a, b, gap: float = 2.0) -> bool:
    """True when the boxes overlap or come closer than ``gap`` px (touching labels read as one)."""
    return min(a[2], b[2]) + gap > max(a[0], b[0]) and min(a[3], b[3]) + gap > max(a[1], b[1])


def test_edge_labels_leaving_one_document_do_not_stack():
    # three edges from one document to three sources 40 px apart: at 30% along, their labels
    # would be 12 px apart vertically, on top of each other
    lines = [(250, 56, 440, 56 + 40 * i) for i in range(3)]
    boxes = place_labels(lines, ["o1", "o2", "o9"])
    assert not any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    for (x1, y1, x2, y2), (a, b, c, d) in zip(lines, boxes):  # each label sits on its own line
        cx, cy = (a + c) / 2, (b + d) / 2
        assert abs(y1 + (y2 - y1) * (cx - x1) / (x2 - x1) - cy) < 0.01


def test_edge_labels_of_real_claims_never_overlap(real):
    for claim in real.annotations.claims:
        boxes = _label_boxes(claim_model(claim, real, real.annotations).graph_svg)
        assert len(boxes) == len(claim_edges(claim))
        assert not any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), claim.claim_id
