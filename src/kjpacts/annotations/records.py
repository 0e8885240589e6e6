"""The six annotation layers as typed records, and each layer as a table.

Files and fields are described in ``corpus/annotations/FORMAT.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

@dataclass(frozen=True)
class Span:
    """``clean[start:end] == text``."""

    start: int
    end: int
    text: str


class _Spanned:
    """Mixin: records with flat ``start``/``end``/``text`` fields."""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Entity:
    """An entry of the corpus-wide registry ``entities.json``."""

    entity_id: str
    name: str
    type: str
    variants: tuple[str, ...]
    country: str | None
    description: str


@dataclass(frozen=True)
class Mention(_Spanned):
    """A place where a document names an entity (``form`` 'named'), or refers to one specific
    person of the registry by a description (``form`` 'nominal': "his Japanese counterpart")."""

    doc_id: str
    id: str
    start: int
    end: int
    text: str
    entity_id: str
    metonymy: str | None
    refers_to: str | None
    form: str = "named"
    note: str | None = None


@dataclass(frozen=True)
class Quote:
    """An attribution: content, cue and source spans (PARC 3.0) and who speaks."""

    doc_id: str
    id: str
    kind: str
    content: Span
    cue: Span | None
    source: Span | None
    speaker: str
    speaker_entity: str | None
    source_group: str
    speaker_type: str
    named: bool
    anonymity_reason: str | None
    country: str | None
    unattributed: bool
    note: str


@dataclass(frozen=True)
class Timex(_Spanned):
    """A TIMEX3 temporal expression and its normalised value."""

    doc_id: str
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    anchor: str
    function: str | None
    note: str


@dataclass(frozen=True)
class Outcome:
    """What became of a prediction, from the outside-record layer (``outside/records.json``)."""

    what_happened: str
    confidence: str
    sources: tuple[str, ...]  # outside-record ids

    @property
    def source(self) -> str:
        """The sources as one citation: ``corpus/outside/records.json: <id>; <id>``."""
        return "corpus/outside/records.json: " + "; ".join(self.sources)


@dataclass(frozen=True)
class ClaimOccurrence(_Spanned):
    """Where one document makes a claim, and whether it is independent."""

    claim_id: str
    id: str
    doc_id: str
    start: int
    end: int
    text: str
    attributed_to: str
    quote_id: str | None
    independent: bool | None
    reason: str


@dataclass(frozen=True)
class Claim:
    """A corpus-wide claim with its occurrences."""

    claim_id: str
    statement: str
    kind: str
    status: str
    outcome: Outcome | None
    occurrences: tuple[ClaimOccurrence, ...]


@dataclass(frozen=True)
class Framing(_Spanned):
    """A word-choice or framing span, in a given voice."""

    doc_id: str
    id: str
    start: int
    end: int
    text: str
    category: str
    note: str
    voice: str
    quote_id: str | None


# Columns of each table: the required CSV columns first, then extras.
COLUMNS: dict[str, list[str]] = {
    "entities": ["entity_id", "name", "type", "country", "variants", "description"],
    "mentions": ["doc_id", "start", "end", "text", "entity_id", "metonymy", "id", "refers_to", "form"],
    "nominal_mentions": ["doc_id", "start", "end", "text", "entity_id", "id", "form", "note"],
    "quotes": ["doc_id", "start", "end", "text", "kind", "cue", "source_text", "speaker", "speaker_type",
               "named", "anonymity_reason", "country", "id", "cue_start", "cue_end", "source_start",
               "source_end", "speaker_entity", "source_group", "unattributed", "note"],
    "timex": ["doc_id", "start", "end", "text", "type", "value", "anchor", "id", "mod", "function", "note"],
    "claims": ["claim_id", "statement", "status", "kind", "occurrences", "documents",
               "outcome", "outcome_confidence", "outcome_sources"],
    "claim_occurrences": ["claim_id", "doc_id", "start", "end", "text", "attributed_to", "independent",
                          "id", "quote_id", "reason"],
    "framing": ["doc_id", "start", "end", "text", "category", "voice", "id", "quote_id", "note"],
}


@dataclass
class Annotations:
    """All layers of a corpus. Per-document layers have a (maybe empty) list for every document."""

    doc_ids: tuple[str, ...]
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)  # named mentions (form 'named')
    nominal_mentions: dict[str, list[Mention]] = field(default_factory=dict)  # descriptions of a person
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    timexes: dict[str, list[Timex]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    framing: dict[str, list[Framing]] = field(default_factory=dict)
    present: frozenset[str] = frozenset()  # layers that have files

    def quote(self, doc_id: str, quote_id: str) -> Quote:
        """The quote ``quote_id`` of document ``doc_id``."""
        return next(q for q in self.quotes[doc_id] if q.id == quote_id)

    def occurrences(self) -> list[ClaimOccurrence]:
        """Every claim occurrence, claim by claim."""
        return [o for c in self.claims for o in c.occurrences]

    def frame(self, layer: str) -> pd.DataFrame:
        """One layer as a table; columns as in :data:`COLUMNS` (offsets into the clean text)."""
        if layer not in COLUMNS:
            raise KeyError(f"unknown layer {layer!r}; use one of: {', '.join(COLUMNS)}")
        import pandas as pd

        frame = pd.DataFrame(_rows(self, layer), columns=COLUMNS[layer])
        for col in ("start", "end", "cue_start", "cue_end", "source_start", "source_end", "occurrences", "documents"):
            if col in frame:
                frame[col] = frame[col].astype("Int64")  # integers that may be missing
        return frame


def _per_doc(layer: dict[str, list]) -> list:
    return [r for doc_records in layer.values() for r in doc_records]


def _quote_row(q: Quote) -> dict:
    row = {k: v for k, v in asdict(q).items() if k not in ("content", "cue", "source")}
    row.update(start=q.content.start, end=q.content.end, text=q.content.text,
               cue=q.cue.text if q.cue else None, cue_start=q.cue.start if q.cue else None,
               cue_end=q.cue.end if q.cue else None, source_text=q.source.text if q.source else None,
               source_start=q.source.start if q.source else None, source_end=q.source.end if q.source else None)
    return row


def _rows(ann: Annotations, layer: str) -> list[dict]:
    if layer == "entities":
        return [dict(asdict(e), variants="|".join(e.variants)) for e in ann.entities.values()]
    if layer == "quotes":
        return [_quote_row(q) for q in _per_doc(ann.quotes)]
    if layer == "claims":
        return [{"claim_id": c.claim_id, "statement": c.statement, "status": c.status, "kind": c.kind,
                 "occurrences": len(c.occurrences),
                 "documents": len({o.doc_id for o in c.occurrences}),
                 "outcome": c.outcome.what_happened if c.outcome else None,
                 "outcome_confidence": c.outcome.confidence if c.outcome else None,
                 "outcome_sources": "|".join(c.outcome.sources) if c.outcome else None} for c in ann.claims]
    if layer == "claim_occurrences":
        return [asdict(o) for o in ann.occurrences()]
    source = {"mentions": ann.mentions, "nominal_mentions": ann.nominal_mentions, "timex": ann.timexes,
              "framing": ann.framing}[layer]
    return [asdict(r) for r in _per_doc(source)]
