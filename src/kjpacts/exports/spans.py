"""The spans every export writes: one list per document, with labels, attributes and links.

Offsets are into the clean text. brat and W3C use the same labels (:data:`LABELS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..annotations.records import Annotations
from ..annotations.vocabulary import ENTITY_TYPES, FRAMING_CATEGORIES

SpanTuple = tuple[str, int, int, str]

# Span labels (brat entity types; W3C tagging values).
MENTION_LABELS = {t: f"Mention_{t}" for t in ENTITY_TYPES}
QUOTE_LABELS = {"content": "Quote_content", "cue": "Quote_cue", "source": "Quote_source"}
FRAMING_LABELS = {c: "Framing_" + c.replace("-", "_") for c in FRAMING_CATEGORIES}
TIMEX_LABEL, CLAIM_LABEL = "Timex", "Claim"
LABELS = [*MENTION_LABELS.values(), *QUOTE_LABELS.values(), TIMEX_LABEL, *FRAMING_LABELS.values(), CLAIM_LABEL]
INDEPENDENCE = {True: "independent", False: "echo", None: "first", "tension": "in_tension"}


def independence(independent: bool | None, reason: str) -> str:
    """The Independence label: ``null`` is the first occurrence, or one "In tension" with the claim."""
    if independent is None and reason.startswith("In tension"):
        return INDEPENDENCE["tension"]
    return INDEPENDENCE[independent]


@dataclass
class ExportSpan:
    """One span to export, with what brat and W3C need to describe it."""

    key: str  # unique in the document, e.g. "quotes/q2/content"
    label: str
    start: int
    end: int
    text: str
    layer: str
    fields: dict[str, Any]  # the record's other fields (notes, W3C body)
    attributes: list[tuple[str, str | None]] = field(default_factory=list)  # brat (name, value|None)
    links: list[tuple[str, str]] = field(default_factory=list)  # (relation, key of the target span)


def _fields(record: Any, drop: tuple[str, ...] = ("doc_id", "start", "end", "text")) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in drop}


def export_spans(ann: Annotations) -> dict[str, list[ExportSpan]]:
    """Every span of every layer, per document, in document order."""
    out: dict[str, list[ExportSpan]] = {doc: [] for doc in ann.doc_ids}
    for doc in ann.doc_ids:
        for m in [*ann.mentions.get(doc, []), *ann.nominal_mentions.get(doc, [])]:
            label = MENTION_LABELS[ann.entities[m.entity_id].type]
            attrs = [("Metonymy", m.metonymy)] if m.metonymy else []
            if m.form == "nominal":
                attrs.append(("Nominal", None))
            out[doc].append(ExportSpan(f"mentions/{m.id}", label, m.start, m.end, m.text, "mentions", _fields(m), attrs))
        for q in ann.quotes.get(doc, []):
            info = _fields(q, ("doc_id", "content", "cue", "source"))
            content = ExportSpan(f"quotes/{q.id}/content", QUOTE_LABELS["content"], q.content.start, q.content.end,
                                 q.content.text, "quotes", {**info, "role": "content"}, [("Quote_kind", q.kind)])
            if q.unattributed:
                content.attributes.append(("Unattributed", None))
            out[doc].append(content)
            for role, span in (("cue", q.cue), ("source", q.source)):
                if span is None:
                    continue
                attrs = []
                if role == "source":
                    attrs = [("Speaker_type", q.speaker_type)] + ([("Named", None)] if q.named else [])
                out[doc].append(ExportSpan(f"quotes/{q.id}/{role}", QUOTE_LABELS[role], span.start, span.end, span.text,
                                           "quotes", {"id": q.id, "role": role}, attrs,
                                           [(f"{role.capitalize()}_of", content.key)]))
        for t in ann.timexes.get(doc, []):
            attrs = [("Timex_type", t.type)] + ([("Timex_mod", t.mod)] if t.mod else [])
            out[doc].append(ExportSpan(f"timex/{t.id}", TIMEX_LABEL, t.start, t.end, t.text, "timex", _fields(t), attrs))
        for f in ann.framing.get(doc, []):
            out[doc].append(ExportSpan(f"framing/{f.id}", FRAMING_LABELS[f.category], f.start, f.end, f.text, "framing",
                                       _fields(f), [("Voice", f.voice)]))
    for c in ann.claims:
        for o in c.occurrences:
            info = {"claim_id": c.claim_id, "statement": c.statement, "kind": c.kind, **_fields(o, ("claim_id", "doc_id", "start", "end", "text"))}
            out[o.doc_id].append(ExportSpan(f"claims/{c.claim_id}/{o.id}", CLAIM_LABEL, o.start, o.end, o.text, "claims", info,
                                            [("Claim_status", c.status), ("Independence", independence(o.independent, o.reason))]))
    for spans in out.values():
        spans.sort(key=lambda s: (s.start, s.end))
    return out
