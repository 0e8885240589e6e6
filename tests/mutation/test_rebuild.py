"""kjpacts.corpus.rebuild in process (``kjpacts build`` without the subprocess), on a copy of the
shipped corpus: the shipped files are the expected output of a build."""

from __future__ import annotations

import json
from pathlib import Path

from kjpacts.corpus.rebuild import BuildResult, rebuild

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CLEAN = "clean/wapo-2011-01-11.txt"


def _spoil(root: Path) -> None:
    (root / CLEAN).write_text((CORPUS / CLEAN).read_text(encoding="utf-8") + "stray\n", encoding="utf-8")


def test_an_up_to_date_corpus_checks_clean(corpus_copy):
    assert rebuild(corpus_copy, check=True) == BuildResult([], [])
    assert rebuild(corpus_copy, check=True, train_punkt=True) == BuildResult([], [])  # shipped Punkt is current


def test_check_names_a_stale_file_and_the_package_and_writes_nothing(corpus_copy):
    _spoil(corpus_copy)
    spoiled = (corpus_copy / CLEAN).read_bytes()
    assert rebuild(corpus_copy, check=True) == BuildResult([f"corpus/{CLEAN}", "corpus/datapackage.json"], [])
    assert (corpus_copy / CLEAN).read_bytes() == spoiled
    assert (corpus_copy / "datapackage.json").read_bytes() == (CORPUS / "datapackage.json").read_bytes()


def test_build_restores_a_stale_file_and_rewrites_a_missing_package(corpus_copy):
    _spoil(corpus_copy)
    assert rebuild(corpus_copy, train_punkt=True) == BuildResult([f"corpus/{CLEAN}"], [])  # Punkt trains the same
    assert (corpus_copy / CLEAN).read_bytes() == (CORPUS / CLEAN).read_bytes()
    (corpus_copy / "datapackage.json").unlink()
    assert rebuild(corpus_copy) == BuildResult(["corpus/datapackage.json"], [])
    assert (corpus_copy / "datapackage.json").read_bytes() == (CORPUS / "datapackage.json").read_bytes()


def test_a_corpus_that_fails_validation_is_not_certified(corpus_copy):
    path = corpus_copy / "documents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][0]["section"] = None
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (corpus_copy / "datapackage.json").unlink()
    result = rebuild(corpus_copy)
    assert result.differ == []
    assert [str(p) for p in result.problems] == [
        "documents.json: koreaherald-2012-05-13.section: unexpected field; remove it or fix its name",
        "documents.json: koreaherald-2012-05-13.section: is null with no reason; add one under null_reasons",
    ]
    assert not (corpus_copy / "datapackage.json").exists()


def test_check_with_train_punkt_names_the_punkt_files_new_texts_would_change(corpus_copy):
    """A corpus whose texts changed (raw page edited, derived files rebuilt, layers dropped): the
    shipped Punkt parameters no longer match what training on it gives. Check mode writes nothing."""
    import hashlib
    import shutil

    from kjpacts.corpus.build import build
    from kjpacts.paths import package_data

    shutil.rmtree(corpus_copy / "annotations")  # their offsets would no longer fit the new text
    docs = json.loads((corpus_copy / "documents.json").read_text(encoding="utf-8"))
    meta = next(d for d in docs["documents"] if d["doc_id"] == "wapo-2011-01-11")
    raw = corpus_copy / meta["source_file"]
    page = raw.read_text(encoding="utf-8")
    raw.write_text(page[:len(page) // 2] + page[len(page) // 2:].replace("Japan", "Nippon Dept. Inc."), encoding="utf-8")
    meta["raw_sha256"] = hashlib.sha256(raw.read_bytes()).hexdigest()
    (corpus_copy / "documents.json").write_text(json.dumps(docs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    build(corpus_copy)
    punkt = {p: p.read_bytes() for p in package_data("punkt_tab/english").iterdir()}
    try:
        assert rebuild(corpus_copy, check=True) == BuildResult(["corpus/datapackage.json"], [])
        assert rebuild(corpus_copy, check=True, train_punkt=True) == BuildResult(
            ["src/kjpacts/data/punkt_tab/english/collocations.tab", "src/kjpacts/data/punkt_tab/english/ortho_context.tab",
             "corpus/datapackage.json"], [])
        assert {p: p.read_bytes() for p in punkt} == punkt
    finally:  # a broken rebuild must not leave the kit's Punkt files changed for the tests after this one
        for p, data in punkt.items():
            p.write_bytes(data)
