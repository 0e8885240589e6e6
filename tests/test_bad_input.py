"""A corrupted corpus never loads silently: load() raises and validate reports, naming file and field."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kjpacts
from kjpacts.errors import CorpusError, CorpusErrors
from kjpacts.corpus.validate import validate

from .conftest import ROOT


def corrupt_truncated_json(root: Path) -> tuple[str, str]:
    path = root / "cleaning" / "wapo-2011-01-11.json"
    path.write_bytes(path.read_bytes()[:200])
    return "cleaning/wapo-2011-01-11.json", "line"


def corrupt_raw_byte(root: Path) -> tuple[str, str]:
    path = root / "raw" / "002_711d320877050c39.txt"
    data = bytearray(path.read_bytes())
    data[500] = ord("X") if data[500] != ord("X") else ord("Y")
    path.write_bytes(bytes(data))
    return "raw/002_711d320877050c39.txt", "raw_sha256"


def corrupt_offset(root: Path) -> tuple[str, str]:
    path = root / "structure" / "ahram-2011-01-10.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][-1]["end"] = 10**6
    path.write_text(json.dumps(data), encoding="utf-8")
    return "structure/ahram-2011-01-10.json", "segments[" 


def corrupt_duplicate_id(root: Path) -> tuple[str, str]:
    path = root / "documents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][1]["doc_id"] = data["documents"][0]["doc_id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    return "documents.json", "doc_id"


def corrupt_encoding(root: Path) -> tuple[str, str]:
    path = root / "clean" / "koreaherald-2012-05.txt"
    path.write_bytes(path.read_text(encoding="utf-8").replace("defense", "d\u00e9fense").encode("latin-1"))
    return "clean/koreaherald-2012-05.txt", "encoding"


def corrupt_missing_file(root: Path) -> tuple[str, str]:
    (root / "clean" / "yonhap-2012-06-27.txt").unlink()
    return "clean/yonhap-2012-06-27.txt", "missing"


CASES = [corrupt_truncated_json, corrupt_raw_byte, corrupt_offset, corrupt_duplicate_id, corrupt_encoding, corrupt_missing_file]


@pytest.mark.parametrize("corrupt", CASES, ids=lambda f: f.__name__)
def test_load_raises_naming_file_and_field(corpus_copy, corrupt):
    file, field = corrupt(corpus_copy)
    with pytest.raises((CorpusError, CorpusErrors)) as info:
        kjpacts.load(corpus_copy)
    message = str(info.value)
    assert file in message and field in message, message


@pytest.mark.parametrize("corrupt", CASES, ids=lambda f: f.__name__)
def test_validate_reports_naming_file_and_field(corpus_copy, corrupt):
    file, field = corrupt(corpus_copy)
    problems = [str(p) for p in validate(corpus_copy)]
    assert problems, "validate found nothing wrong"
    assert any(file in p and field in p for p in problems), problems


def test_cli_validate_contract(corpus_copy):
    ok = subprocess.run([sys.executable, "-m", "kjpacts.cli", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    corrupt_raw_byte(corpus_copy)
    corrupt_missing_file(corpus_copy)
    bad = subprocess.run([sys.executable, "-m", "kjpacts.cli", "validate", str(corpus_copy)], capture_output=True, text=True)
    assert bad.returncode != 0
    lines = bad.stdout.strip().splitlines()
    assert any(l.startswith("raw/002_711d320877050c39.txt: raw_sha256:") for l in lines), lines
    assert any(l.startswith("clean/yonhap-2012-06-27.txt:") for l in lines), lines


def test_cli_export_csv_documents(tmp_path):
    out = subprocess.run([sys.executable, "-m", "kjpacts.cli", "export", "--format", "csv", str(tmp_path)],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    import csv

    rows = list(csv.DictReader((tmp_path / "documents.csv").open(encoding="utf-8")))
    assert len(rows) == 5
    required = ["doc_id", "source_file", "raw_sha256", "outlet", "agency", "byline", "headline", "dateline",
                "published", "published_precision", "published_evidence"]
    assert list(rows[0])[:len(required)] == required
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["koreaherald-2012-05"]["published_precision"] == "month"
    assert by_id["ahram-2011-01-10"]["agency"] == "AFP"


def test_build_never_touches_raw_pages(corpus_copy):
    from kjpacts.corpus.build import build

    before = {p.name: p.read_bytes() for p in (corpus_copy / "raw").iterdir()}
    (corpus_copy / "clean" / "wapo-2011-01-11.txt").write_text("edited", encoding="utf-8")
    assert build(corpus_copy) == ["clean/wapo-2011-01-11.txt"]
    assert {p.name: p.read_bytes() for p in (corpus_copy / "raw").iterdir()} == before
    assert kjpacts.load(corpus_copy)["wapo-2011-01-11"].text.startswith("Japan, S. Korea")


def test_export_csv_includes_the_page_level_layer(tmp_path, corpus):
    import csv

    from kjpacts.exports import export

    export(corpus, "csv", tmp_path)
    rows = list(csv.DictReader((tmp_path / "boilerplate.csv").open(encoding="utf-8")))
    views = [r for r in rows if r["category"] == "view-counter"]
    assert [r["doc_id"] for r in views] == ["ahram-2011-01-10"] * 2
    for r in rows:
        raw = corpus[r["doc_id"]].raw
        assert raw[int(r["raw_start"]):int(r["raw_end"])] == r["raw_text"]
    assert {r["category"] for r in rows} >= {"navigation", "copyright-footer", "photo-caption", "version-tag"}


def test_an_edited_annotation_is_schema_checked_and_build_will_not_certify_it(corpus_copy):
    """load() skips the schema pass only for files whose checksum build recorded after validating."""
    path = corpus_copy / "annotations" / "framing" / "wapo-2011-01-11.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["framing"][0]["category"] = "sarcasm"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    package_before = (corpus_copy / "datapackage.json").read_bytes()
    with pytest.raises(CorpusErrors) as info:
        kjpacts.load(corpus_copy)
    assert "annotations/framing/wapo-2011-01-11.json" in str(info.value) and "sarcasm" in str(info.value)
    out = subprocess.run([sys.executable, "-m", "kjpacts.cli", "build", "--corpus", str(corpus_copy)],
                         capture_output=True, text=True)
    assert out.returncode != 0 and "f1.category" in out.stderr and "sarcasm" in out.stderr
    assert (corpus_copy / "datapackage.json").read_bytes() == package_before
    with pytest.raises(CorpusErrors):
        kjpacts.load(corpus_copy)


def test_an_unchanged_corpus_defers_parsing_its_layers_until_first_use():
    """The shipped layers match build's record: load() hashes them but parses them on first use."""
    code = ("import kjpacts\nc = kjpacts.load()\nprint('annotations' in vars(c))\n"
            "print(len(c.annotations.entities) > 0)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("change", ["edit a layer", "add a layer file", "remove a layer file", "edit documents.json",
                                    "no datapackage"])
def test_any_change_since_build_is_validated_at_load(corpus_copy, change):
    from kjpacts.corpus.load import annotations_as_built

    texts = {d.doc_id: d.text for d in kjpacts.load(corpus_copy)}
    assert annotations_as_built(corpus_copy, texts)
    first = next(iter(texts))
    assert not annotations_as_built(corpus_copy, {**texts, first: texts[first] + " "})  # a different clean text
    timex = corpus_copy / "annotations" / "timex" / "wapo-2011-01-11.json"
    if change == "edit a layer":
        timex.write_bytes(timex.read_bytes().replace(b'"start": 1', b'"start": 2', 1))
    elif change == "add a layer file":
        (corpus_copy / "annotations" / "timex" / "extra.json").write_text("{}", encoding="utf-8")
    elif change == "remove a layer file":
        timex.unlink()
    elif change == "edit documents.json":
        path = corpus_copy / "documents.json"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        (corpus_copy / "datapackage.json").unlink()
    assert not annotations_as_built(corpus_copy, texts)
