"""Export the corpus as data: CSV tables, brat standoff and W3C Web Annotation."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .corpus import Corpus

DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "raw_sha256", "outlet", "agency", "byline", "headline", "dateline",
    "published", "published_precision", "published_evidence",
    # beyond the contract columns:
    "outlet_id", "photo_agency", "byline_truncated", "byline_position", "standfirst",
    "dateline_as_printed", "published_inferred", "published_confidence", "version_tag",
    "language", "other_dates", "rights", "null_reasons",
]
FORMATS = ("csv", "brat", "w3c")


def document_rows(corpus: "Corpus") -> list[dict]:
    """One flat row per document; lists and dicts become JSON strings."""
    rows = []
    for doc in corpus:
        row = {}
        for col in DOCUMENT_COLUMNS:
            value = doc.meta.get(col)
            if col == "published_evidence":
                value = " | ".join(value or [])
            elif isinstance(value, (list, dict)):
                value = json.dumps(value, ensure_ascii=False)
            row[col] = value
        rows.append(row)
    return rows


def documents_frame(corpus: "Corpus") -> "pd.DataFrame":
    """Document metadata as a DataFrame indexed by ``doc_id``."""
    import pandas as pd

    return pd.DataFrame(document_rows(corpus), columns=DOCUMENT_COLUMNS).set_index("doc_id", drop=False)


def write_documents_csv(corpus: "Corpus", out_dir: Path) -> Path:
    path = out_dir / "documents.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=DOCUMENT_COLUMNS)
        writer.writeheader()
        writer.writerows(document_rows(corpus))
    return path


BOILERPLATE_COLUMNS = ["doc_id", "raw_start", "raw_end", "raw_text", "clean_start", "category", "reason"]


def write_boilerplate_csv(corpus: "Corpus", out_dir: Path) -> Path:
    """The page-level layer: page furniture removed in cleaning, with raw offsets."""
    path = out_dir / "boilerplate.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=BOILERPLATE_COLUMNS)
        writer.writeheader()
        for doc in corpus:
            for e in doc.boilerplate:
                writer.writerow({"doc_id": doc.doc_id, "raw_start": e.raw_start, "raw_end": e.raw_end,
                                 "raw_text": e.raw_text, "clean_start": e.clean_start,
                                 "category": e.category, "reason": e.reason})
    return path


def export(corpus: "Corpus", fmt: str, out_dir: Path, base_uri: str = "urn:kjpacts:") -> list[Path]:
    """Write ``corpus`` to ``out_dir`` in ``fmt`` ('csv', 'brat' or 'w3c'); return the files."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {d.doc_id: d.text for d in corpus}
    from . import formats

    if fmt == "csv":
        return [write_documents_csv(corpus, out_dir), write_boilerplate_csv(corpus, out_dir),
                *formats.write_annotation_csvs(corpus.annotations, out_dir)]
    if fmt == "brat":
        return formats.write_brat(corpus.annotations, texts, out_dir)
    return formats.write_w3c(corpus.annotations, texts, out_dir, base_uri)
