"""CSV tables: documents, the page-level boilerplate layer and one table per annotation layer."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ..annotations.records import Annotations
from ..corpus.tables import DOCUMENT_COLUMNS, document_rows

if TYPE_CHECKING:
    from ..corpus.load import Corpus

#: The columns each CSV must start with (extra columns may follow).
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

def write_annotation_csvs(ann: Annotations, out_dir: Path) -> list[Path]:
    """Write one UTF-8 CSV per layer (see :data:`REQUIRED_CSV_COLUMNS`); return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for layer in REQUIRED_CSV_COLUMNS:
        path = out_dir / f"{layer}.csv"
        ann.frame(layer).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        paths.append(path)
    return paths




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
