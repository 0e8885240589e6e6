"""The Frictionless ``datapackage.json`` that lists every corpus file with its checksum."""

from __future__ import annotations

from pathlib import Path

from kjpacts.annotations.schemas import schema_for
from kjpacts.io import dump_json, sha256_bytes

MEDIATYPES = {".txt": "text/plain", ".json": "application/json", ".md": "text/markdown", ".html": "text/html", ".htm": "text/html"}
DESCRIPTIONS = {
    "raw": "Raw page as scraped, byte-identical to the seed file. Never modified.",
    "clean": "Clean text: what NLTK and students see. Built by `kjpacts build`.",
    "cleaning": "Cleaning log: every removal and changed character, with raw and clean offsets.",
    "structure": "Structure: headline, byline, dateline, paragraphs (clean offsets) and photo captions.",
    "annotations": "Stand-off annotation layer (clean-text offsets), see GUIDELINES.md.",
    "schemas": "JSON Schema for a machine-readable corpus file.",
    "guidelines": "Annotation guideline section.",
    "agreement": "Second-pass annotation, agreement report or reconciliation note.",
}


def corpus_files(root: Path) -> list[str]:
    """Every file of the corpus folder except datapackage.json, as sorted relative paths."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*")
        if p.is_file() and p.name != "datapackage.json" and "__pycache__" not in p.parts
    )


def datapackage(root: Path) -> dict:
    resources = []
    for rel in corpus_files(root):
        data = (root / rel).read_bytes()
        name = rel.lower().replace("/", "-").replace("_", "-").rsplit(".", 1)[0]
        res = {
            "name": name,
            "path": rel,
            "format": Path(rel).suffix.lstrip("."),
            "mediatype": MEDIATYPES.get(Path(rel).suffix, "application/octet-stream"),
            "encoding": "utf-8",
            "bytes": len(data),
            "hash": "sha256:" + sha256_bytes(data),
            "description": DESCRIPTIONS.get(rel.split("/")[0], "Corpus documentation or metadata."),
        }
        schema = schema_for(rel)
        if schema:
            res["jsonschema"] = f"schemas/{schema}.schema.json"
        resources.append(res)
    return {
        "name": "kjpacts-corpus",
        "title": "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012",
        "description": "Five scraped news pages with a reversible clean layer and stand-off annotations. See DATASHEET.md.",
        "licenses": [{"name": "other-closed", "title": "Article texts remain (c) their publishers; included for teaching, research, criticism and review. See RIGHTS.md."}],
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
