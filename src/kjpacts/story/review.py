"""``kjpacts review STORY_DIR``: accept, fix or reject machine records; reviewed work is kept.

The round trip is a review sheet (CSV, opens in any spreadsheet):

1. ``kjpacts review STORY_DIR --sheet review.csv`` writes one row per record: layer, doc_id,
   id, status, a readable summary, the record as JSON, and an empty ``decision`` column;
2. the reviewer types ``accept``, ``fix`` (after editing the JSON) or ``reject`` in ``decision``;
3. ``kjpacts review STORY_DIR --apply review.csv --reviewer NAME`` records each decision in
   ``review/decisions.json`` with who and when, rewrites the layers and validates the folder.
   If anything fails to validate, nothing is changed.

Without options it prints how many records are ``machine`` and ``reviewed`` per layer.
``--refresh`` rebuilds the clean layer and the machine records after ``documents.json`` was
corrected by hand (``kjpacts new`` never rewrites a document it already has).
In a notebook, :func:`decide` does the same for one record and :func:`with_status` adds the
status columns to a layer's table. The other round trip goes through brat (``--to-brat`` and
``--from-brat``, :mod:`.brat_review`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from kjpacts.corpus.build import build
from kjpacts.corpus.validate import validate
from kjpacts.errors import CorpusError, CorpusErrors
from kjpacts.io import read_json

from .create import finish
from .ledger import (
    LIST_KEY,
    PER_DOC,
    append_decisions,
    latest,
    ledger_path,
    read_decisions,
    record_id,
    record_key,
)
from .preannotate import preannotate

SHEET_COLUMNS = ["layer", "doc_id", "id", "status", "decision", "summary", "record"]
VERBS = {"accept": "accepted", "fix": "fixed", "reject": "rejected"}


@dataclass(frozen=True)
class Choice:
    """One reviewer decision on one record."""

    layer: str
    doc_id: str | None
    record_id: str
    decision: str  # accept | fix | reject
    record: dict | None = None  # the fixed record (fix only)


def _layer_records(root: Path, layer: str) -> dict[str | None, list[dict]]:
    ann = Path(root) / "annotations"
    if layer in PER_DOC:
        return {p.stem: read_json(p, f"annotations/{layer}/{p.name}")[LIST_KEY[layer]]
                for p in sorted((ann / layer).glob("*.json"))}
    return {None: read_json(ann / f"{layer}.json", f"annotations/{layer}.json")[LIST_KEY[layer]]}


def status_rows(root: Path) -> list[dict]:
    """``review/status.json`` rows: layer, doc_id, id, key, status (+ decision, reviewer, reviewed_at)."""
    return read_json(Path(root) / "review" / "status.json", "review/status.json")["records"]


def summary(root: Path) -> str:
    counts: dict[str, dict[str, int]] = {}
    for row in status_rows(root):
        counts.setdefault(row["layer"], {"machine": 0, "reviewed": 0})[row["status"]] += 1
    lines = [f"{'layer':10} {'machine':>8} {'reviewed':>9}"]
    lines += [f"{layer:10} {c['machine']:>8} {c['reviewed']:>9}" for layer, c in counts.items()]
    return "\n".join(lines)


def describe(layer: str, r: dict) -> str:
    """One readable line for a record."""
    if layer == "quotes":
        src = r["source"]["text"] if r["source"] else "(no source)"
        cue = r["cue"]["text"] if r["cue"] else "-"
        return f"{r['kind']}: {src} / {cue} / {r['content']['text'][:80]}"
    if layer == "timex":
        return f"{r['text']} = {r['value']} ({r['type']})"
    if layer == "mentions":
        extra = f" [{r['metonymy']} -> {r['refers_to']}]" if r["metonymy"] else ""
        return f"{r['text']} -> {r['entity_id']}{extra}"
    if layer == "framing":
        return f"{r['category']}: {r['text']} ({r['voice']})"
    if layer == "entities":
        return f"{r['name']} ({r['type']}): {', '.join(r['variants'])}"
    return f"{r['kind']}/{r['status']}: {r['statement'][:80]} ({len(r['occurrences'])} occurrences)"


def write_sheet(root: Path, out: Path) -> int:
    """Write the review sheet; return the number of rows."""
    status = {(r["layer"], r["doc_id"], r["id"]): r["status"] for r in status_rows(root)}
    n = 0
    with Path(out).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, SHEET_COLUMNS)
        w.writeheader()
        for layer in LIST_KEY:
            for doc_id, records in _layer_records(root, layer).items():
                for r in records:
                    w.writerow({"layer": layer, "doc_id": doc_id or "", "id": record_id(layer, r),
                                "status": status.get((layer, doc_id, record_id(layer, r)), "machine"), "decision": "",
                                "summary": describe(layer, r), "record": json.dumps(r, ensure_ascii=False)})
                    n += 1
    return n


def read_sheet(path: Path) -> list[Choice]:
    """The rows of a review sheet that carry a decision; one-line errors name the row."""
    rel = str(path)
    choices = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = set(SHEET_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise CorpusError(rel, "-", f"missing columns {', '.join(sorted(missing))}; write a new sheet with --sheet")
        for i, row in enumerate(reader, 2):
            verb = (row["decision"] or "").strip().lower()
            if not verb:
                continue
            if verb not in VERBS:
                raise CorpusError(rel, f"line {i}.decision", f"unknown decision {verb!r}; use accept, fix or reject")
            record = None
            if verb == "fix":
                try:
                    record = json.loads(row["record"])
                except json.JSONDecodeError as exc:
                    raise CorpusError(rel, f"line {i}.record", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
            choices.append(Choice(row["layer"], row["doc_id"] or None, row["id"], verb, record))
    return choices


def apply(root: Path, choices: list[Choice], reviewer: str, when: str | None = None) -> list[CorpusError]:
    """Record the decisions, rewrite the layers, validate; on any problem restore everything."""
    root = Path(root)
    if not reviewer.strip():
        raise CorpusError("--reviewer", "-", "give the reviewer's name")
    when = when or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    force = latest(read_decisions(root))
    by_record = {(k[0], k[1], record_id(k[0], d["record"])): d for k, d in force.items() if d["record"]}
    new = []
    for c in choices:
        records = _layer_records(root, c.layer).get(c.doc_id)
        if records is None:
            raise CorpusError(f"annotations/{c.layer}", c.doc_id or "-", "no such layer file; check layer and doc_id")
        current = next((r for r in records if record_id(c.layer, r) == c.record_id), None)
        if current is None:
            raise CorpusError(f"annotations/{c.layer}", c.record_id, f"no record {c.record_id!r} in {c.doc_id or c.layer}")
        before = by_record.get((c.layer, c.doc_id, c.record_id))
        key = before["key"] if before else record_key(c.layer, current)
        record = None if c.decision == "reject" else (c.record if c.decision == "fix" else current)
        if record is not None and record_id(c.layer, record) != c.record_id:
            raise CorpusError(f"annotations/{c.layer}", c.record_id, "a fix may not change the record's id")
        new.append({"layer": c.layer, "doc_id": c.doc_id, "key": key, "decision": VERBS[c.decision],
                    "reviewer": reviewer, "reviewed_at": when, "record": record, "note": ""})
    return commit(root, new)


def commit(root: Path, new: list[dict]) -> list[CorpusError]:
    """Append ledger decisions, rewrite the layers and validate; on any problem restore everything."""
    backup = {p: p.read_bytes() for p in _state_files(root)}
    append_decisions(root, new)
    try:
        preannotate(root)
        problems = [p for p in validate(root) if p.file != "datapackage.json"]
    except (CorpusError, CorpusErrors, KeyError, TypeError) as exc:
        problems = exc.problems if isinstance(exc, CorpusErrors) else [exc if isinstance(exc, CorpusError) else
                                                                         CorpusError("review/decisions.json", "-", f"{exc!r}")]
    if problems:
        for p in _state_files(root):
            if p not in backup:
                p.unlink()
        for p, data in backup.items():
            p.write_bytes(data)
        return problems
    finish(root, read_json(root / "story.json", "story.json").get("title"))
    return []


def _state_files(root: Path) -> list[Path]:
    files = list((root / "annotations").rglob("*.json")) + list((root / "review").glob("*.json"))
    return files + [root / "datapackage.json"] if (root / "datapackage.json").is_file() else files


def refresh(root: Path) -> list[CorpusError]:
    """Rebuild the derived files and the machine records after ``documents.json`` was edited by hand
    (a corrected date re-anchors the machine TIMEX values); reviewed records are kept as saved."""

    root = Path(root)
    build(root)
    preannotate(root)
    problems = [p for p in validate(root) if p.file != "datapackage.json"]
    if not problems:
        finish(root, read_json(root / "story.json", "story.json").get("title") if (root / "story.json").is_file() else None)
    return problems


def with_status(corpus, layer: str):
    """``corpus.frame(layer)`` with the review columns ``status``, ``reviewer`` and ``reviewed_at``."""
    import pandas as pd

    frame = corpus.frame(layer)
    rows = [r for r in status_rows(corpus.root) if r["layer"] == layer]
    status = pd.DataFrame(rows, columns=["doc_id", "id", "status", "reviewer", "reviewed_at"])
    if layer in PER_DOC:
        return frame.merge(status, on=["doc_id", "id"], how="left")
    key = "entity_id" if layer == "entities" else "claim_id"
    return frame.merge(status.drop(columns="doc_id").rename(columns={"id": key}), on=key, how="left")


def decide(root: Path, layer: str, doc_id: str | None, record_id: str, decision: str, reviewer: str,
           record: dict | None = None) -> list[CorpusError]:
    """Accept, fix or reject one record (the notebook's way in); returns the problems, if any."""
    return apply(Path(root), [Choice(layer, doc_id, record_id, decision, record)], reviewer)


__all__ = ["Choice", "apply", "commit", "decide", "describe", "ledger_path", "read_sheet", "refresh", "status_rows", "summary",
           "with_status", "write_sheet"]
