"""kjpacts.exports.csv and csv_fields in process: cell encoding, column order, table schemas and
the package, with expected values written here by hand or recomputed from the files (hashlib,
the csv module, json)."""

from __future__ import annotations

import csv as std_csv
import hashlib
import json
from pathlib import Path

import pytest

from kjpacts import __version__
from kjpacts.exports import csv as kcsv
from kjpacts.exports.csv_fields import describe, field_type

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize("value, text", [(None, ""), (True, "true"), (False, "false"), (0, "0"), (3, "3"), ("", ""),
                                         ("a,b", "a,b"), ([1, "é"], '[1, "é"]'), ({"k": None}, '{"k": null}'), (2.5, "2.5")])
def test_cell(value, text):
    assert kcsv.cell(value) == text


def test_columns_of_keeps_leading_then_first_appearance():
    rows = [{"b": 1, "x": 2}, {"y": 3, "a": 4, "x": 5}]
    assert kcsv.columns_of(["a", "b"], rows) == ["a", "b", "x", "y"]
    assert kcsv.columns_of(["a"], []) == ["a"]


def test_write_table_is_utf8_lf_and_quotes_where_needed(tmp_path):
    path = tmp_path / "t.csv"
    kcsv.write_table(path, ["a", "b", "c"], [{"a": "x,y", "b": None, "c": True}, {"a": 'say "é"\nok', "c": [1]}])
    assert path.read_bytes() == 'a,b,c\n"x,y",,true\n"say ""é""\nok",,[1]\n'.encode("utf-8")


def test_field_types_and_descriptions():
    assert [field_type(c) for c in ("start", "named", "variants", "printed", "text")] == [
        "integer", "boolean", "array", "object", "string"]
    assert describe("outside_records", "note") == "Note on the source (empty when none)."
    assert describe("timex", "source_url") == "Address of the source."
    with pytest.raises(KeyError) as err:
        describe("quotes", "colour")
    assert err.value.args[0] == "column quotes.colour has no description; add one to kjpacts.exports.csv_fields"


def test_table_schemas_keys_by_hand():
    mentions = kcsv.table_schema("mentions", ["doc_id", "start", "entity_id"])
    assert mentions == {
        "fields": [{"name": "doc_id", "type": "string", "description": describe("mentions", "doc_id")},
                   {"name": "start", "type": "integer", "description": describe("mentions", "start")},
                   {"name": "entity_id", "type": "string", "description": describe("mentions", "entity_id")}],
        "missingValues": [""],
        "foreignKeys": [{"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
                        {"fields": ["entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}}]}
    occ = kcsv.table_schema("claim_occurrences", ["claim_id", "doc_id", "id"])
    assert occ["primaryKey"] == ["claim_id", "id"] and occ["foreignKeys"] == [
        {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
        {"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["claim_id"]}}]
    texts = kcsv.table_schema("texts", ["doc_id", "text"])
    assert texts["primaryKey"] == ["doc_id"] and "foreignKeys" not in texts
    assert "foreignKeys" not in kcsv.table_schema("documents", ["doc_id"])
    assert set(kcsv.table_schema("entities", ["entity_id"])) == {"fields", "missingValues", "primaryKey"}
    assert set(kcsv.table_schema("framing", ["text"])) == {"fields", "missingValues"}


@pytest.fixture(scope="module")
def exported(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("csv") / "new" / "folder"  # made, parents too
    return out, kcsv.export_csv(corpus, out)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(std_csv.DictReader(f))


def test_package_lists_every_table_with_its_checksum_and_licence(exported):
    out, paths = exported
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert paths[-1] == out / "datapackage.json" and [p.name for p in paths[:-1]] == [r["path"] for r in package["resources"]]
    assert (package["name"], package["version"]) == ("kjpacts-corpus-csv", __version__)
    assert package["title"] == "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012: CSV tables"
    assert package["description"] == (
        "The kjpacts corpus as CSV tables, written by `kjpacts export --format csv`: the clean texts, every field of "
        "documents.json, the cleaning log, the structure layer, the gold annotation layers and the outside-record layer "
        "(not the two annotation passes in agreement/ nor the documentation, which stay in the corpus folder). "
        + kcsv.MULTI_VALUE_RULE + " " + kcsv.RAW_REBUILD_RULE)
    mit = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
    publishers = {"name": "other-closed", "title": "Article texts (c) their publishers; included for teaching, research, "
                                                   "criticism and review (corpus RIGHTS.md)."}
    assert package["licenses"] == [mit, publishers]
    text_tables = {"texts", "cleaning_edits", "boilerplate", "structure_segments", "structure_captions"}
    for res in package["resources"]:
        data = (out / res["path"]).read_bytes()
        assert res["bytes"] == len(data) and res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert (res["type"], res["scheme"], res["format"], res["mediatype"], res["encoding"]) == (
            "table", "file", "csv", "text/csv", "utf-8")
        assert res["licenses"] == [publishers if res["name"] in text_tables else mit], res["name"]
        assert res["dialect"] == {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\n"}
        header = data.decode("utf-8").split("\n", 1)[0].split(",")
        assert [f["name"] for f in res["schema"]["fields"]] == header
        assert res["description"] == kcsv.TABLE_DESCRIPTIONS[res["name"]]
    assert {r["name"] for r in package["resources"]} >= text_tables | {"documents", "quotes", "claims", "outside_records"}


def test_tables_hold_the_json_records(exported):
    out, _ = exported
    docs = sorted(json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"], key=lambda d: d["doc_id"])
    assert [r["doc_id"] for r in _rows(out / "documents.csv")] == [d["doc_id"] for d in docs]
    texts = {r["doc_id"]: r for r in _rows(out / "texts.csv")}
    for d in docs:
        log = json.loads((CORPUS / "cleaning" / f"{d['doc_id']}.json").read_text(encoding="utf-8"))
        assert texts[d["doc_id"]]["text"] == (CORPUS / "clean" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
        assert texts[d["doc_id"]]["clean_sha256"] == log["clean_sha256"]
    edits = _rows(out / "cleaning_edits.csv")
    w = [e for e in edits if e["doc_id"] == "wapo-2011-01-11"]
    log = json.loads((CORPUS / "cleaning" / "wapo-2011-01-11.json").read_text(encoding="utf-8"))["edits"]
    assert [(int(e["position"]), int(e["raw_start"]), e["category"]) for e in w] == [
        (i, e["raw_start"], e["category"]) for i, e in enumerate(log)]
    furniture = {"navigation", "share-widget", "view-counter", "copyright-footer", "scrape-header", "photo-caption",
                 "version-tag", "site-furniture"}
    assert [e["boilerplate"] for e in w] == ["true" if e["category"] in furniture else "false" for e in log]
    plate = [r for r in _rows(out / "boilerplate.csv") if r["doc_id"] == "wapo-2011-01-11"]
    assert [(int(r["raw_start"]), r["category"], r["reason"]) for r in plate] == [
        (e["raw_start"], e["category"], e["reason"]) for e in log if e["category"] in furniture]
    structure = json.loads((CORPUS / "structure" / "wapo-2011-01-11.json").read_text(encoding="utf-8"))
    captions = [(d["doc_id"], c["text"]) for d in docs
                for c in json.loads((CORPUS / "structure" / f"{d['doc_id']}.json").read_text(encoding="utf-8"))["captions"]]
    assert captions and captions[-1][0] != docs[-1]["doc_id"], "the fixture needs captions before the last document"
    assert [(r["doc_id"], r["text"]) for r in _rows(out / "structure_captions.csv")] == captions
    segs = [r for r in _rows(out / "structure_segments.csv") if r["doc_id"] == "wapo-2011-01-11"]
    assert [(int(r["position"]), r["kind"], int(r["start"]), r["text"]) for r in segs] == [
        (i, s["kind"], s["start"], s["text"]) for i, s in enumerate(structure["segments"])]


def test_claims_quotes_and_outside_rows(exported):
    out, _ = exported
    claims = json.loads((CORPUS / "annotations" / "claims.json").read_text(encoding="utf-8"))["claims"]
    rows = {r["claim_id"]: r for r in _rows(out / "claims.csv")}
    for c in claims:
        r = rows[c["claim_id"]]
        assert (int(r["occurrences"]), int(r["documents"])) == (len(c["occurrences"]), len({o["doc_id"] for o in c["occurrences"]}))
        outcome = c["outcome"] or {}
        assert r["outcome"] == outcome.get("what_happened", "") and r["outcome_confidence"] == outcome.get("confidence", "")
        assert r["outcome_sources"] == (json.dumps(outcome["sources"], ensure_ascii=False) if outcome else "")
        assert "what_happened" not in r and "outcome_what_happened" not in r
    occ = _rows(out / "claim_occurrences.csv")
    assert [(o["claim_id"], o["id"]) for o in occ] == [(c["claim_id"], o["id"]) for c in claims for o in c["occurrences"]]
    quotes = json.loads((CORPUS / "annotations" / "quotes" / "wapo-2011-01-11.json").read_text(encoding="utf-8"))["quotes"]
    got = [r for r in _rows(out / "quotes.csv") if r["doc_id"] == "wapo-2011-01-11"]
    for q, r in zip(quotes, got, strict=True):
        cue, src = q["cue"] or {}, q["source"] or {}
        assert (r["id"], r["start"], r["end"], r["text"]) == (q["id"], str(q["content"]["start"]), str(q["content"]["end"]),
                                                               q["content"]["text"])
        assert (r["cue"], r["cue_start"], r["cue_end"]) == (cue.get("text", ""), str(cue.get("start", "")), str(cue.get("end", "")))
        assert (r["source_text"], r["source_start"], r["source_end"]) == (
            src.get("text", ""), str(src.get("start", "")), str(src.get("end", "")))
        assert r["speaker"] == q["speaker"] and "content" not in r and "source" not in r
    records = json.loads((CORPUS / "outside" / "records.json").read_text(encoding="utf-8"))["records"]
    outside = _rows(out / "outside_records.csv")
    assert [r["id"] for r in outside] == [r["id"] for r in records]
    first = records[0]
    assert all(outside[0][f"source_{k}"] == kcsv.cell(v) for k, v in first["source"].items()) and "source" not in outside[0]


def test_annotation_csvs_alone(tmp_path):
    paths = kcsv.write_annotation_csvs(CORPUS, ["wapo-2011-01-11"], tmp_path / "a" / "b")
    tmp_path = tmp_path / "a" / "b"
    assert sorted(p.name for p in paths) == sorted(f"{n}.csv" for n in kcsv.REQUIRED_CSV_COLUMNS)
    rows = _rows(tmp_path / "timex.csv")
    assert {r["doc_id"] for r in rows} == {"wapo-2011-01-11"}
    assert kcsv.write_annotation_csvs(tmp_path / "nothing", [], tmp_path / "o") == []
