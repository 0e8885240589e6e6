"""The Frictionless ``datapackage.json`` that lists every corpus file with its checksum, licence
and (for JSON files) the JSON Schema it follows. ``frictionless validate corpus/datapackage.json``
passes on it (tests/test_frictionless.py).
"""

from __future__ import annotations

from pathlib import Path

from kjpacts import __version__
from kjpacts.annotations.schemas import schema_for
from kjpacts.io import dump_json, read_json, sha256_bytes

MEDIATYPES = {".txt": "text/plain", ".json": "application/json", ".md": "text/markdown", ".bib": "application/x-bibtex",
              ".html": "text/html", ".htm": "text/html"}
#: Frictionless resource types: set explicitly, so Frictionless never guesses a type from a name
#: or a top-level key (a JSON Schema's "$schema", a report's "errors").
RESOURCE_TYPES = {".txt": "text", ".md": "text", ".bib": "text", ".json": "json", ".html": "text", ".htm": "text"}
DESCRIPTIONS = {
    "raw": "Raw page as scraped, byte-identical to the seed file. Never modified.",
    "clean": "Clean text: what NLTK and students see. Built by `kjpacts build`.",
    "cleaning": "Cleaning log: every removal and changed character, with raw and clean offsets.",
    "structure": "Structure: headline, byline, dateline, paragraphs (clean offsets) and photo captions.",
    "annotations": "Stand-off annotation layer (clean-text offsets), see GUIDELINES.md.",
    "outside": "Outside-record layer: dated, sourced facts from outside the corpus that claims, dates and lessons cite by id (see outside/README.md).",
    "schemas": "JSON Schema (draft 2020-12) for a machine-readable corpus file.",
    "guidelines": "Annotation guideline section.",
    "agreement": "Annotation pass (as annotated, in the layer format of its time), agreement summary or "
                 "reconciliation note.",
}
#: Folders whose files reproduce the publishers' article text (in full or in part).
TEXT_FOLDERS = ("raw", "clean", "structure", "cleaning")
MIT = {"name": "MIT", "path": "https://opensource.org/licenses/MIT",
       "title": "MIT License (the kit's annotations, metadata, schemas and documentation; quoted spans "
                "remain their publishers')"}


def publisher_licence(rights: str) -> dict:
    """The licence entry of a file that reproduces article text: the document's rights statement."""
    return {"name": "other-closed", "title": f"{rights} See RIGHTS.md."}


def _rights(root: Path) -> dict[str, str]:
    """``doc_id`` and raw file name -> the document's rights statement (empty when unreadable)."""
    import json

    try:
        docs = json.loads((root / "documents.json").read_text(encoding="utf-8"))["documents"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    out = {}
    for d in docs:
        out[d["doc_id"]] = out[Path(d["source_file"]).stem] = d["rights"]
    return out


def licence_of(rel: str, rights: dict[str, str]) -> dict:
    """MIT for the kit's own files; the publisher's rights for files that reproduce article text."""
    folder = rel.split("/")[0]
    if folder in TEXT_FOLDERS:
        return publisher_licence(rights.get(Path(rel).stem, "Article text (c) its publisher."))
    return MIT


def schema_of(rel: str) -> str | None:
    """The schema a corpus file follows. The two annotation passes in agreement/ are kept as the
    annotators made them, in the layer format of their time, so none is claimed for them."""
    return schema_for(rel)


def corpus_files(root: Path) -> list[str]:
    """Every file of the corpus folder except datapackage.json, as sorted relative paths."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and p.name != "datapackage.json" and "__pycache__" not in p.parts
    )


#: The shipped corpus's own name, title and description: used only for a folder that is not a story
#: (has no ``story.json``), i.e. the shipped corpus or a copy of it.
SHIPPED = {
    "name": "kjpacts-corpus",
    "title": "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012",
    "description": "Five scraped news pages with a reversible clean layer and stand-off annotations. See DATASHEET.md.",
}
STORY_TITLE = "A story corpus built with `kjpacts new`"


def package_meta(root: Path) -> dict[str, str]:
    """Name, title and description of the package: a story folder's from its ``story.json`` (what
    ``kjpacts new --title`` recorded), the shipped corpus's otherwise."""
    if not (root / "story.json").is_file():
        return dict(SHIPPED)
    story = read_json(root / "story.json", "story.json")
    n = len(read_json(root / "documents.json", "documents.json")["documents"])
    return {"name": "kjpacts-story", "title": story.get("title") or STORY_TITLE,
            "description": story.get("description") or f"{n} saved news pages with a reversible clean layer and "
                                                           "machine pre-annotation. See story.json."}


def datapackage(root: Path) -> dict:
    resources = []
    rights = _rights(root)
    for rel in corpus_files(root):
        data = (root / rel).read_bytes()
        name = rel.lower().replace("/", "-").replace("_", "-").rsplit(".", 1)[0]
        res = {
            "name": name,
            "path": rel,
            "type": RESOURCE_TYPES.get(Path(rel).suffix, "file"),
            "format": Path(rel).suffix.lstrip("."),
            "mediatype": MEDIATYPES.get(Path(rel).suffix, "application/octet-stream"),
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + sha256_bytes(data),
            "description": DESCRIPTIONS.get(rel.split("/")[0], "Corpus documentation or metadata."),
            "licenses": [licence_of(rel, rights)],
        }
        schema = schema_of(rel)
        if schema and (root / "schemas" / f"{schema}.json").is_file():
            res["jsonschema"] = f"schemas/{schema}.json"
        resources.append(res)
    return {
        **package_meta(root),
        "version": __version__,
        "licenses": [MIT, {"name": "other-closed", "title": "Article texts remain (c) their publishers; "
                           "included for teaching, research, criticism and review. See RIGHTS.md."}],
        "resources": resources,
    }


def write_datapackage(root: Path, check: bool = False) -> bool:
    """Write datapackage.json (or with ``check``, compare); return whether it changed."""
    text = dump_json(datapackage(root))
    path = root / "datapackage.json"
    changed = not path.exists() or path.read_text(encoding="utf-8") != text
    if changed and not check:
        path.write_text(text, encoding="utf-8")
    return changed
