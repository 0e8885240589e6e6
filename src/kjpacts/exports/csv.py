"""The CSV export: a Frictionless data package of CSV tables that holds the whole corpus.

Lossless: the clean texts (``texts.csv``), every cleaning edit (``cleaning_edits.csv``: the raw
pages rebuild from these two tables alone, see :data:`RAW_REBUILD_RULE`), the structure layer,
every field of documents.json and of the annotation and outside-record JSON files. Tables are
read from the JSON files themselves, so a field the loader does not model is still exported.
Cell encoding: :data:`kjpacts.exports.csv_fields.MULTI_VALUE_RULE`.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .. import __version__
from ..corpus.model import BOILERPLATE_CATEGORIES
from ..io import dump_json, sha256_bytes
from .csv_fields import MULTI_VALUE_RULE, describe, field_type

if TYPE_CHECKING:
    from ..corpus.load import Corpus

#: The columns each annotation CSV must start with (extra columns follow).
REQUIRED_CSV_COLUMNS: dict[str, list[str]] = {
    "quotes": ["doc_id", "start", "end", "text", "kind", "cue", "source_text", "speaker", "speaker_type",
               "named", "anonymity_reason", "country"],
    "timex": ["doc_id", "start", "end", "text", "type", "value", "anchor"],
    "entities": ["entity_id", "name", "type"],
    "mentions": ["doc_id", "start", "end", "text", "entity_id", "metonymy"],
    "claims": ["claim_id", "statement", "status"],
    "claim_occurrences": ["claim_id", "doc_id", "start", "end", "text", "attributed_to", "independent"],
    "framing": ["doc_id", "start", "end", "text", "category", "voice"],
}
DOCUMENT_REQUIRED = ["doc_id", "source_file", "raw_sha256", "outlet", "agency", "byline", "headline", "dateline",
                     "published", "published_precision", "published_evidence"]

RAW_REBUILD_RULE = (
    "Rebuild a raw page: take the document's text from texts.csv and its rows of cleaning_edits.csv in "
    "position order; the raw page is the concatenation, for each edit, of the clean text from the end of "
    "the previous edit (0 for the first) to clean_start, then raw_text; then the clean text after the "
    "last edit's clean_end. Encoded as UTF-8 it is byte-identical to the page (its SHA-256 is "
    "documents.csv raw_sha256)."
)
#: Tables that reproduce article text (the publishers' rights apply).
TEXT_TABLES = ("texts", "cleaning_edits", "boilerplate", "structure_segments", "structure_captions")
TABLE_DESCRIPTIONS = {
    "texts": "The clean text of each document (what NLTK and students see).",
    "documents": "Every field of documents.json: one row per document.",
    "cleaning_edits": "Every cleaning edit of cleaning/<doc_id>.json, in order. " + RAW_REBUILD_RULE,
    "boilerplate": "The page-level layer: the cleaning edits that remove page furniture (a subset of cleaning_edits).",
    "structure_segments": "Structure layer: headline, byline, dateline and paragraph spans over the clean text.",
    "structure_captions": "Structure layer: photo titles, captions and credits removed from the body, with raw offsets.",
    "entities": "Entity registry (annotations/entities.json).",
    "mentions": "Entity mentions, named and nominal (annotations/mentions/).",
    "quotes": "Attributions: content (start, end, text), cue and source spans, and who speaks (annotations/quotes/).",
    "timex": "TIMEX3 temporal expressions and their values (annotations/timex/).",
    "claims": "Corpus-wide claims and their verdicts (annotations/claims.json); occurrences in claim_occurrences.",
    "claim_occurrences": "Where each document makes a claim (annotations/claims.json occurrences).",
    "framing": "Framing and word-choice spans (annotations/framing/).",
    "outside_records": "Outside-record layer (outside/records.json): sourced facts cited by id.",
}
PRIMARY_KEYS = {"texts": ["doc_id"], "documents": ["doc_id"], "entities": ["entity_id"], "claims": ["claim_id"],
                "outside_records": ["id"], "claim_occurrences": ["claim_id", "id"],
                "cleaning_edits": ["doc_id", "position"]}
MIT = {"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}
PUBLISHERS = {"name": "other-closed", "title": "Article texts (c) their publishers; included for teaching, "
                                               "research, criticism and review (corpus RIGHTS.md)."}


def _read(root: Path, rel: str) -> Any:
    return json.loads((root / rel).read_text(encoding="utf-8"))


def _per_doc(root: Path, folder: str, key: str, doc_ids: Iterable[str]) -> list[dict]:
    """The records of ``annotations/<folder>/<doc_id>.json`` for every document, with doc_id."""
    rows = []
    for doc in doc_ids:
        path = root / "annotations" / folder / f"{doc}.json"
        if path.is_file():
            rows += [{"doc_id": doc, **r} for r in _read(root, path.relative_to(root).as_posix())[key]]
    return rows


def _quote_row(doc_q: dict) -> dict:
    q = dict(doc_q)
    content, cue, source = q.pop("content"), q.pop("cue"), q.pop("source")
    row = {"doc_id": q.pop("doc_id"), "start": content["start"], "end": content["end"], "text": content["text"],
           "cue": cue and cue["text"], "cue_start": cue and cue["start"], "cue_end": cue and cue["end"],
           "source_text": source and source["text"], "source_start": source and source["start"],
           "source_end": source and source["end"]}
    return {**row, **q}


def _claim_rows(claims: list[dict]) -> tuple[list[dict], list[dict]]:
    rows, occurrences = [], []
    for c in claims:
        row = {k: v for k, v in c.items() if k not in ("occurrences", "outcome")}
        row["occurrences"] = len(c["occurrences"])
        row["documents"] = len({o["doc_id"] for o in c["occurrences"]})
        for k, v in (c.get("outcome") or {}).items():
            row["outcome" if k == "what_happened" else f"outcome_{k}"] = v
        rows.append(row)
        occurrences += [{"claim_id": c["claim_id"], **o} for o in c["occurrences"]]
    return rows, occurrences


def _outside_row(record: dict) -> dict:
    row = {k: v for k, v in record.items() if k != "source"}
    row.update({f"source_{k}": v for k, v in (record.get("source") or {}).items()})
    return row


def tables(corpus: "Corpus") -> dict[str, tuple[list[str], list[dict]]]:
    """``{table: (leading columns, rows)}`` of the whole corpus, read from its files."""
    root, doc_ids = Path(corpus.root), corpus.fileids()
    out: dict[str, tuple[list[str], list[dict]]] = {
        "texts": (["doc_id", "text", "clean_sha256"],
                  [{"doc_id": d.doc_id, "text": d.text,
                    "clean_sha256": _read(root, f"cleaning/{d.doc_id}.json")["clean_sha256"]} for d in corpus]),
        "documents": (DOCUMENT_REQUIRED, sorted(_read(root, "documents.json")["documents"], key=lambda m: m["doc_id"])),
    }
    edits, furniture, segments, captions = [], [], [], []
    for doc in doc_ids:
        for i, e in enumerate(_read(root, f"cleaning/{doc}.json")["edits"]):
            edits.append({"doc_id": doc, "position": i, **e, "boilerplate": e["category"] in BOILERPLATE_CATEGORIES})
            if e["category"] in BOILERPLATE_CATEGORIES:
                furniture.append({"doc_id": doc, **{k: e[k] for k in ("raw_start", "raw_end", "raw_text", "clean_start",
                                                                      "category", "reason")}})
        structure = _read(root, f"structure/{doc}.json")
        segments += [{"doc_id": doc, "position": i, **s} for i, s in enumerate(structure["segments"])]
        captions += [{"doc_id": doc, "position": i, **c} for i, c in enumerate(structure["captions"])]
    out["cleaning_edits"] = (["doc_id", "position"], edits)
    out["boilerplate"] = (["doc_id", "raw_start", "raw_end", "raw_text", "clean_start", "category", "reason"], furniture)
    out["structure_segments"] = (["doc_id", "position", "kind", "start", "end", "text"], segments)
    out["structure_captions"] = (["doc_id", "position", "title", "text", "credit", "raw_start", "raw_end"], captions)
    out.update(annotation_tables(root, doc_ids))
    if (root / "outside" / "records.json").is_file():
        out["outside_records"] = (["id", "fact", "confidence"],
                                  [_outside_row(r) for r in _read(root, "outside/records.json")["records"]])
    return out


def annotation_tables(root: Path, doc_ids: list[str]) -> dict[str, tuple[list[str], list[dict]]]:
    """``{layer: (leading columns, rows)}`` of the annotation layers in ``root/annotations``."""
    out: dict[str, tuple[list[str], list[dict]]] = {}
    ann = root / "annotations"
    if not ann.is_dir():
        return out
    if (ann / "entities.json").is_file():
        out["entities"] = (["entity_id", "name", "type", "country", "variants", "description"],
                           _read(root, "annotations/entities.json")["entities"])
    out["mentions"] = (REQUIRED_CSV_COLUMNS["mentions"] + ["id", "refers_to"],
                       _per_doc(root, "mentions", "mentions", doc_ids))
    out["quotes"] = (REQUIRED_CSV_COLUMNS["quotes"] + ["id", "cue_start", "cue_end", "source_start", "source_end"],
                     [_quote_row(q) for q in _per_doc(root, "quotes", "quotes", doc_ids)])
    out["timex"] = (REQUIRED_CSV_COLUMNS["timex"] + ["id"], _per_doc(root, "timex", "timexes", doc_ids))
    if (ann / "claims.json").is_file():
        claims, occurrences = _claim_rows(_read(root, "annotations/claims.json")["claims"])
        out["claims"] = (REQUIRED_CSV_COLUMNS["claims"] + ["kind", "occurrences", "documents"], claims)
        out["claim_occurrences"] = (REQUIRED_CSV_COLUMNS["claim_occurrences"] + ["id"], occurrences)
    out["framing"] = (REQUIRED_CSV_COLUMNS["framing"] + ["id"], _per_doc(root, "framing", "framing", doc_ids))
    return out


def columns_of(leading: list[str], rows: list[dict]) -> list[str]:
    """The leading columns, then every other field any row has, in order of first appearance."""
    columns = list(leading)
    for row in rows:
        columns += [k for k in row if k not in columns]
    return columns


def cell(value: Any) -> str:
    """One value as a CSV cell (:data:`MULTI_VALUE_RULE`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_table(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell(row.get(c)) for c in columns] for row in rows)


def table_schema(name: str, columns: list[str]) -> dict:
    schema: dict[str, Any] = {
        "fields": [{"name": c, "type": field_type(c), "description": describe(name, c)} for c in columns],
        "missingValues": [""],
    }
    if name in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[name]
    keys = []
    if "doc_id" in columns and name not in ("texts", "documents"):
        keys.append({"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}})
    if name == "mentions":
        keys.append({"fields": ["entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}})
    if name == "claim_occurrences":
        keys.append({"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["claim_id"]}})
    if keys:
        schema["foreignKeys"] = keys
    return schema


def export_csv(corpus: "Corpus", out_dir: Path) -> list[Path]:
    """Write every table and ``datapackage.json`` (a Frictionless data package); return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    resources, paths = [], []
    for name, (leading, rows) in tables(corpus).items():
        columns = columns_of(leading, rows)
        path = out_dir / f"{name}.csv"
        write_table(path, columns, rows)
        data = path.read_bytes()
        resources.append({
            "name": name, "type": "table", "path": path.name, "scheme": "file", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "bytes": len(data), "hash": "sha256:" + sha256_bytes(data),
            "description": TABLE_DESCRIPTIONS[name],
            "licenses": [PUBLISHERS if name in TEXT_TABLES else MIT],
            "dialect": {"header": True, "delimiter": ",", "quoteChar": '"', "doubleQuote": True,
                        "lineTerminator": "\n"},
            "schema": table_schema(name, columns),
        })
        paths.append(path)
    package = {
        "name": "kjpacts-corpus-csv", "version": __version__,
        "title": "Korea-Japan military pacts (GSOMIA/ACSA) news corpus, 2011-2012: CSV tables",
        "description": "The kjpacts corpus as CSV tables, written by `kjpacts export --format csv`: the clean "
                       "texts, every field of documents.json, the cleaning log, the structure layer, the gold "
                       "annotation layers and the outside-record layer (not the two annotation passes in "
                       "agreement/ nor the documentation, which stay in the corpus folder). "
                       + MULTI_VALUE_RULE + " " + RAW_REBUILD_RULE,
        "licenses": [MIT, PUBLISHERS],
        "resources": resources,
    }
    (out_dir / "datapackage.json").write_bytes(dump_json(package).encode("utf-8"))
    return paths + [out_dir / "datapackage.json"]


def write_annotation_csvs(root: Path, doc_ids: list[str], out_dir: Path) -> list[Path]:
    """Only the annotation tables of the corpus folder ``root`` (``<layer>.csv``), without a package."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (leading, rows) in annotation_tables(Path(root), list(doc_ids)).items():
        if name in REQUIRED_CSV_COLUMNS:
            write_table(out_dir / f"{name}.csv", columns_of(leading, rows), rows)
            paths.append(out_dir / f"{name}.csv")
    return paths
