"""``kjpacts validate``: every check on a corpus folder, each problem on its own line."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from kjpacts.annotations.load import validate_annotations
from kjpacts.annotations.outside import citation_problems
from kjpacts.annotations.schemas import check_file, validate_corpus_files
from kjpacts.corpus.build import agreement_files, build_document, guidelines_text
from kjpacts.corpus.datapackage import corpus_files
from kjpacts.corpus.files import load_documents_json, read_clean, read_raw
from kjpacts.corpus.load import load_document
from kjpacts.errors import CorpusError, CorpusErrors
from kjpacts.io import read_json, sha256_bytes


def _collect(problems: list[CorpusError], check: Callable[[], object]) -> object:
    try:
        return check()
    except CorpusErrors as many:
        problems.extend(many.problems)
    except CorpusError as one:
        problems.append(one)
    return None


def check_schemas(root: Path) -> list[CorpusError]:
    """Schema problems outside annotations/ (annotation schemas are checked with the layers)."""
    problems = validate_corpus_files(root)
    if (root / "datapackage.json").is_file():
        problems += check_file(root, root / "datapackage.json", "package")[1]
    return problems


def check_metadata(root: Path, metas: list[dict]) -> list[CorpusError]:
    """Unique ids, raw hashes, and a reason for every null fact."""
    problems, seen = [], set()
    for i, meta in enumerate(metas):
        doc_id = meta.get("doc_id", f"documents[{i}]")
        if doc_id in seen:
            problems.append(CorpusError("documents.json", f"documents[{i}].doc_id", f"duplicate id {doc_id!r}"))
        seen.add(doc_id)
        _collect(problems, lambda: read_raw(root, meta))
        reasons = meta.get("null_reasons", {})
        for field, value in meta.items():
            if value is None and field not in reasons:
                problems.append(CorpusError("documents.json", f"{doc_id}.{field}",
                                            "is null with no reason; add one under null_reasons"))
    return problems


def derived_paths(doc_id: str) -> list[str]:
    return [f"clean/{doc_id}.txt", f"cleaning/{doc_id}.json", f"structure/{doc_id}.json"]


def check_derived(root: Path, metas: list[dict]) -> list[CorpusError]:
    """Per document: derived files exist, load cleanly, equal a fresh build, and rebuild the raw page."""
    problems: list[CorpusError] = []
    corpus_level = dict(agreement_files(root))
    guidelines = guidelines_text(root)
    if guidelines is not None:
        corpus_level["GUIDELINES.md"] = guidelines
    for rel, text in corpus_level.items():
        path = root / rel
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(CorpusError(rel, "-", "differs from what `kjpacts build` makes; run it"))
    for meta in metas:
        doc_id = meta.get("doc_id")
        missing = [rel for rel in derived_paths(doc_id) if not (root / rel).is_file()]
        problems += [CorpusError(rel, "-", "file is missing; run `kjpacts build`") for rel in missing]
        if missing:
            continue
        before = len(problems)
        _collect(problems, lambda: load_document(root, meta))  # hashes, encodings, offsets, log
        fresh = _collect(problems, lambda: build_document(root, meta))
        if fresh is None or len(problems) > before:
            continue
        for rel, text in fresh.items():
            if (root / rel).read_bytes() != text.encode("utf-8"):
                problems.append(CorpusError(rel, "-", "differs from what `kjpacts build` makes from raw/ and documents.json; run it"))
    return problems


def check_datapackage(root: Path) -> list[CorpusError]:
    """Every file is listed in datapackage.json with its current checksum."""
    try:
        package = read_json(root / "datapackage.json", "datapackage.json")
    except CorpusError as exc:
        hint = "" if "`kjpacts build`" in exc.message else " (or run `kjpacts build`)"  # say it once
        return [CorpusError(exc.file, exc.field, exc.message + hint)]
    problems = []
    listed = {r.get("path"): r for r in package.get("resources", [])}
    for rel in corpus_files(root):
        res = listed.pop(rel, None)
        if res is None:
            problems.append(CorpusError("datapackage.json", rel, "file is not listed; run `kjpacts build`"))
        elif res.get("hash") != "sha256:" + sha256_bytes((root / rel).read_bytes()):
            problems.append(CorpusError("datapackage.json", f"{rel}.hash", "checksum does not match the file; run `kjpacts build` if the change is intended"))
    for rel in listed:
        problems.append(CorpusError("datapackage.json", rel, "listed file does not exist"))
    return problems


def annotation_problems(root: Path, metas: list[dict]) -> list[CorpusError]:
    """Every problem in the annotation layers (as a list, for ``kjpacts validate``)."""
    if not (root / "annotations").is_dir():
        return []
    texts = {}
    for meta in metas:
        try:
            texts[meta["doc_id"]] = read_clean(root, meta["doc_id"])
        except (CorpusError, KeyError):
            pass  # reported by check_derived
    unreadable = {m.get("doc_id") for m in metas} - set(texts)  # already reported by check_derived
    return [p for p in validate_annotations(root, texts)
            if not any(p.file.endswith(f"/{doc_id}.json") for doc_id in unreadable)]


def validate(root: Path) -> list[CorpusError]:
    """All problems in the corpus folder ``root`` (empty when everything holds)."""
    problems: list[CorpusError] = []
    metas = _collect(problems, lambda: load_documents_json(root))
    if metas is None:
        return problems
    problems += check_schemas(root)
    problems += check_metadata(root, metas)
    problems += check_derived(root, metas)
    problems += annotation_problems(root, metas)
    problems += citation_problems(root)
    problems += check_datapackage(root)
    return problems
