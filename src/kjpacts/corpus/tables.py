"""Document metadata as flat rows and a pandas table (``Corpus.frame()``)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .load import Corpus

DOCUMENT_COLUMNS = [
    "doc_id", "source_file", "raw_sha256", "outlet", "agency", "byline", "headline", "dateline",
    "published", "published_precision", "published_evidence",
    # beyond the contract columns:
    "outlet_id", "photo_agency", "byline_truncated", "byline_position", "standfirst",
    "dateline_as_printed", "published_inferred", "published_confidence", "version_tag",
    "language", "other_dates", "rights", "null_reasons",
    "source_url",  # from provenance: the page's address, recovered later
]


def document_rows(corpus: "Corpus") -> list[dict]:
    """One flat row per document; lists and dicts become JSON strings."""
    rows = []
    for doc in corpus:
        row = {}
        for col in DOCUMENT_COLUMNS:
            value = doc.meta.get(col)
            if col == "source_url":
                value = (doc.meta.get("provenance") or {}).get("source_url")
            elif col == "published_evidence":
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
