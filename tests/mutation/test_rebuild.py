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
    assert rebuild(corpus_copy) == BuildResult([f"corpus/{CLEAN}"], [])
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
