"""The spans an export must carry, read straight from the annotation JSON files.

A second implementation, on purpose: it shares no code with ``kjpacts.exports`` or
``kjpacts.annotations``, so a writer that drops a layer, a record or a role cannot
agree with it by accident. Labels follow ``corpus/annotations/FORMAT.md``.
"""

from __future__ import annotations

import json
from pathlib import Path

SpanTuple = tuple[str, int, int, str]


def _read(path: Path) -> dict:
    return json.loads(path.read_bytes().decode("utf-8"))


def gold_spans(corpus_dir: Path) -> dict[str, list[SpanTuple]]:
    """``{doc_id: sorted [(label, start, end, text)]}`` of every span layer in ``corpus_dir``."""
    root = Path(corpus_dir) / "annotations"
    doc_ids = [d["doc_id"] for d in _read(Path(corpus_dir) / "documents.json")["documents"]]
    out: dict[str, list[SpanTuple]] = {d: [] for d in doc_ids}
    types = {}
    if (root / "entities.json").is_file():
        types = {e["entity_id"]: e["type"] for e in _read(root / "entities.json")["entities"]}
    for doc in doc_ids:
        if (root / "mentions" / f"{doc}.json").is_file():
            for m in _read(root / "mentions" / f"{doc}.json")["mentions"]:
                out[doc].append((f"Mention_{types[m['entity_id']]}", m["start"], m["end"], m["text"]))
        if (root / "quotes" / f"{doc}.json").is_file():
            for q in _read(root / "quotes" / f"{doc}.json")["quotes"]:
                for role in ("content", "cue", "source"):
                    if q[role] is not None:
                        out[doc].append((f"Quote_{role}", q[role]["start"], q[role]["end"], q[role]["text"]))
        if (root / "timex" / f"{doc}.json").is_file():
            for t in _read(root / "timex" / f"{doc}.json")["timexes"]:
                out[doc].append(("Timex", t["start"], t["end"], t["text"]))
        if (root / "framing" / f"{doc}.json").is_file():
            for f in _read(root / "framing" / f"{doc}.json")["framing"]:
                out[doc].append(("Framing_" + f["category"].replace("-", "_"), f["start"], f["end"], f["text"]))
    if (root / "claims.json").is_file():
        for c in _read(root / "claims.json")["claims"]:
            for o in c["occurrences"]:
                out[o["doc_id"]].append(("Claim", o["start"], o["end"], o["text"]))
    return {doc: sorted(spans) for doc, spans in out.items()}


def gold_counts(corpus_dir: Path) -> dict[str, int]:
    """How many spans of each layer family the JSON holds (Mention, Quote, Timex, Framing, Claim)."""
    counts: dict[str, int] = {}
    for spans in gold_spans(corpus_dir).values():
        for label, *_ in spans:
            family = label.split("_")[0]
            counts[family] = counts.get(family, 0) + 1
    return counts
