"""Every widget on the shipped corpus: builds, reacts to each control, has a static view."""

from __future__ import annotations

import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

from kjpacts.teaching.widgets import AnnotationPractice, ClaimTracker, CompareDocs, Concordance, DocumentViewer, QuoteExplorer, RawVsClean, Timeline
from kjpacts.teaching.widgets.document_viewer import LAYERS

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def bundle_ok(w) -> str:
    b = w._repr_mimebundle_()
    assert WIDGET_VIEW in b and b["text/plain"]
    assert "Traceback" not in b["text/html"] and "No static view" not in b["text/html"]
    return b["text/html"]


def test_document_viewer(real):
    w = DocumentViewer(real)
    for doc_id in real.fileids():
        w.document.value = doc_id
        for layer in LAYERS:
            w.layer_boxes[layer].value = True
        keys = [k for _, k in w.item.options if k]
        assert {k.split(":")[0] for k in keys} >= {"entities", "quotes", "time"}, doc_id
        w.item.value = keys[-1]
        assert "Details of" in w.details.value
        doc = real[doc_id]
        item = next(it for it in w.view.items if it.key == keys[-1])
        assert doc.text[item.start:item.end] in unescape(w.details.value)
    assert "Static view" in bundle_ok(w)


# the edit groups, written out here rather than taken from the widget's module
BOILERPLATE = {"navigation", "share-widget", "view-counter", "copyright-footer", "scrape-header",
               "photo-caption", "version-tag"}
TYPOGRAPHY = {"quote-normalised", "nbsp", "trailing-space", "blank-lines", "paragraph-break", "final-newline"}


def gold_edits(doc_id: str) -> Counter:
    """Edit categories of one document, read straight from corpus/cleaning/<doc>.json."""
    gold = json.loads((CORPUS / "cleaning" / f"{doc_id}.json").read_text(encoding="utf-8"))
    return Counter(e["category"] for e in gold["edits"])


def test_raw_vs_clean(real):
    w = RawVsClean(real)
    for doc_id in real.fileids():
        counts = gold_edits(doc_id)
        assert sum(counts[c] for c in BOILERPLATE) >= 1, doc_id  # every shipped page had furniture
        expected = {"boilerplate": sum(counts[c] for c in BOILERPLATE),
                    "typography": sum(counts[c] for c in TYPOGRAPHY), "all": sum(counts.values()),
                    **{c: n for c, n in counts.items()}}
        w.document.value = doc_id
        assert {v for _, v in w.show.options} == set(expected), doc_id
        for value, n in expected.items():
            w.show.value = value
            assert f"marking {n} edit(s)" in w.status.value, (doc_id, value)
            assert w.panes.value.count('class="kj-edit"') == 2 * n, (doc_id, value)  # raw and clean side
    bundle_ok(w)


def test_compare(real):
    w = CompareDocs(real, "koreaherald-2012-05", "koreaherald-2012-05-13", 4)
    assert w.view.shared > 5 and w.view.passages
    w.n.value = 12
    assert w.view.shared < 5
    bundle_ok(w)


def test_concordance(real):
    w = Concordance(real, query="pact")
    assert w.result.total > 5
    w.regex.value = True
    w.query.value = "(South|S\\.) Korea"
    assert w.result.total > 10 and set(w.result.forms) >= {"south korea", "s. korea"}
    w.query.value = "Korea("
    assert "Not a valid regular expression" in w.results.value
    bundle_ok(w)


def test_quotes(real):
    w = QuoteExplorer(real)
    total = len(w.rows)
    assert total > 20
    w.named.value = "anonymous"
    anon = len(w.filtered())
    w.named.value = "named"
    assert 0 < anon < total and len(w.filtered()) == total - anon
    for _, by in w.group_by.options:
        w.group_by.value = by
        assert "<svg" in w.chart.value
    bundle_ok(w)


def test_quote_table_pages_cover_every_gold_quote(real):
    gold = {(f.stem, q["id"]) for f in (CORPUS / "annotations" / "quotes").glob("*.json")
            for q in json.loads(f.read_text(encoding="utf-8"))["quotes"]}
    w = QuoteExplorer(real)
    pages = -(-len(gold) // 10)  # ten quotes a page
    assert f"Page 1 of {pages}" in w.page_label.value
    assert f"Page 1 of {pages} of the table" in bundle_ok(w)
    seen = []
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in w.page_label.value
        seen += re.findall(r'<tr><td[^>]*>([^<]+)</td><td[^>]*>([^<]+)</td>', w.table.value)
        w.next_page.click()
    assert w.next_page.disabled and len(seen) == len(gold) and set(seen) == gold


def test_claims(real):
    w = ClaimTracker(real)
    for _, claim_id in w.claim.options:
        w.claim.value = claim_id
        assert "<svg" in w.graph.value and "occurrence(s) in" in w.text_alt.value
    bundle_ok(w)


def test_timeline(real):
    w = Timeline(real)
    n_story = len(w.view.shown)
    w.period.value = w.period.options[-1][1]
    assert len(w.view.shown) > n_story
    pubs = [e for e in w.view.shown if e.kind == "published"]
    assert len(pubs) == len(real)
    w.event.value = w.event.options[-1][1]
    assert "TIMEX value" in w.details.value
    bundle_ok(w)


def test_practice(real):
    w = AnnotationPractice.anonymous_sources(real)
    assert {it.gold for it in w.items} == {"named", "anonymous"}
    for i in range(len(w.items)):
        w.item.value = i
        w.label.value = "anonymous"
    assert f"labelled {len(w.items)} of {len(w.items)}" in w.scores.value
    assert w.result().kappa == 0.0  # one label for everything agrees only by chance
    h = AnnotationPractice.sentences_with("hedge", real)
    assert {it.gold for it in h.items} == {"yes", "no"}
    bundle_ok(h)


def test_timeline_table_pages(real):
    w = Timeline(real)
    n = len(w.view.shown)
    pages = -(-n // 10)
    assert pages > 1 and f"Page 1 of {pages}" in w.pager.label.value and w.pager.previous.disabled
    assert f"Page 1 of {pages} of the table" in bundle_ok(w)
    listed = 0
    for page in range(1, pages + 1):
        assert f"page {page} of {pages}, entries {(page - 1) * 10 + 1}-" in w.table.value
        listed += w.table.value.count("<tr><td")
        w.pager.next.click()
    assert listed == n and w.pager.next.disabled
    w.event.value = w.view.shown[n - 1].key  # the last entry: its page is turned to
    assert f"Page {pages} of {pages}" in w.pager.label.value
    w.period.value = w.period.options[-1][1]  # a new period: back to page 1
    assert "Page 1 of" in w.pager.label.value
