"""Outside facts in the lessons: records of the outside-record layer (``corpus/outside/records.json``),
shown with their source, quotation and confidence so that a student sees where each fact comes from.

>>> from kjpacts.teaching.outside import outside_record
>>> outside_record("ox-outlet-ahram-online").confidence
'high'

Works offline: the records ship with the corpus.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from kjpacts.errors import CorpusError
from kjpacts.io import read_json
from kjpacts.paths import corpus_dir
from kjpacts.teaching.html import GREY

REL = "outside/records.json"


@dataclass(frozen=True)
class OutsideRecord:
    id: str
    fact: str
    confidence: str
    outlet: str
    title: str
    url: str
    date: str
    quotation: str
    note: str

    def cite(self) -> str:
        """The form the lessons use in prose: '(outside record ox-..., confidence high)'."""
        return f"(outside record {self.id}, confidence {self.confidence})"


@functools.cache
def _records(root: Path) -> dict[str, OutsideRecord]:
    data = read_json(root / REL, REL)
    out = {}
    for r in data.get("records", []):
        src = r.get("source") or {}
        out[r["id"]] = OutsideRecord(r["id"], r["fact"], r["confidence"], src.get("outlet") or "",
                                     src.get("title") or "", src.get("url") or "", src.get("date") or "",
                                     r.get("quotation") or "", r.get("note") or "")
    return out


def outside_records(root: Path | None = None) -> dict[str, OutsideRecord]:
    """Every record, by id (read once per process and corpus folder)."""
    return _records(Path(root) if root is not None else corpus_dir())


def outside_record(record_id: str, root: Path | None = None) -> OutsideRecord:
    """One record; a clear error naming the id when it is not in the layer."""
    if not isinstance(record_id, str):
        raise TypeError(f"give a record id as text, like 'ox-outlet-ahram-online', not {type(record_id).__name__}")
    records = outside_records(root)
    if record_id not in records:
        near = [r for r in records if record_id.replace("ox-", "") in r][:3]
        raise CorpusError(REL, "id", f"no outside record {record_id!r}" + (f"; did you mean {', '.join(near)}?" if near else ""))
    return records[record_id]


@dataclass(frozen=True)
class RecordsView:
    """Some records as a table: fact, confidence, source (outlet, date, address) and its quotation."""

    records: tuple[OutsideRecord, ...]

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f'<tr><td style="padding:3px 6px;vertical-align:top;white-space:nowrap"><code>{esc(r.id)}</code></td>'
            f'<td style="padding:3px 6px;text-align:left">{esc(r.fact)}</td>'
            f'<td style="padding:3px 6px;vertical-align:top">{esc(r.confidence)}</td>'
            f'<td style="padding:3px 6px;text-align:left">{esc(r.outlet)}{", " + esc(r.date) if r.date else ""}'
            f'<div style="color:{GREY};font-size:85%;word-break:break-all">{esc(r.url)}</div>'
            f'<div style="font-size:90%"><i>“{esc(r.quotation)}”</i></div></td></tr>' for r in self.records)
        head = "".join(f'<th style="text-align:left;padding:3px 6px">{h}</th>'
                       for h in ("record", "outside fact", "confidence", "source and quotation"))
        return (f'<table style="border-collapse:collapse"><caption style="text-align:left">Outside records '
                f'(corpus/outside/records.json)</caption><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>')

    def __repr__(self) -> str:
        return "\n\n".join(f"{r.id} ({r.confidence}): {r.fact}\n  source: {r.outlet}, {r.date or 'no date'}, {r.url}\n"
                           f"  quotation: {r.quotation}" for r in self.records)


def show_records(ids: Sequence[str], root: Path | None = None) -> RecordsView:
    """The records ``ids`` as a table with their sources, in the order given."""
    if isinstance(ids, str):
        ids = [ids]
    return RecordsView(tuple(outside_record(i, root) for i in ids))
