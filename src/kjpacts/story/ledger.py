"""The review ledger: who accepted, fixed or rejected which machine record, and when.

``review/decisions.json`` is append-only: ``{"decisions": [Decision]}``, where a decision is
``{"layer", "doc_id", "key", "decision", "reviewer", "reviewed_at", "record", "note"}``.
``key`` names the machine record reviewed (:func:`record_key`), ``record`` is the record as the
reviewer left it (``null`` for a rejection; ``added`` for one the reviewer made). The last decision on a key wins; earlier ones
stay as history. ``review/status.json`` lists every record in ``annotations/`` with its
status: ``machine`` (nobody has looked) or ``reviewed`` (with decision, reviewer and time).
"""

from __future__ import annotations

from pathlib import Path

from kjpacts.errors import CorpusError
from kjpacts.io import dump_json, read_json

LAYERS = ("entities", "mentions", "quotes", "timex", "claims", "framing")
PER_DOC = ("mentions", "quotes", "timex", "framing")
LIST_KEY = {"mentions": "mentions", "quotes": "quotes", "timex": "timexes", "framing": "framing",
            "entities": "entities", "claims": "claims"}
DECISIONS = ("accepted", "fixed", "rejected", "added")  # added: a record the reviewer made (brat import)


def record_key(layer: str, record: dict) -> str:
    """A record's identity across re-runs: its span (or id for corpus-wide layers)."""
    if layer == "entities":
        return record["entity_id"]
    if layer == "claims":
        return record["claim_id"]
    if layer == "quotes":
        return f"{record['content']['start']}-{record['content']['end']}"
    if layer == "framing":
        return f"{record['start']}-{record['end']}-{record['category']}"
    return f"{record['start']}-{record['end']}"


def ledger_path(root: Path) -> Path:
    return Path(root) / "review" / "decisions.json"


def read_decisions(root: Path) -> list[dict]:
    path = ledger_path(root)
    if not path.is_file():
        return []
    data = read_json(path, "review/decisions.json")
    if not isinstance(data, dict) or not isinstance(data.get("decisions"), list):
        raise CorpusError("review/decisions.json", "decisions", "expected {\"decisions\": [...]}; restore the file")
    for i, d in enumerate(data["decisions"]):
        if not isinstance(d, dict) or d.get("layer") not in LAYERS or d.get("decision") not in DECISIONS:
            raise CorpusError("review/decisions.json", f"decisions[{i}]",
                              f"needs a layer ({', '.join(LAYERS)}) and a decision ({', '.join(DECISIONS)})")
    return data["decisions"]


def latest(decisions: list[dict]) -> dict[tuple[str, str | None, str], dict]:
    """The decision in force for each ``(layer, doc_id, key)``."""
    out: dict[tuple[str, str | None, str], dict] = {}
    for d in decisions:
        out[(d["layer"], d.get("doc_id"), d["key"])] = d
    return out


def append_decisions(root: Path, new: list[dict]) -> None:
    """Add decisions to the ledger (never rewriting earlier ones)."""
    decisions = read_decisions(root) + new
    path = ledger_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_json({"decisions": decisions}), encoding="utf-8")


def write_status(root: Path, layers: dict[str, dict[str | None, list[dict]]]) -> None:
    """``review/status.json``: every record's status, from the final layers and the ledger."""
    force = latest(read_decisions(root))
    by_id = {(d["layer"], d.get("doc_id"), record_id(d["layer"], d["record"])): d
             for d in force.values() if d["record"] is not None}
    rows = []
    for layer, docs in layers.items():
        for doc_id, records in docs.items():
            for r in records:
                d = by_id.get((layer, doc_id, record_id(layer, r)))
                row = {"layer": layer, "doc_id": doc_id, "id": record_id(layer, r), "key": record_key(layer, r),
                       "status": "reviewed" if d else "machine"}
                if d:
                    row.update(decision=d["decision"], reviewer=d["reviewer"], reviewed_at=d["reviewed_at"])
                rows.append(row)
    path = Path(root) / "review" / "status.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_json({"records": rows}), encoding="utf-8")


def record_id(layer: str, record: dict) -> str:
    """The id a record has in its file (``entity_id`` and ``claim_id`` for the corpus-wide layers)."""
    return record["entity_id"] if layer == "entities" else record["claim_id"] if layer == "claims" else record["id"]
