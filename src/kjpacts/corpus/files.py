"""The corpus folder's own files: ``documents.json``, raw pages and clean texts, read and checked."""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError
from ..io import decode_utf8, read_json, read_text, sha256_bytes


def load_documents_json(corpus_dir: Path) -> list[dict]:
    """The document records of ``corpus_dir/documents.json``."""
    data = read_json(Path(corpus_dir) / "documents.json", "documents.json",
                     missing="missing; a corpus folder needs documents.json")
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise CorpusError("documents.json", "documents", "expected {\"documents\": [...]}; fix or restore the file")
    return data["documents"]


def read_raw(corpus_dir: Path, meta: dict) -> str:
    """The raw page as text, after checking its hash against the metadata."""
    rel = meta["source_file"]
    path = Path(corpus_dir) / rel
    if not path.is_file():
        raise CorpusError(rel, "source_file", "raw page is missing; restore it from ../shared/seeds")
    data = path.read_bytes()
    if sha256_bytes(data) != meta["raw_sha256"]:
        raise CorpusError(rel, "raw_sha256", "raw page does not match its recorded SHA-256; restore the original bytes")
    return decode_utf8(data, rel)


def read_clean(corpus_dir: Path, doc_id: str) -> str:
    """One document's clean text, exactly as stored."""
    rel = f"clean/{doc_id}.txt"
    return read_text(Path(corpus_dir) / rel, rel)


def read_clean_texts(corpus_dir: Path) -> dict[str, str]:
    """Clean texts of every document in ``documents.json``."""
    return {m["doc_id"]: read_clean(corpus_dir, m["doc_id"]) for m in load_documents_json(corpus_dir)}
