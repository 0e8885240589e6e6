"""kjpacts.io, kjpacts.paths and kjpacts.annotations.outside in process: readers, the corpus lookup
and outside-record citations, each error's exact one line, on hand-written files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts import io, paths
from kjpacts.annotations.outside import cited_ids, citation_problems, outside_ids
from kjpacts.errors import CorpusError, CorpusErrors

REPO = Path(__file__).resolve().parents[2]


def _err(call) -> str:
    with pytest.raises(CorpusError) as err:
        call()
    return str(err.value)


def test_read_text_json_and_their_errors(tmp_path):
    (tmp_path / "a.txt").write_bytes("é\r\nx".encode("utf-8"))
    assert io.read_text(tmp_path / "a.txt", "a.txt") == "é\r\nx"  # exactly, no newline translation
    assert _err(lambda: io.read_text(tmp_path / "no.txt", "no.txt")) == \
        "no.txt: -: file is missing; run `kjpacts build` to regenerate it"
    assert _err(lambda: io.read_text(tmp_path / "no.txt", "no.txt", missing="gone")) == "no.txt: -: gone"
    assert _err(lambda: io.read_text(tmp_path, "dir")).startswith("dir: -: cannot read the file (")
    (tmp_path / "b.txt").write_bytes(b"ok\xff")
    assert _err(lambda: io.read_text(tmp_path / "b.txt", "b.txt")) == \
        "b.txt: encoding: not valid UTF-8 (invalid start byte at byte 2); re-save it as UTF-8"
    (tmp_path / "c.json").write_text('[{"id": "q1"},\n {"id": "q2", }]', encoding="utf-8")
    assert _err(lambda: io.read_json(tmp_path / "c.json", "c.json")) == (
        "c.json: line 2 column 15: invalid JSON (in or after record q2): Expecting property name enclosed in double "
        "quotes; fix or restore the file")
    assert _err(lambda: io.parse_json("{", "d.json")) == (
        "d.json: line 1 column 2: invalid JSON: Expecting property name enclosed in double quotes; fix or restore the file")
    assert _err(lambda: io.read_json(tmp_path / "no.json", "no.json")) == \
        "no.json: -: file is missing; run `kjpacts build` to regenerate derived files"
    assert io.parse_json('{"a": [1]}', "x") == {"a": [1]}


def test_dump_rel_and_sha():
    assert io.dump_json({"a": ["é", 1]}) == '{\n "a": [\n  "é",\n  1\n ]\n}\n'
    assert io.rel_name(Path("/c/x/y.json"), Path("/c")) == "x/y.json" and io.rel_name(Path("/o/y.json"), Path("/c")) == "/o/y.json"
    assert io.sha256_bytes(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_recorded_checksums(tmp_path):
    assert io.recorded_checksums(tmp_path) == {}
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": [{"path": "a", "hash": "sha256:12"},
                                                                         {"path": "b", "hash": "34"}]}), encoding="utf-8")
    assert io.recorded_checksums(tmp_path) == {"a": "12", "b": "34"}
    for broken in ("{", '{"resources": [{"path": "a"}]}', '{"resources": 3}', "[]", '{"resources": [{"path": "a", "hash": 1}]}'):
        (tmp_path / "datapackage.json").write_text(broken, encoding="utf-8")
        assert io.recorded_checksums(tmp_path) == {}, broken


def test_errors_text():
    one = CorpusError(Path("a/b.json"), "q1.cue", "bad")
    assert (str(one), one.file, one.field, one.message) == ("a/b.json: q1.cue: bad", "a/b.json", "q1.cue", "bad")
    many = CorpusErrors([one, CorpusError("c", "-", "d")])
    assert str(many) == "2 problem(s) in the corpus:\n  a/b.json: q1.cue: bad\n  c: -: d" and len(many.problems) == 2


def test_corpus_dir_honours_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KJPACTS_CORPUS", str(tmp_path))
    assert paths.corpus_dir() == tmp_path
    monkeypatch.setenv("KJPACTS_CORPUS", "")
    assert paths.corpus_dir() == paths.shipped_corpus_dir() == REPO / "corpus"
    monkeypatch.delenv("KJPACTS_CORPUS")
    assert paths.corpus_dir() == REPO / "corpus"
    assert paths.schema_path("quotes") == REPO / "corpus" / "schemas" / "quotes.json"
    assert paths.package_data("abbreviations.txt") == REPO / "src" / "kjpacts" / "data" / "abbreviations.txt"
    assert paths.course_root() == REPO


def test_no_shipped_corpus_or_course_is_named(monkeypatch, tmp_path):
    fake = tmp_path / "site" / "lib" / "kjpacts"
    fake.mkdir(parents=True)
    monkeypatch.setattr(paths, "PACKAGE_DIR", fake)
    with pytest.raises(FileNotFoundError) as err:
        paths.shipped_corpus_dir()
    assert str(err.value) == f"no corpus found next to {fake}; set $KJPACTS_CORPUS or pass a folder: kjpacts.load(path)"
    with pytest.raises(FileNotFoundError) as err:
        paths.course_root()
    assert str(err.value) == (f"no notebooks/ folder beside {fake}: the lessons come with the repository; clone it and "
                              "run `make lab` there")
    (fake / "_corpus").mkdir()
    (fake / "_corpus" / "documents.json").write_text("{}", encoding="utf-8")
    assert paths.shipped_corpus_dir() == fake / "_corpus"  # the wheel's copy comes first


def test_outside_citations(tmp_path):
    assert cited_ids("see ox-a-1, xox-b and ox-c-2-d.") == ["ox-a-1", "ox-c-2-d"]
    (tmp_path / "notes.md").write_text("cites ox-known and ox-unknown twice: ox-unknown", encoding="utf-8")
    (tmp_path / "a.json").write_bytes(b'{"note": "\xff ox-in-json"}')  # a stray byte is read as U+FFFD, not an error
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "s.json").write_text('"ox-in-a-schema"', encoding="utf-8")
    (tmp_path / "datapackage.json").write_text('"ox-in-the-package"', encoding="utf-8")
    (tmp_path / "a.txt").write_text("ox-not-read", encoding="utf-8")
    assert outside_ids(tmp_path) is None
    assert [str(p) for p in citation_problems(tmp_path)] == [
        "a.json: ox-in-json: cites outside record 'ox-in-json' but the corpus has no outside/records.json; add the "
        "layer or remove the citation",
        "notes.md: ox-known: cites outside record 'ox-known' but the corpus has no outside/records.json; add the layer "
        "or remove the citation",
        "notes.md: ox-unknown: cites outside record 'ox-unknown' but the corpus has no outside/records.json; add the "
        "layer or remove the citation"]
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "records.json").write_text(json.dumps({"records": [{"id": "ox-known"}]}), encoding="utf-8")
    assert outside_ids(tmp_path) == {"ox-known"}
    assert [str(p) for p in citation_problems(tmp_path)] == [
        "a.json: ox-in-json: cites outside record 'ox-in-json', which is not in outside/records.json; fix the id or "
        "add the record",
        "notes.md: ox-unknown: cites outside record 'ox-unknown', which is not in outside/records.json; fix the id or "
        "add the record"]
    (tmp_path / "outside" / "records.json").write_text('{"records": 3}', encoding="utf-8")
    assert outside_ids(tmp_path) == set()


def test_the_shipped_corpus_cites_only_known_records():
    assert citation_problems(REPO / "corpus") == []
