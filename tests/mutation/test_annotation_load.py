"""kjpacts.annotations.load: all or nothing, every document gets its (maybe empty) lists, and the
records keep what the JSON says (read directly)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kjpacts.annotations.load import load_annotations, validate_annotations
from kjpacts.errors import CorpusErrors

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _texts(root: Path) -> dict[str, str]:
    docs = json.loads((root / "documents.json").read_text(encoding="utf-8"))["documents"]
    return {d["doc_id"]: (root / "clean" / f"{d['doc_id']}.txt").read_text(encoding="utf-8") for d in docs}


def test_records_hold_the_json_values():
    ann = load_annotations(CORPUS, _texts(CORPUS))
    assert ann.doc_ids == tuple(_texts(CORPUS)) and ann.present == {"entities", "mentions", "quotes", "timex", "claims", "framing"}
    entities = json.loads((CORPUS / "annotations" / "entities.json").read_text(encoding="utf-8"))["entities"]
    e = ann.entities[entities[0]["entity_id"]]
    assert (e.name, e.type, e.variants, e.country) == (entities[0]["name"], entities[0]["type"], tuple(entities[0]["variants"]),
                                                       entities[0]["country"])
    q = json.loads((CORPUS / "annotations" / "quotes" / "wapo-2011-01-11.json").read_text(encoding="utf-8"))["quotes"]
    no_cue = next(x for x in q if x["cue"] is None)
    got = ann.quote("wapo-2011-01-11", no_cue["id"])
    assert got.cue is None and got.source is None and got.content.text == no_cue["content"]["text"]
    assert {q.doc_id for d, qs in ann.quotes.items() for q in qs if q.doc_id != d} == set()
    assert {f.doc_id for d, fs in ann.framing.items() for f in fs if f.doc_id != d} == set()
    assert ann.quotes["wapo-2011-01-11"][0].doc_id == ann.framing["wapo-2011-01-11"][0].doc_id == "wapo-2011-01-11"
    m = ann.mentions["wapo-2011-01-11"][0]
    assert m.span.start == m.start and m.span.text == m.text and m.doc_id == "wapo-2011-01-11"
    claims = json.loads((CORPUS / "annotations" / "claims.json").read_text(encoding="utf-8"))["claims"]
    with_outcome = next(c for c in claims if c["outcome"])
    claim = next(c for c in ann.claims if c.claim_id == with_outcome["claim_id"])
    assert claim.outcome.sources == tuple(with_outcome["outcome"]["sources"])
    assert claim.outcome.confidence == with_outcome["outcome"]["confidence"]
    assert all(o.claim_id == claim.claim_id for o in claim.occurrences)
    assert next(c for c in ann.claims if not c.outcome).outcome is None


def test_a_corpus_without_layers_loads_empty_lists_for_every_document(tmp_path):
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("annotations"))
    ann = load_annotations(root, _texts(root))
    assert ann.present == frozenset() and ann.entities == {} and ann.claims == []
    for layer in (ann.mentions, ann.nominal_mentions, ann.quotes, ann.timexes, ann.framing):
        assert layer == {d: [] for d in _texts(root)}


def test_problems_are_listed_all_at_once(corpus_copy):
    for layer in ("timex", "framing"):
        path = corpus_copy / "annotations" / layer / "wapo-2011-01-11.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data[list(data)[1]][0]["start"] += 1
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    texts = _texts(corpus_copy)
    problems = [str(p) for p in validate_annotations(corpus_copy, texts)]
    assert [p.split(":")[0] for p in problems] == ["annotations/timex/wapo-2011-01-11.json",
                                                    "annotations/framing/wapo-2011-01-11.json"]
    with pytest.raises(CorpusErrors) as err:
        load_annotations(corpus_copy, texts)
    assert [str(p) for p in err.value.problems] == problems


def test_loading_trusts_the_checksums_build_recorded_and_validating_does_not(tmp_path):
    """A file whose bytes match the checksum in datapackage.json skips the schema pass at load
    (build validated it); validating checks it again. Forge the checksum of a file that breaks
    the schema (a note that is not a string, which no cross-check reads) to see the difference."""
    import hashlib

    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    rel = "annotations/timex/wapo-2011-01-11.json"
    data = json.loads((root / rel).read_text(encoding="utf-8"))
    data["timexes"][0]["note"] = 5
    (root / rel).write_text(json.dumps(data), encoding="utf-8")
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    for r in package["resources"]:
        if r["path"] == rel:
            r["hash"] = "sha256:" + hashlib.sha256((root / rel).read_bytes()).hexdigest()
    (root / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    assert load_annotations(root, _texts(root)).timexes["wapo-2011-01-11"][0].note == 5
    problems = validate_annotations(root, _texts(root))
    assert [p.file for p in problems] == [rel] and "note" in problems[0].field


def test_every_per_document_record_knows_its_document():
    ann = load_annotations(CORPUS, _texts(CORPUS))
    for layer in (ann.mentions, ann.nominal_mentions, ann.quotes, ann.timexes, ann.framing):
        assert {(doc, r.doc_id) for doc, records in layer.items() for r in records} == \
               {(doc, doc) for doc, records in layer.items() for r in records}
    assert all(ann.timexes[d] for d in ann.doc_ids)  # every page has dates: the check above saw each
