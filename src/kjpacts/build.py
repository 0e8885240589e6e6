"""Build the derived corpus files from ``raw/`` plus ``documents.json``.

Derived files (never edited by hand): ``clean/<id>.txt``, ``cleaning/<id>.json``
(the edit log) and ``structure/<id>.json``. Raw pages are only read.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .cleaning import apply_edits, plan_edits
from .errors import CorpusError


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_raw(corpus_dir: Path, meta: dict) -> str:
    """The raw page as text, after checking its hash against the metadata."""
    rel = meta["source_file"]
    path = corpus_dir / rel
    if not path.is_file():
        raise CorpusError(rel, "source_file", "raw page is missing; restore it from ../shared/seeds")
    data = path.read_bytes()
    if sha256_bytes(data) != meta["raw_sha256"]:
        raise CorpusError(rel, "raw_sha256", "raw page does not match its recorded SHA-256; restore the original bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(rel, "encoding", f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None


def segments(clean: str, blocks_kinds: list[str], meta: dict) -> list[dict]:
    """Structure spans over the clean text: one per paragraph, plus the dateline."""
    spans, pos = [], 0
    paras = clean.rstrip("\n").split("\n\n")
    for kind, para in zip(blocks_kinds, paras):
        spans.append({"kind": kind, "start": pos, "end": pos + len(para), "text": para})
        pos += len(para) + 2
    printed = meta.get("dateline_as_printed")
    if printed:
        first = next(s for s in spans if s["kind"] == "paragraph")
        if not first["text"].startswith(printed):
            raise CorpusError("documents.json", f"{meta['doc_id']}.dateline_as_printed",
                              f"{printed!r} does not open the first body paragraph")
        spans.append({"kind": "dateline", "start": first["start"], "end": first["start"] + len(printed), "text": printed})
    return sorted(spans, key=lambda s: (s["start"], -s["end"]))


def build_document(corpus_dir: Path, meta: dict) -> dict[str, str]:
    """Return ``{relative path: file text}`` for one document's derived files."""
    raw = read_raw(corpus_dir, meta)
    edits, blocks, captions = plan_edits(raw, meta["printed"])
    clean, placed = apply_edits(raw, edits)
    doc_id = meta["doc_id"]
    log = {
        "doc_id": doc_id,
        "source_file": meta["source_file"],
        "raw_sha256": meta["raw_sha256"],
        "clean_sha256": sha256_bytes(clean.encode("utf-8")),
        "edits": [e.to_json() for e in placed],
    }
    structure = {
        "doc_id": doc_id,
        "segments": segments(clean, [b.kind for b in blocks], meta),
        "captions": [
            {"title": c.title, "text": c.text, "credit": c.credit, "raw_start": c.raw_start, "raw_end": c.raw_end}
            for c in captions
        ],
    }
    return {
        f"clean/{doc_id}.txt": clean,
        f"cleaning/{doc_id}.json": dump_json(log),
        f"structure/{doc_id}.json": dump_json(structure),
    }


def dump_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def load_documents_json(corpus_dir: Path) -> list[dict]:
    path = corpus_dir / "documents.json"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise CorpusError(path, "-", "missing; a corpus folder needs documents.json") from None
    except UnicodeDecodeError as exc:
        raise CorpusError(path, "encoding", f"not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CorpusError(path, f"line {exc.lineno}", f"invalid JSON: {exc.msg}; fix or restore the file") from None
    return data["documents"]


def build_files(corpus_dir: Path) -> dict[str, str]:
    """Every derived file of the corpus, as ``{relative path: text}``."""
    files: dict[str, str] = {}
    for meta in load_documents_json(corpus_dir):
        files.update(build_document(corpus_dir, meta))
    return files


def build(corpus_dir: Path, check: bool = False) -> list[str]:
    """Write (or with ``check``, compare) the derived files; return the paths that differ."""
    differ = []
    for rel, text in build_files(corpus_dir).items():
        path = corpus_dir / rel
        old = path.read_bytes().decode("utf-8", "replace") if path.exists() else None
        if old != text:
            differ.append(rel)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(text.encode("utf-8"))
    return differ
