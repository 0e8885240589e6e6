"""kjpacts.corpus.model and kjpacts.corpus.tables against documents.json, structure/ and
cleaning/ read directly (json), and a hand-written cleaning log for the offset mapping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.corpus.cleaning import Edit
from kjpacts.corpus.model import Document, Segment
from kjpacts.corpus.tables import DOCUMENT_COLUMNS, document_rows, documents_frame

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
META = {d["doc_id"]: d for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]}
W = "wapo-2011-01-11"


def _json(rel: str) -> dict:
    return json.loads((CORPUS / rel).read_text(encoding="utf-8"))


def test_document_properties_and_segments_match_the_files(corpus):
    doc = corpus[W]
    assert (doc.headline, doc.outlet, doc.published) == (META[W]["headline"], META[W]["outlet"], META[W]["published"])
    assert repr(doc) == f"<Document {W}: {META[W]['headline']!r}>"
    segments = _json(f"structure/{W}.json")["segments"]
    assert doc.paragraphs == [s["text"] for s in segments if s["kind"] == "paragraph"]
    assert [(s.start, s.end, s.text) for s in doc.segments_of("byline")] == [
        (s["start"], s["end"], s["text"]) for s in segments if s["kind"] == "byline"]
    assert doc.segments_of("no-such-kind") == []
    furniture = ("navigation", "share-widget", "view-counter", "copyright-footer", "scrape-header", "photo-caption",
                 "version-tag", "site-furniture")
    want = [(e["raw_start"], e["category"]) for e in _json(f"cleaning/{W}.json")["edits"] if e["category"] in furniture]
    assert [(e.raw_start, e.category) for e in doc.boilerplate] == want and want


def _edit(raw_start, raw_end, raw_text, clean_start, clean_end, clean_text, category="navigation") -> Edit:
    return Edit(raw_start=raw_start, raw_end=raw_end, raw_text=raw_text, clean_text=clean_text, category=category,
                reason="r", clean_start=clean_start, clean_end=clean_end)


def test_offsets_map_to_the_raw_page_around_a_removal():
    # raw "MENU\nHello world" -> clean "Hello world": 5 characters removed at the start
    doc = Document("d", "Hello world", "MENU\nHello world", {"headline": "H"}, (Segment("paragraph", 0, 11, "Hello world"),),
                   (), (_edit(0, 5, "MENU\n", 0, 0, ""),))
    assert doc.to_raw(0) == 5 and doc.to_raw(6) == 11 and doc.to_raw(11, side="end") == 16
    assert doc.raw_span(6, 11) == (11, 16) and doc.raw[11:16] == "world"
    assert doc.boilerplate == list(doc.edits)
    for bad in (-1, 12):
        with pytest.raises(ValueError) as err:
            doc.to_raw(bad)
        assert str(err.value) == f"d: offset {bad} is outside the clean text (0-11)"


def test_document_rows_flatten_lists_dicts_evidence_and_provenance(corpus):
    rows = {r["doc_id"]: r for r in document_rows(corpus)}
    assert set(rows) == set(META)
    for doc_id, meta in META.items():
        row = rows[doc_id]
        assert list(row) == DOCUMENT_COLUMNS
        assert row["published_evidence"] == " | ".join(meta.get("published_evidence") or [])
        assert row["source_url"] == (meta.get("provenance") or {}).get("source_url")
        assert row["other_dates"] == (json.dumps(meta["other_dates"], ensure_ascii=False) if "other_dates" in meta else None)
        assert row["null_reasons"] == json.dumps(meta["null_reasons"], ensure_ascii=False)
        for col in ("outlet", "agency", "headline", "byline_truncated", "published_precision", "rights", "version_tag"):
            assert row[col] == meta.get(col), (doc_id, col)
    y = rows["yonhap-2012-06-27"]
    assert y["source_url"].startswith("http://english.yonhapnews.co.kr/")
    assert y["published_evidence"].startswith("The dateline prints 'June 27' with no year. | ")


def test_documents_frame_is_indexed_by_doc_id_and_keeps_the_column(corpus):
    frame = documents_frame(corpus)
    assert list(frame.columns) == DOCUMENT_COLUMNS
    assert sorted(frame.index) == sorted(META) and frame.index.name == "doc_id"
    assert frame.loc[W, "doc_id"] == W and frame.loc[W, "headline"] == META[W]["headline"]
    assert frame.loc["ahram-2011-01-10", "other_dates"] == json.dumps(META["ahram-2011-01-10"]["other_dates"], ensure_ascii=False)
    assert "\\u" not in frame.loc["ahram-2011-01-10", "other_dates"]  # characters as they are, not escaped


def test_a_span_next_to_a_removal_keeps_the_removed_text_outside():
    # raw "Hello MENU world" -> clean "Hello world": "MENU " (raw 6-11) removed at clean offset 6
    doc = Document("d", "Hello world", "Hello MENU world", {"headline": "H"}, (), (), (_edit(6, 11, "MENU ", 6, 6, ""),))
    assert doc.to_raw(6) == 11 and doc.to_raw(6, side="end") == 6  # a start maps past it, an end before it
    assert doc.raw_span(0, 6) == (0, 6) and doc.raw_span(6, 11) == (11, 16)
    assert doc.raw[slice(*doc.raw_span(0, 5))] == "Hello" and doc.raw[slice(*doc.raw_span(6, 11))] == "world"


def test_an_empty_corpus_still_has_the_document_columns(tmp_path):
    from kjpacts.corpus.load import Corpus

    frame = documents_frame(Corpus(tmp_path, {}))
    assert list(frame.columns) == DOCUMENT_COLUMNS and len(frame) == 0
