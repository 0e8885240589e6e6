"""kjpacts.corpus.validate (``kjpacts validate``) in process: one corruption of a copy of the
shipped corpus at a time, and the exact one-line problems it must give (file: field: message)."""

from __future__ import annotations

import json
from pathlib import Path

from kjpacts.corpus.validate import validate

W = "wapo-2011-01-11"
SHIPPED = Path(__file__).resolve().parents[2] / "corpus" / "documents.json"


def _lines(root: Path) -> list[str]:
    return [str(p) for p in validate(root)]


def _docs(root: Path) -> dict:
    return json.loads((root / "documents.json").read_text(encoding="utf-8"))


def _write_docs(root: Path, data: dict) -> None:
    (root / "documents.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_the_shipped_corpus_has_no_problem(corpus_copy):
    assert _lines(corpus_copy) == []


def test_unreadable_documents_json_stops_with_that_one_problem(corpus_copy):
    (corpus_copy / "documents.json").write_text('{"documents": 3}', encoding="utf-8")
    assert _lines(corpus_copy) == ['documents.json: documents: expected {"documents": [...]}; fix or restore the file']
    (corpus_copy / "documents.json").unlink()
    assert _lines(corpus_copy) == ["documents.json: -: missing; a corpus folder needs documents.json"]


def test_a_stale_clean_text_is_named_by_its_hash_by_the_spans_on_it_and_by_the_package(corpus_copy):
    path = corpus_copy / "clean" / f"{W}.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Japan", "Japon", 1), encoding="utf-8")
    assert _lines(corpus_copy) == [
        f"clean/{W}.txt: clean_sha256: clean text does not match the hash in cleaning/{W}.json; run `kjpacts build`",
        f"annotations/mentions/{W}.json: m1.text: span text 'Japan' does not match clean text 'Japon' at 0-5; "
        "fix the offsets or the text",
        f"datapackage.json: clean/{W}.txt.hash: checksum does not match the file; run `kjpacts build` if the change is intended",
    ]


def test_a_missing_derived_file_is_named_once(corpus_copy):
    (corpus_copy / "structure" / f"{W}.json").unlink()
    assert _lines(corpus_copy) == [
        f"structure/{W}.json: -: file is missing; run `kjpacts build`",
        f"datapackage.json: structure/{W}.json: listed file does not exist",
    ]


def test_a_structure_file_that_a_fresh_build_would_change(corpus_copy):
    path = corpus_copy / "structure" / f"{W}.json"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _lines(corpus_copy) == [
        f"structure/{W}.json: -: differs from what `kjpacts build` makes from raw/ and documents.json; run it",
        f"datapackage.json: structure/{W}.json.hash: checksum does not match the file; run `kjpacts build` if the change is intended",
    ]


def test_guidelines_and_agreement_files_must_be_as_built(corpus_copy):
    (corpus_copy / "GUIDELINES.md").write_text("hand edit\n", encoding="utf-8")
    (corpus_copy / "agreement" / "agreement.json").unlink()
    assert _lines(corpus_copy) == [
        "agreement/agreement.json: -: differs from what `kjpacts build` makes; run it",
        "GUIDELINES.md: -: differs from what `kjpacts build` makes; run it",
        "datapackage.json: GUIDELINES.md.hash: checksum does not match the file; run `kjpacts build` if the change is intended",
        "datapackage.json: agreement/agreement.json: listed file does not exist",
    ]


def test_duplicate_ids_and_null_facts_without_a_reason(corpus_copy):
    data = _docs(corpus_copy)
    data["documents"][1]["doc_id"] = data["documents"][0]["doc_id"]
    _write_docs(corpus_copy, data)
    assert f"documents.json: documents[1].doc_id: duplicate id {data['documents'][0]['doc_id']!r}" in _lines(corpus_copy)
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    doc = data["documents"][3]
    assert doc["doc_id"] == W and doc["agency"] is None and "agency" in doc["null_reasons"]
    del doc["null_reasons"]["agency"]
    _write_docs(corpus_copy, data)
    assert f"documents.json: {W}.agency: is null with no reason; add one under null_reasons" in _lines(corpus_copy)


def test_a_changed_raw_page_is_named_with_its_hash(corpus_copy):
    meta = _docs(corpus_copy)["documents"][0]
    raw = corpus_copy / meta["source_file"]
    raw.write_bytes(raw.read_bytes() + b" ")
    lines = _lines(corpus_copy)
    want = f"{meta['source_file']}: raw_sha256: raw page does not match its recorded SHA-256; restore the original bytes"
    assert lines[0] == want and lines.count(want) == 3  # the metadata check, the loader and a fresh build


def test_unlisted_and_unlisted_package_problems(corpus_copy):
    (corpus_copy / "NOTES.txt").write_text("x", encoding="utf-8")
    assert _lines(corpus_copy) == ["datapackage.json: NOTES.txt: file is not listed; run `kjpacts build`"]
    (corpus_copy / "datapackage.json").write_text("{", encoding="utf-8")
    bad_json = "datapackage.json: line 1 column 2: invalid JSON: Expecting property name enclosed in double quotes; " \
               "fix or restore the file"
    assert _lines(corpus_copy) == [bad_json, f"{bad_json} (or run `kjpacts build`)"]  # the schema pass, the checksum pass
    (corpus_copy / "datapackage.json").unlink()
    assert _lines(corpus_copy) == ["datapackage.json: -: file is missing; run `kjpacts build` to regenerate derived "
                                   "files"]  # the advice once, not "... (or run `kjpacts build`)" after it


def test_a_document_without_id_or_null_reasons_is_still_named(corpus_copy):
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    del data["documents"][3]["null_reasons"]  # wapo: agency and others are null
    del data["documents"][1]["doc_id"]
    data["documents"][1]["section"] = None
    _write_docs(corpus_copy, data)
    lines = _lines(corpus_copy)
    assert f"documents.json: {W}.agency: is null with no reason; add one under null_reasons" in lines
    assert "documents.json: documents[1].section: is null with no reason; add one under null_reasons" in lines
    # the schema pass reports too, with the datapackage check after it
    assert f"documents.json: {W}.null_reasons: required field is missing; add it (use null where the format allows)" in lines
    assert lines[-1].startswith("datapackage.json: documents.json.hash: checksum does not match")


def test_problems_in_several_documents_are_all_reported(corpus_copy):
    docs = _docs(corpus_copy)["documents"]
    first, last = docs[0], docs[3]
    assert last["doc_id"] == W
    (corpus_copy / "structure" / f"{first['doc_id']}.json").unlink()  # a missing file in the first document ...
    path = corpus_copy / "structure" / f"{W}.json"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # ... and a stale one in a later one
    raw = corpus_copy / docs[1]["source_file"]
    raw.write_bytes(raw.read_bytes() + b" ")  # ... and a raw page that no longer loads in between
    lines = _lines(corpus_copy)
    assert f"structure/{first['doc_id']}.json: -: file is missing; run `kjpacts build`" in lines
    assert f"structure/{W}.json: -: differs from what `kjpacts build` makes from raw/ and documents.json; run it" in lines
    assert (f"{docs[1]['source_file']}: raw_sha256: raw page does not match its recorded SHA-256; restore the original "
            "bytes") in lines


def test_a_package_without_resources_lists_nothing(corpus_copy):
    (corpus_copy / "datapackage.json").write_text("{}", encoding="utf-8")
    lines = _lines(corpus_copy)
    assert "datapackage.json: documents.json: file is not listed; run `kjpacts build`" in lines
    assert all(line.startswith("datapackage.json: ") for line in lines)


def test_layer_files_of_a_document_without_clean_text_are_not_reported_twice(corpus_copy):
    (corpus_copy / "clean" / f"{W}.txt").unlink()
    lines = _lines(corpus_copy)
    assert f"clean/{W}.txt: -: file is missing; run `kjpacts build`" in lines
    assert not any(line.startswith(f"annotations/mentions/{W}.json") for line in lines)  # reported once, as the text
