"""Load the corpus: documents with clean text, raw page, metadata and structure.

>>> import kjpacts
>>> corpus = kjpacts.load()
>>> corpus.fileids()
['ahram-2011-01-10', 'koreaherald-2012-05', 'koreaherald-2012-05-13', 'wapo-2011-01-11', 'yonhap-2012-06-27']
>>> doc = corpus["wapo-2011-01-11"]
>>> doc.headline
'Japan, S. Korea seek to boost military relations'
>>> doc.meta["published"], doc.meta["published_precision"]
('2011-01-11', 'day')
>>> start = doc.text.index("Seoul")
>>> doc.raw[doc.to_raw(start):doc.to_raw(start + 5, side="end")]
'Seoul'
"""

from __future__ import annotations

import functools
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..annotations.load import load_annotations
from ..annotations.records import Annotations
from ..errors import CorpusError
from ..io import read_json, recorded_checksums, sha256_bytes
from ..paths import corpus_dir
from .cleaning import Edit, rebuild_raw
from .files import load_documents_json, read_clean, read_raw
from .model import Document, Segment
from .reader import corpus_reader
from .tables import documents_frame

if TYPE_CHECKING:
    import pandas as pd
    from nltk.corpus.reader import CategorizedPlaintextCorpusReader

def load_document(root: Path, meta: dict) -> Document:
    """Read one document's files and check they agree (hashes, offsets, log)."""
    doc_id = meta["doc_id"]
    raw = read_raw(root, meta)
    text = read_clean(root, doc_id)
    log_rel = f"cleaning/{doc_id}.json"
    log = read_json(root / log_rel, log_rel)
    if log.get("clean_sha256") != sha256_bytes(text.encode("utf-8")):
        raise CorpusError(f"clean/{doc_id}.txt", "clean_sha256",
                          f"clean text does not match the hash in {log_rel}; run `kjpacts build`")
    try:
        edits = tuple(Edit(**e) for e in log["edits"])
        rebuilt = rebuild_raw(text, edits)
    except (TypeError, KeyError, ValueError) as exc:
        raise CorpusError(log_rel, "edits", f"{exc}; run `kjpacts build`") from None
    if rebuilt != raw:
        raise CorpusError(log_rel, "edits", "clean text plus log does not rebuild the raw page; run `kjpacts build`")
    structure = read_json(root / "structure" / f"{doc_id}.json", f"structure/{doc_id}.json")
    segs = []
    for i, s in enumerate(structure.get("segments", [])):
        if not (0 <= s["start"] <= s["end"] <= len(text)):
            raise CorpusError(f"structure/{doc_id}.json", f"segments[{i}].end",
                              f"offset {s['start']}-{s['end']} is beyond the text (length {len(text)}); run `kjpacts build`")
        if text[s["start"]:s["end"]] != s["text"]:
            raise CorpusError(f"structure/{doc_id}.json", f"segments[{i}].text",
                              "span text does not match the clean text; run `kjpacts build`")
        segs.append(Segment(s["kind"], s["start"], s["end"], s["text"]))
    return Document(doc_id, text, raw, meta, tuple(segs), tuple(structure.get("captions", [])), edits)


class Corpus:
    """The documents of one corpus folder, in ``doc_id`` order."""

    def __init__(self, root: Path, documents: dict[str, Document]):
        self.root = root
        self.documents = documents

    def __repr__(self) -> str:
        return f"<Corpus {len(self)} documents from {self.root}>"

    def __len__(self) -> int:
        return len(self.documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents.values())

    def __getitem__(self, doc_id: str) -> Document:
        try:
            return self.documents[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r}; choose one of {', '.join(self.documents)}") from None

    def fileids(self) -> list[str]:
        """Document ids, sorted (the reader's file ids add ``.txt``)."""
        return list(self.documents)

    @cached_property
    def annotations(self) -> Annotations:
        """Every annotation layer, validated (raises ``CorpusErrors`` on any problem)."""
        return load_annotations(self.root, {d.doc_id: d.text for d in self})

    def frame(self, layer: str = "documents") -> "pd.DataFrame":
        """A layer as a pandas DataFrame: 'documents' or any annotation layer."""
        if layer == "documents":
            return documents_frame(self)
        return self.annotations.frame(layer)

    def reader(self, **options) -> "CategorizedPlaintextCorpusReader":
        """An NLTK corpus reader over the clean texts (see :mod:`kjpacts.corpus.reader`)."""
        return corpus_reader(self, **options)


def load(path: str | Path | None = None) -> Corpus:
    """Load and check a corpus folder (default: the shipped corpus).

    Raises :class:`~kjpacts.errors.CorpusError` naming the file and field on the
    first problem that stops loading, or ``CorpusErrors`` listing annotation
    problems. Nothing is tokenized here. Annotation layers unchanged since
    ``kjpacts build`` validated them (see :func:`annotations_as_built`) are
    parsed on first use of ``Corpus.annotations``; changed ones are checked now.
    """
    root = Path(path) if path is not None else corpus_dir()
    if not root.is_dir():
        raise CorpusError(root, "-", "corpus folder not found")
    metas = load_documents_json(root)
    seen: set[str] = set()
    docs: dict[str, Document] = {}
    for i, meta in enumerate(metas):
        doc_id = meta.get("doc_id")
        if not doc_id:
            raise CorpusError("documents.json", f"documents[{i}].doc_id", "missing document id")
        if doc_id in seen:
            raise CorpusError("documents.json", f"documents[{i}].doc_id", f"duplicate id {doc_id!r}; ids must be unique")
        seen.add(doc_id)
        docs[doc_id] = load_document(root, meta)
    corpus = Corpus(root, dict(sorted(docs.items())))
    if (root / "annotations").is_dir() and not annotations_as_built(root, {d.doc_id: d.text for d in corpus}):
        corpus.annotations  # validate now: a corrupted corpus never loads silently
    return corpus


def annotations_as_built(root: Path, texts: dict[str, str]) -> bool:
    """True when the annotation layers, the clean texts and documents.json are
    byte-identical to what ``kjpacts build`` validated and recorded in
    datapackage.json (it records only a valid corpus). Then the layers cannot
    hold a problem, and ``load()`` leaves parsing them to the first use of
    ``Corpus.annotations``; any other change is validated at once.
    """
    recorded = recorded_checksums(root)
    if not recorded:
        return False
    layers = {p.relative_to(root).as_posix() for p in (root / "annotations").rglob("*.json")}
    if layers != {p for p in recorded if p.startswith("annotations/") and p.endswith(".json")}:
        return False
    if any(recorded.get(f"clean/{d}.txt") != sha256_bytes(t.encode("utf-8")) for d, t in texts.items()):
        return False  # the clean texts as load() already read them
    for rel in sorted(layers) + ["documents.json"]:
        try:
            if recorded.get(rel) != sha256_bytes((root / rel).read_bytes()):
                return False
        except OSError:
            return False
    return True


@functools.cache
def _cached(root: Path) -> Corpus:
    return load(root)


def shared_corpus(path: str | Path | None = None) -> Corpus:
    """The corpus at ``path`` (default: the shipped one), loaded once per process.

    The lessons' checks and the widgets share this one cache.
    """
    return _cached(Path(path if path is not None else corpus_dir()).resolve())
