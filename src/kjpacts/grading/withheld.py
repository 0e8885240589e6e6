"""The grading corpus: a copy of the corpus with one problem set's answers withheld.

A question whose answer is a field of a loaded layer (ps04's ``independent``, ps01's TIMEX
values) shows the student a view without that field (:mod:`kjpacts.grading.views`). In the
student's own notebook the shipped corpus is still one ``kjpacts.load()`` away; in the grading
kernel it is not: autograde mounts this copy instead (``$KJPACTS_SANDBOX_CORPUS``, see
:mod:`kjpacts.grading.sandbox`), so code that looks an answer up finds null there.

The source notebook's ``metadata.kjpacts.withhold`` says what to withhold (written by
``kjpacts grade build-sources`` from a problem set's ``S.withhold(...)``)::

    [{"layer": "timex", "docs": ["wapo-2011-01-11"], "fields": ["value", "note"]},
     {"layer": "cleaning", "docs": ["ahram-2011-01-10"]}]

- a field of an annotation layer (``docs`` empty: every document) becomes null, and the copy's
  ``WITHHELD.json`` lists it, so that loading does not take the nulls for mistakes;
- ``"cleaning"`` of a document: its clean text becomes the raw page, with no edits and no
  segments, its record in ``documents.json`` loses what was read off the page (headline,
  byline, dateline...), and the copy has no annotation layers (their offsets point into the
  clean text).

The copy holds the documents, raw pages, clean texts, cleaning logs, structure, the annotation
layers and the outside record; never the annotators' passes (``agreement/``: every answer
again), the guidelines or the notes. Its ``datapackage.json`` lists what it holds, with new
checksums.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat

from kjpacts.annotations.checks import LAYERS, WITHHELD_FILE
from kjpacts.corpus.load import load
from kjpacts.io import dump_json, read_json, sha256_bytes

#: What of a corpus the copy holds (folders and files; anything else is left out).
KEPT = ("documents.json", "raw", "clean", "cleaning", "structure", "annotations", "outside/records.json")


@dataclass(frozen=True)
class Withhold:
    """Withhold ``fields`` of ``layer`` in ``docs`` (empty: all), or a document's cleaning."""

    layer: str
    docs: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, d: dict, where: str) -> "Withhold":
        layer = d.get("layer")
        if layer != "cleaning" and layer not in LAYERS:
            raise ValueError(f"{where}: withhold layer {layer!r} is not one of: cleaning, {', '.join(LAYERS)}")
        fields = tuple(d.get("fields") or ())
        if layer != "cleaning" and not fields:
            raise ValueError(f"{where}: withhold of layer {layer!r} names no fields; add \"fields\": [...]")
        return cls(layer, tuple(d.get("docs") or ()), fields)

    def as_dict(self) -> dict:
        return {"layer": self.layer, "docs": list(self.docs), "fields": list(self.fields)}


def withholds_of(source_dir: Path) -> list[Withhold]:
    """What a problem set withholds: ``metadata.kjpacts.withhold`` of its source notebooks."""
    out: list[Withhold] = []
    for path in sorted(Path(source_dir).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, d in enumerate(nb.metadata.get("kjpacts", {}).get("withhold", [])):
            out.append(Withhold.from_dict(d, f"{path.name}: metadata.kjpacts.withhold[{i}]"))
    return out


def _null_fields(records: list[dict], fields: tuple[str, ...]) -> None:
    for r in records:
        for f in fields:
            if f in r:
                r[f] = None
        for o in r.get("occurrences") or []:  # a claim's fields and its occurrences' fields
            for f in fields:
                if isinstance(o, dict) and f in o:
                    o[f] = None


def _withhold_field(dest: Path, w: Withhold, doc_ids: list[str], listed: dict[str, list[str]]) -> None:
    name, key, per_doc = LAYERS[w.layer]
    unknown = sorted(set(w.docs) - set(doc_ids))
    if unknown:
        raise ValueError(f"withhold: no document {unknown[0]!r} in this corpus (layer {w.layer})")
    files = [f"annotations/{name}/{d}.json" for d in (w.docs or doc_ids)] if per_doc else [f"annotations/{name}"]
    for rel in files:
        path = dest / rel
        if not path.is_file():
            continue
        data = read_json(path, rel)
        _null_fields(data.get(key) or [], w.fields)
        path.write_text(dump_json(data), encoding="utf-8")
        listed[rel] = sorted(set(listed.get(rel, [])) | set(w.fields))


#: Fields of a document's record that say which of its lines are the article (read off the page).
READ_OFF_THE_PAGE = ("headline", "standfirst", "byline", "byline_position", "byline_truncated", "dateline",
                     "dateline_as_printed", "printed", "version_tag", "other_dates", "published_evidence")


def _withhold_cleaning(dest: Path, doc_id: str, raw: str) -> None:
    """The document's clean text becomes its raw page, and its record loses what was read off the
    page (headline, byline...): nothing of what the cleaning kept is left."""
    package = read_json(dest / "documents.json", "documents.json")
    for meta in package["documents"]:
        if meta.get("doc_id") == doc_id:
            meta.update({f: None for f in READ_OFF_THE_PAGE if f in meta})
    (dest / "documents.json").write_text(dump_json(package), encoding="utf-8")
    (dest / "clean" / f"{doc_id}.txt").write_bytes(raw.encode("utf-8"))
    log_rel = f"cleaning/{doc_id}.json"
    log = read_json(dest / log_rel, log_rel)
    log.update(edits=[], clean_sha256=sha256_bytes(raw.encode("utf-8")))
    for key in [k for k in log if k not in ("doc_id", "edits", "clean_sha256", "raw_sha256", "source_file")]:
        log[key] = None
    (dest / log_rel).write_text(dump_json(log), encoding="utf-8")
    (dest / "structure" / f"{doc_id}.json").write_text(dump_json({"doc_id": doc_id, "segments": [], "captions": []}),
                                                       encoding="utf-8")


def _datapackage(source: Path, dest: Path) -> None:
    """The source's datapackage.json, listing only what the copy holds, with its checksums."""
    package = json.loads((source / "datapackage.json").read_text(encoding="utf-8"))
    kept = []
    for r in package.get("resources", []):
        path = dest / r["path"]
        if path.is_file():
            data = path.read_bytes()
            kept.append({**r, "bytes": len(data), "hash": f"sha256:{sha256_bytes(data)}"})
    package["resources"] = kept
    package["description"] = ("A grading copy of this corpus with a problem set's answers withheld "
                              f"(see {WITHHELD_FILE}); made by kjpacts autograde. Not for analysis.")
    (dest / "datapackage.json").write_text(dump_json(package), encoding="utf-8")


def withheld_corpus(source: Path, dest: Path, withholds: list[Withhold]) -> Path:
    """Write the grading copy of the corpus at ``source`` to ``dest`` (replaced if there)."""
    source, dest = Path(source), Path(dest)
    corpus = load(source)
    corpus.annotations  # the copy is made only from a corpus whose layers load
    staging = dest.with_name(dest.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for rel in KEPT:
        src = source / rel
        if src.is_dir():
            shutil.copytree(src, staging / rel, ignore=shutil.ignore_patterns("*.md"))
        elif src.is_file():
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, staging / rel)
    listed: dict[str, list[str]] = {}
    doc_ids = corpus.fileids()
    for w in withholds:
        if w.layer == "cleaning":
            for d in w.docs:
                if d not in doc_ids:
                    raise ValueError(f"withhold: no document {d!r} in this corpus (cleaning)")
                _withhold_cleaning(staging, d, corpus[d].raw)
            shutil.rmtree(staging / "annotations", ignore_errors=True)
        else:
            _withhold_field(staging, w, doc_ids, listed)
    if (staging / "annotations").is_dir():
        (staging / WITHHELD_FILE).write_text(dump_json(listed), encoding="utf-8")
    else:
        listed.clear()
    _datapackage(source, staging)
    shutil.rmtree(dest, ignore_errors=True)
    staging.rename(dest)
    return dest
