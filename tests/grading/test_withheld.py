"""The grading corpus: each problem set's judged answers withheld from what its kernels load.

Expected values come from the corpus files read directly with ``json`` and ``hashlib``, and
from the views each problem set's set-up cell builds (run here as the student's notebook runs
it), not from the code that makes the copy.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat
import pytest

import kjpacts
from kjpacts.errors import CorpusErrors
from kjpacts.grading.views import Documents, Without
from kjpacts.grading.withheld import Withhold, withheld_corpus, withholds_of

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SOURCE = ROOT / "exercises" / "source"
PROBLEM_SETS = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())
LAYER_OF = {"Timex": ("timex", "timexes"), "Quote": ("quotes", "quotes"), "Framing": ("framing", "framing"),
            "ClaimOccurrence": ("claims.json", "claims"), "Claim": ("claims.json", "claims")}


def _setup_views(ps: str) -> set[tuple[str, str, frozenset]]:
    """(layer, doc or '*', fields) of every view the problem set's set-up cell hands the student."""
    nb = nbformat.read(SOURCE / ps / f"{ps}.ipynb", as_version=4)
    setup = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "setup")
    ns: dict = {}
    exec(compile(setup.source, f"<{ps}:setup>", "exec"), ns)  # noqa: S102
    found = set()

    def walk(x, depth=0):
        if depth > 3:
            return
        if isinstance(x, Without):
            record = object.__getattribute__(x, "_record")
            fields = frozenset(object.__getattribute__(x, "_fields"))
            kind = type(record).__name__
            if kind == "Document":
                found.add(("cleaning", record.doc_id, frozenset()))
            else:
                layer = LAYER_OF[kind][0].removesuffix(".json")
                found.add((layer, "*" if layer == "claims" else record.doc_id, fields))
        elif isinstance(x, dict):
            for v in x.values():
                walk(v, depth + 1)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v, depth + 1)
        elif isinstance(x, Documents):
            walk(x._views, depth + 1)

    for name, value in ns.items():
        if not name.startswith("_"):
            walk(value)
    return found


@pytest.mark.parametrize("ps", PROBLEM_SETS)
def test_what_the_grading_kernel_withholds_is_what_the_setup_cell_hides(ps):
    declared = set()
    for w in withholds_of(SOURCE / ps):
        for doc in w.docs or ("*",):
            declared.add((w.layer, doc, frozenset(w.fields)))
    assert declared, f"{ps} withholds nothing: every problem set has a judgement question"
    assert declared == _setup_views(ps)


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("withheld")
    return {ps: withheld_corpus(CORPUS, root / ps, withholds_of(SOURCE / ps)) for ps in PROBLEM_SETS}


def _layer_file(layer: str, doc: str | None) -> str:
    return f"annotations/{layer}.json" if layer == "claims" else f"annotations/{layer}/{doc}.json"


@pytest.mark.parametrize("ps", PROBLEM_SETS)
def test_the_copy_loads_with_the_withheld_fields_null_and_everything_else_as_shipped(copies, ps):
    copy = copies[ps]
    corpus = kjpacts.load(copy)  # loads: the nulls are not taken for mistakes
    ann = corpus.annotations
    for w in withholds_of(SOURCE / ps):
        if w.layer == "cleaning":
            for doc in w.docs:
                shipped = (CORPUS / "clean" / f"{doc}.txt").read_text(encoding="utf-8")
                assert corpus[doc].text == corpus[doc].raw != shipped and corpus[doc].edits == ()
                meta = next(m for m in json.loads((CORPUS / "documents.json").read_text())["documents"]
                            if m["doc_id"] == doc)
                for field in ("headline", "byline", "standfirst"):
                    assert meta[field] and corpus[doc].meta[field] is None, field
                assert corpus[doc].meta["raw_sha256"] == meta["raw_sha256"]
            assert not (copy / "annotations").exists() and ann.present == frozenset()
            continue
        key = {"timex": "timexes"}.get(w.layer, w.layer)
        for doc in w.docs or [None]:
            rel = _layer_file(w.layer, doc)
            shipped = json.loads((CORPUS / rel).read_text(encoding="utf-8"))[key]
            graded = json.loads((copy / rel).read_text(encoding="utf-8"))[key]
            assert len(graded) == len(shipped) > 0
            for s, g in zip(shipped, graded):
                records = [(s, g)] + list(zip(s.get("occurrences", []), g.get("occurrences", [])))
                for srec, grec in records:
                    for f in srec:
                        if f in w.fields:
                            assert grec[f] is None, (rel, f)
                        elif f != "occurrences":
                            assert grec[f] == srec[f], (rel, f)
            assert json.loads((copy / "WITHHELD.json").read_text())[rel] == sorted(w.fields)
    # the other documents of a withheld layer, and every other layer, are the shipped bytes
    listed = json.loads((copy / "WITHHELD.json").read_text()) if (copy / "WITHHELD.json").is_file() else {}
    for path in sorted((copy / "annotations").rglob("*.json")) if (copy / "annotations").is_dir() else []:
        rel = path.relative_to(copy).as_posix()
        if rel not in listed:
            assert path.read_bytes() == (CORPUS / rel).read_bytes(), rel


@pytest.mark.parametrize("ps", PROBLEM_SETS)
def test_the_copy_holds_no_second_copy_of_the_answers_and_lists_what_it_holds(copies, ps):
    copy = copies[ps]
    assert not (copy / "agreement").exists(), "the annotators' passes hold every answer again"
    assert not list(copy.rglob("*.md")) and not (copy / "guidelines").exists()
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    on_disk = {p.relative_to(copy).as_posix() for p in copy.rglob("*") if p.is_file()} - {"datapackage.json"}
    listed = {r["path"] for r in package["resources"]}
    assert listed <= on_disk and on_disk - listed <= {"WITHHELD.json"}
    for r in package["resources"]:
        data = (copy / r["path"]).read_bytes()
        assert r["hash"] == "sha256:" + hashlib.sha256(data).hexdigest() and r["bytes"] == len(data), r["path"]


def test_without_its_list_of_withheld_fields_the_copy_does_not_load(copies):
    """The nulls break the layer's own rules (an occurrence's ``independent`` is null only when
    its reason says why): WITHHELD.json is what lets the copy load."""
    copy = copies["ps04-corroboration-and-reuse"]
    (copy / "WITHHELD.json").rename(copy / "gone.json")
    try:
        with pytest.raises(CorpusErrors, match="independent"):
            kjpacts.load(copy).annotations
    finally:
        (copy / "gone.json").rename(copy / "WITHHELD.json")


def test_making_the_copy_again_replaces_it_and_never_touches_the_source(tmp_path):
    before = {p: p.read_bytes() for p in CORPUS.rglob("*.json")}
    dest = tmp_path / "ps"
    withheld_corpus(CORPUS, dest, [Withhold("claims", (), ("independent",))])
    (dest / "stray.txt").write_text("left from an earlier run")
    withheld_corpus(CORPUS, dest, [Withhold("timex", ("wapo-2011-01-11",), ("value",))])
    assert not (dest / "stray.txt").exists()
    assert json.loads((dest / "WITHHELD.json").read_text()) == {"annotations/timex/wapo-2011-01-11.json": ["value"]}
    assert {p: p.read_bytes() for p in CORPUS.rglob("*.json")} == before


@pytest.mark.parametrize("bad,message", [
    ({"layer": "tmex", "fields": ["value"]}, "withhold layer 'tmex' is not one of: cleaning, entities"),
    ({"layer": "timex"}, "withhold of layer 'timex' names no fields"),
])
def test_a_bad_withhold_in_the_source_notebook_is_named(tmp_path, bad, message):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kjpacts"] = {"withhold": [bad]}
    nbformat.write(nb, tmp_path / "ps.ipynb")
    with pytest.raises(ValueError, match=f"^ps.ipynb: metadata.kjpacts.withhold\\[0\\]: {message}"):
        withholds_of(tmp_path)


def test_an_unknown_document_is_named(tmp_path):
    with pytest.raises(ValueError, match="no document 'wapo-2099' in this corpus"):
        withheld_corpus(CORPUS, tmp_path / "x", [Withhold("timex", ("wapo-2099",), ("value",))])
