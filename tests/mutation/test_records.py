"""kjpacts.annotations.records: every layer table, row by row, against the layer JSON files read
directly (json), and the one-line error for an unknown layer."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from kjpacts.annotations.records import COLUMNS

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ANN = CORPUS / "annotations"
DOCS = [d["doc_id"] for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]]


def _json(rel: str) -> dict:
    return json.loads((ANN / rel).read_text(encoding="utf-8"))


def _per_doc(layer: str, key: str) -> list[dict]:
    """Records of a per-document layer with their doc_id, documents in sorted order (as the corpus keeps them)."""
    return [{"doc_id": d, **r} for d in sorted(DOCS) if (ANN / layer / f"{d}.json").is_file()
            for r in _json(f"{layer}/{d}.json")[key]]


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
            for row in frame.astype(object).to_dict("records")]


@pytest.fixture(scope="module")
def ann(corpus):
    return corpus.annotations


def test_unknown_layer_is_named_with_the_choices(ann):
    with pytest.raises(KeyError) as err:
        ann.frame("quote")
    assert err.value.args[0] == ("unknown layer 'quote'; use one of: entities, mentions, nominal_mentions, quotes, "
                                 "timex, claims, claim_occurrences, framing")


def test_entities_table(ann):
    want = [{**e, "variants": "|".join(e["variants"])} for e in _json("entities.json")["entities"]]
    frame = ann.frame("entities")
    assert list(frame.columns) == COLUMNS["entities"]
    assert sorted(_records(frame), key=lambda r: r["entity_id"]) == sorted(
        ({c: w[c] for c in COLUMNS["entities"]} for w in want), key=lambda r: r["entity_id"])


@pytest.mark.parametrize("layer, folder, key, form", [("mentions", "mentions", "mentions", "named"),
                                                      ("nominal_mentions", "mentions", "mentions", "nominal"),
                                                      ("timex", "timex", "timexes", None),
                                                      ("framing", "framing", "framing", None)])
def test_per_document_tables(ann, layer, folder, key, form):
    rows = [r for r in _per_doc(folder, key) if form is None or r.get("form", "named") == form]
    frame = ann.frame(layer)
    assert list(frame.columns) == COLUMNS[layer] and len(rows) > 0
    assert str(frame["start"].dtype) == "Int64" and str(frame["end"].dtype) == "Int64"
    got = sorted(_records(frame), key=lambda r: (r["doc_id"], r["start"], r["end"], r["id"]))
    want = sorted(({c: r.get(c) for c in COLUMNS[layer]} for r in rows), key=lambda r: (r["doc_id"], r["start"], r["end"], r["id"]))
    assert got == want


def test_quotes_table_flattens_content_cue_and_source(ann):
    want = []
    for q in _per_doc("quotes", "quotes"):
        cue, src = q["cue"] or {}, q["source"] or {}
        want.append({**{c: q.get(c) for c in COLUMNS["quotes"]}, "start": q["content"]["start"], "end": q["content"]["end"],
                     "text": q["content"]["text"], "cue": cue.get("text"), "cue_start": cue.get("start"),
                     "cue_end": cue.get("end"), "source_text": src.get("text"), "source_start": src.get("start"),
                     "source_end": src.get("end")})
    frame = ann.frame("quotes")
    assert list(frame.columns) == COLUMNS["quotes"]
    assert all(str(frame[c].dtype) == "Int64" for c in ("start", "end", "cue_start", "cue_end", "source_start", "source_end"))
    assert any(w["cue"] is None for w in want) and any(w["cue"] is not None for w in want)
    key = lambda r: (r["doc_id"], r["id"])  # noqa: E731
    assert sorted(_records(frame), key=key) == sorted(want, key=key)


def test_claims_and_occurrence_tables(ann):
    claims = _json("claims.json")["claims"]
    want = [{"claim_id": c["claim_id"], "statement": c["statement"], "status": c["status"], "kind": c["kind"],
             "occurrences": len(c["occurrences"]), "documents": len({o["doc_id"] for o in c["occurrences"]}),
             "outcome": (c["outcome"] or {}).get("what_happened"), "outcome_confidence": (c["outcome"] or {}).get("confidence"),
             "outcome_sources": "|".join(c["outcome"]["sources"]) if c["outcome"] else None} for c in claims]
    assert any(w["outcome"] for w in want) and any(not w["outcome"] for w in want)
    assert any(w["documents"] < w["occurrences"] for w in want) or any(w["documents"] > 1 for w in want)
    frame = ann.frame("claims")
    assert list(frame.columns) == COLUMNS["claims"]
    assert str(frame["occurrences"].dtype) == "Int64" and str(frame["documents"].dtype) == "Int64"
    assert sorted(_records(frame), key=lambda r: r["claim_id"]) == sorted(want, key=lambda r: r["claim_id"])
    occ = [{"claim_id": c["claim_id"], **{k: o[k] for k in COLUMNS["claim_occurrences"] if k != "claim_id"}}
           for c in claims for o in c["occurrences"]]
    key = lambda r: (r["claim_id"], r["id"])  # noqa: E731
    assert sorted(_records(ann.frame("claim_occurrences")), key=key) == sorted(occ, key=key)


def test_quote_and_occurrences_lookups(ann):
    q = _json("quotes/wapo-2011-01-11.json")["quotes"][1]
    got = ann.quote("wapo-2011-01-11", q["id"])
    assert (got.id, got.content.start, got.content.text) == (q["id"], q["content"]["start"], q["content"]["text"])
    claims = _json("claims.json")["claims"]
    assert [(o.claim_id, o.id) for o in ann.occurrences()] == [(c["claim_id"], o["id"]) for c in claims for o in c["occurrences"]]
