"""The CSV export is a lossless Frictionless data package.

The checks read the CSV files with the standard library and the rule written in the package's
description, never with kjpacts code, and compare with the corpus files read directly.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from kjpacts.exports import export

from .conftest import CORPUS

frictionless = pytest.importorskip("frictionless")


@pytest.fixture(scope="module")
def out(tmp_path_factory, corpus) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    export(corpus, "csv", folder)
    return folder


def package(out: Path) -> dict:
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def rows(out: Path, name: str) -> list[dict]:
    with (out / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def decode(cell: str, kind: str):
    """A cell as its JSON value, by the package's rule (JSON for array/object, true/false, empty = null)."""
    if cell == "":
        return None
    if kind in ("array", "object"):
        return json.loads(cell)
    if kind == "integer":
        return int(cell)
    if kind == "boolean":
        return {"true": True, "false": False}[cell]
    return cell


def typed_rows(out: Path, name: str) -> list[dict]:
    (res,) = [r for r in package(out)["resources"] if r["name"] == name]
    kinds = {f["name"]: f["type"] for f in res["schema"]["fields"]}
    return [{k: decode(v, kinds[k]) for k, v in row.items()} for row in rows(out, name)]


def read_json(rel: str):
    return json.loads((CORPUS / rel).read_text(encoding="utf-8"))


def test_frictionless_validates_the_export(out: Path) -> None:
    report = frictionless.validate(str(out / "datapackage.json"))
    errors = [f"{t.name}: {e.type}: {e.note}" for t in report.tasks for e in t.errors]
    assert errors == [] and report.valid


def test_frictionless_catches_a_broken_reference(out: Path, tmp_path: Path) -> None:
    """The export's foreign keys are checked: a mention of an unknown entity fails validation."""
    import shutil

    copy = tmp_path / "csv"
    shutil.copytree(out, copy)
    text = (copy / "mentions.csv").read_text(encoding="utf-8")
    (copy / "mentions.csv").write_text(text.replace(",kim-kwan-jin,", ",kim-kwan-jim,", 1), encoding="utf-8", newline="")
    pkg = package(copy)
    for res in pkg["resources"]:
        res.pop("hash"), res.pop("bytes")
    (copy / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    report = frictionless.validate(str(copy / "datapackage.json"))
    assert [e.type for t in report.tasks for e in t.errors] == ["foreign-key"]


def test_raw_pages_rebuild_from_the_csv_files_alone(out: Path) -> None:
    """RAW_REBUILD_RULE, applied with csv only, gives every raw page byte for byte."""
    rule = package(out)["description"]
    assert "Rebuild a raw page" in rule
    texts = {r["doc_id"]: r["text"] for r in rows(out, "texts")}
    for r in rows(out, "texts"):
        assert hashlib.sha256(r["text"].encode("utf-8")).hexdigest() == r["clean_sha256"]
    edits: dict[str, list[dict]] = {}
    for e in rows(out, "cleaning_edits"):
        edits.setdefault(e["doc_id"], []).append(e)
    documents = rows(out, "documents")
    assert len(documents) == len(texts) == 5
    for doc in documents:
        clean, pos, parts = texts[doc["doc_id"]], 0, []
        for e in sorted(edits[doc["doc_id"]], key=lambda e: int(e["position"])):
            parts += [clean[pos:int(e["clean_start"])], e["raw_text"]]
            pos = int(e["clean_end"])
        raw = ("".join(parts) + clean[pos:]).encode("utf-8")
        assert hashlib.sha256(raw).hexdigest() == doc["raw_sha256"]
        assert raw == (CORPUS / doc["source_file"]).read_bytes(), doc["doc_id"]


def test_every_cleaning_edit_is_exported(out: Path) -> None:
    exported = typed_rows(out, "cleaning_edits")
    texts = {r["doc_id"]: r for r in rows(out, "texts")}
    documents = {r["doc_id"]: r for r in rows(out, "documents")}
    for path in sorted((CORPUS / "cleaning").glob("*.json")):
        log = json.loads(path.read_text(encoding="utf-8"))
        header = (documents[log["doc_id"]]["source_file"], documents[log["doc_id"]]["raw_sha256"],
                  texts[log["doc_id"]]["clean_sha256"])
        assert header == (log["source_file"], log["raw_sha256"], log["clean_sha256"])
        mine = [{k: v for k, v in r.items() if k not in ("doc_id", "position", "boilerplate")}
                for r in exported if r["doc_id"] == log["doc_id"]]
        # an empty cell in a text column is the empty string (a removal's clean_text)
        mine = [{k: ("" if v is None and k in ("raw_text", "clean_text") else v) for k, v in r.items()} for r in mine]
        assert mine == log["edits"], path.name
    assert len(exported) == 66


def test_every_column_is_described_and_multi_value_cells_are_json(out: Path) -> None:
    for res in package(out)["resources"]:
        fields = res["schema"]["fields"]
        assert all(f.get("description") for f in fields), res["name"]
        header = next(csv.reader((out / res["path"]).open(encoding="utf-8", newline="")))
        assert header == [f["name"] for f in fields]
        for f in fields:
            if f["type"] in ("array", "object"):
                for row in rows(out, res["name"]):
                    if row[f["name"]]:
                        value = json.loads(row[f["name"]])
                        assert isinstance(value, list if f["type"] == "array" else dict), (res["name"], f["name"])


def test_line_endings_are_lf(out: Path) -> None:
    for path in out.iterdir():
        assert b"\r" not in path.read_bytes(), path.name


def test_documents_keep_every_field(out: Path) -> None:
    exported = {r["doc_id"]: r for r in typed_rows(out, "documents")}
    for meta in read_json("documents.json")["documents"]:
        row = exported[meta["doc_id"]]
        assert {k: row[k] for k in meta} == meta
        assert meta["printed"] and row["provenance"]["source_url"].startswith("http")


def test_structure_layer_is_exported(out: Path) -> None:
    segments, captions = typed_rows(out, "structure_segments"), typed_rows(out, "structure_captions")
    for path in sorted((CORPUS / "structure").glob("*.json")):
        s = json.loads(path.read_text(encoding="utf-8"))
        strip = lambda rs: [{k: v for k, v in r.items() if k not in ("doc_id", "position")} for r in rs if r["doc_id"] == s["doc_id"]]  # noqa: E731
        assert strip(segments) == s["segments"]
        assert strip(captions) == s["captions"]


def _per_doc(folder: str, key: str) -> list[dict]:
    out = []
    for path in sorted((CORPUS / "annotations" / folder).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [{"doc_id": data["doc_id"], **r} for r in data[key]]
    return out


def _match(exported: list[dict], records: list[dict], key: tuple[str, ...]) -> None:
    by_key = {tuple(r[k] for k in key): r for r in exported}
    assert len(by_key) == len(exported) == len(records)
    for rec in records:
        row = by_key[tuple(rec[k] for k in key)]
        for field, value in rec.items():
            assert row[field] == (None if value == "" else value), (key, rec[key[0]], field)


def test_annotation_layers_keep_every_field(out: Path) -> None:
    _match(typed_rows(out, "entities"), read_json("annotations/entities.json")["entities"], ("entity_id",))
    _match(typed_rows(out, "mentions"), _per_doc("mentions", "mentions"), ("doc_id", "id"))
    _match(typed_rows(out, "timex"), _per_doc("timex", "timexes"), ("doc_id", "id"))
    _match(typed_rows(out, "framing"), _per_doc("framing", "framing"), ("doc_id", "id"))
    quotes = []
    for q in _per_doc("quotes", "quotes"):
        flat = {k: v for k, v in q.items() if k not in ("content", "cue", "source")}
        flat.update(start=q["content"]["start"], end=q["content"]["end"], text=q["content"]["text"])
        for role, text_col in (("cue", "cue"), ("source", "source_text")):
            span = q[role] or {}
            flat.update({text_col: span.get("text"), f"{role}_start": span.get("start"), f"{role}_end": span.get("end")})
        quotes.append(flat)
    _match(typed_rows(out, "quotes"), quotes, ("doc_id", "id"))
    claims, occurrences = [], []
    for c in read_json("annotations/claims.json")["claims"]:
        flat = {k: v for k, v in c.items() if k not in ("occurrences", "outcome")}
        if c["outcome"]:
            flat.update(outcome=c["outcome"]["what_happened"], outcome_confidence=c["outcome"]["confidence"],
                        outcome_sources=c["outcome"]["sources"])
        claims.append(flat)
        occurrences += [{"claim_id": c["claim_id"], **o} for o in c["occurrences"]]
    _match(typed_rows(out, "claims"), claims, ("claim_id",))
    _match(typed_rows(out, "claim_occurrences"), occurrences, ("claim_id", "id"))


def test_outside_records_keep_every_field(out: Path) -> None:
    records = []
    for r in read_json("outside/records.json")["records"]:
        flat = {k: v for k, v in r.items() if k != "source"}
        flat.update({f"source_{k}": v for k, v in (r["source"] or {}).items()})
        records.append(flat)
    _match(typed_rows(out, "outside_records"), records, ("id",))
