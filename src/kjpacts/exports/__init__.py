"""Export the corpus as data: CSV tables, brat standoff and W3C Web Annotation.

Every format is written from the same spans (:mod:`kjpacts.exports.spans`); each has
its own module with a writer and a reader.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import brat, csv, w3c

if TYPE_CHECKING:
    from ..corpus.load import Corpus

FORMATS = ("csv", "brat", "w3c")


def export(corpus: "Corpus", fmt: str, out_dir: Path, base_uri: str = "urn:kjpacts:") -> list[Path]:
    """Write ``corpus`` to ``out_dir`` in ``fmt`` ('csv', 'brat' or 'w3c'); return the files."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {d.doc_id: d.text for d in corpus}
    if fmt == "csv":
        _ = corpus.annotations  # raises CorpusErrors: a corpus whose layers do not validate is not exported
        return csv.export_csv(corpus, out_dir)
    if fmt == "brat":
        return brat.write_brat(corpus.annotations, texts, out_dir)
    return w3c.write_w3c(corpus.annotations, texts, out_dir, base_uri, {d.doc_id: d for d in corpus})
