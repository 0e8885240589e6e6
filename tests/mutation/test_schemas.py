"""kjpacts.annotations.schemas: the one-line schema errors name file, field and value exactly,
against a hand-written schema and hand-written bad records."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kjpacts.annotations import schemas as s
from kjpacts.errors import CorpusError

SCHEMA = {
    "type": "object", "required": ["doc_id", "quotes"], "additionalProperties": False,
    "properties": {
        "doc_id": {"type": "string", "pattern": "^[a-z]+-[0-9]{4}$"},
        "quotes": {"type": "array", "items": {
            "type": "object", "required": ["id", "cue", "start"], "additionalProperties": False,
            "properties": {"id": {"type": "string"}, "cue": {"enum": ["said", "told", None]},
                           "start": {"type": ["integer", "null"]}, "note": {"type": "string", "minLength": 2}}}},
    },
}


def _lines(data) -> list[str]:
    return [str(p) for p in s.schema_problems(data, SCHEMA, "annotations/quotes/x.json")]


def test_each_kind_of_schema_error_in_file_order():
    data = {"doc_id": "Wapo-11", "extra": 1, "quotes": [
        {"id": "q1", "cue": "said", "start": 1},
        {"id": "q2", "cue": "shouted", "start": "3", "colour": "red", "note": "x"},
        {"cue": "said"},
    ]}
    assert _lines(data) == [  # each missing field once, though jsonschema reports "required" per field
        "annotations/quotes/x.json: extra: unexpected field; remove it or fix its name",
        "annotations/quotes/x.json: doc_id: 'Wapo-11' does not have the expected form (pattern ^[a-z]+-[0-9]{4}$)",
        "annotations/quotes/x.json: q2.colour: unexpected field; remove it or fix its name",
        "annotations/quotes/x.json: q2.cue: unknown value 'shouted'; use one of: said, told, null",
        "annotations/quotes/x.json: q2.note: 'x' is too short",
        'annotations/quotes/x.json: q2.start: expected integer or null, got "3"',
        "annotations/quotes/x.json: quotes[2].id: required field is missing; add it (use null where the format allows)",
        "annotations/quotes/x.json: quotes[2].start: required field is missing; add it (use null where the format allows)",
    ]


def test_errors_at_the_top_name_the_field_or_a_dash():
    assert _lines({"quotes": []}) == [
        "annotations/quotes/x.json: doc_id: required field is missing; add it (use null where the format allows)"]
    assert _lines([1]) == ["annotations/quotes/x.json: -: expected object, got [1]"]
    long = {"doc_id": "wapo-2011", "quotes": [{"id": "q1", "cue": "said", "start": "é" * 80}]}
    assert _lines(long) == ['annotations/quotes/x.json: q1.start: expected integer or null, got "' + "é" * 59]


def test_record_label_takes_the_first_usable_id_key():
    assert s.record_label({"id": "q1", "doc_id": "d"}) == "q1"
    assert s.record_label({"entity_id": "e1"}) == "e1" and s.record_label({"claim_id": "c1"}) == "c1"
    assert s.record_label({"id": "", "doc_id": "d"}) == "d" and s.record_label({"id": 3, "claim_id": "c"}) == "c"
    assert s.record_label({"name": "x"}) is None and s.record_label(["q1"]) is None


@pytest.mark.parametrize("data, path, field", [
    ({"quotes": [{"id": "q1"}, {"id": "q3", "cue": "x"}]}, ["quotes", 1, "cue"], "q3.cue"),
    ({"edits": [{}, {}, {}, {}, {"category": "x"}]}, ["edits", 4, "category"], "edits[4].category"),
    ([{"doc_id": "d"}], [0, "title"], "d.title"),
    ([{}], [0, "title"], "[0].title"),
    ({"a": [[{"id": "x"}]]}, ["a", 0, 0], "x"),  # the id replaces the path before it
    ({"a": [1]}, ["a", 5], "a[5]"), ({"a": [1]}, ["a", 1], "a[1]"),
    ({"a": {"b": 1}}, ["a", "b", "c", 0], "a.b.c[0]"),
    ({}, [], ""),
])
def test_field_path(data, path, field):
    assert s.field_path(data, path) == field


def test_schema_for_matches_whole_paths_only():
    assert s.schema_for("documents.json") == "documents"
    assert s.schema_for("annotations/quotes/wapo-2011-01-11.json") == "quotes"
    assert s.schema_for("annotations/claims.json") == "claims"
    assert s.schema_for("agreement/pass1/annotations/claims.json") is None
    assert s.schema_for("agreement/pass1/claims.json") is None and s.schema_for("README.md") is None


def test_load_schema_reads_the_kits_schema_and_names_a_missing_one():
    from kjpacts.paths import schema_path

    assert s.load_schema("quotes") == json.loads(schema_path("quotes").read_text(encoding="utf-8"))
    with pytest.raises(CorpusError) as err:
        s.load_schema("no-such-schema")
    assert str(err.value) == "schemas/no-such-schema.json: -: schema is missing; reinstall the kit"


def test_read_json_returns_problems_instead_of_raising(tmp_path):
    assert s.read_json(tmp_path / "gone.json", "gone.json")[0] is None
    assert [str(p) for p in s.read_json(tmp_path / "gone.json", "gone.json")[1]] == [
        "gone.json: -: cannot read the file; restore it"]
    (tmp_path / "ok.json").write_text('{"a": 1}', encoding="utf-8")
    assert s.read_json(tmp_path / "ok.json", "ok.json") == ({"a": 1}, [])


def test_check_file_reads_checks_and_trusts_only_the_recorded_checksum(tmp_path):
    path = tmp_path / "documents.json"
    path.write_text('{"documents": 3}', encoding="utf-8")
    data, problems = s.check_file(tmp_path, path, "documents")
    assert data == {"documents": 3}
    assert [str(p) for p in problems] == ["documents.json: documents: expected array, got 3"]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert s.check_file(tmp_path, path, "documents", trusted_sha256=digest) == ({"documents": 3}, [])
    assert [str(p) for p in s.check_file(tmp_path, path, "documents", trusted_sha256="0" * 64)[1]] == \
        ["documents.json: documents: expected array, got 3"]
    assert [str(p) for p in s.check_file(tmp_path, path, "nope")[1]] == [
        "schemas/nope.json: -: schema is missing; reinstall the kit"]
    path.write_text('{"documents": [', encoding="utf-8")
    data, problems = s.check_file(tmp_path, path, "documents")
    assert data is None and [str(p) for p in problems] == [
        "documents.json: line 1 column 16: invalid JSON: Expecting value; fix or restore the file"]


def test_validate_corpus_files_checks_documents_cleaning_and_structure_only(corpus_copy: Path):
    assert s.validate_corpus_files(corpus_copy) == []
    (corpus_copy / "cleaning" / "wapo-2011-01-11.json").write_text('{"doc_id": 3}', encoding="utf-8")
    (corpus_copy / "annotations" / "claims.json").write_text("[]", encoding="utf-8")  # layers: checked elsewhere
    got = [str(p) for p in s.validate_corpus_files(corpus_copy)]
    assert got and all(line.startswith("cleaning/wapo-2011-01-11.json: ") for line in got)
    assert "cleaning/wapo-2011-01-11.json: doc_id: expected string, got 3" in got


def test_errors_sort_by_list_position_as_numbers():
    quotes = [{"id": f"q{i}", "cue": "said", "start": 1} for i in range(11)]
    quotes[2]["cue"] = quotes[10]["cue"] = "yelled"
    lines = _lines({"doc_id": "wapo-2011", "quotes": quotes})
    assert [line.split(": ")[1] for line in lines] == ["q2.cue", "q10.cue"]


def test_an_object_schema_without_properties_still_names_the_extra_field():
    got = s.schema_problems({"a": 1}, {"type": "object", "additionalProperties": False}, "f.json")
    assert [str(p) for p in got] == ["f.json: a: unexpected field; remove it or fix its name"]


def test_a_broken_schema_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    monkeypatch.setattr(s, "schema_path", lambda name: tmp_path / f"{name}.json")
    with pytest.raises(CorpusError) as err:
        s.load_schema("x")
    assert str(err.value) == ("schemas/x.json: line 1 column 2: invalid JSON: Expecting property name enclosed in "
                              "double quotes; fix or restore the file")
