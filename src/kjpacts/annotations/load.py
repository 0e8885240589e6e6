"""Load the annotation layers all-or-nothing.

:func:`load_annotations` checks everything first (see :mod:`kjpacts.annotations.checks`)
and raises one ``CorpusErrors`` listing every problem, so nothing loads half-way.

Absent layers: a layer whose folder (or corpus-wide file) does not exist, or
whose folder holds no ``.json`` file, is empty. Once a layer folder holds one
file, every document needs one (``{"doc_id": ..., "<list>": []}`` when there is
nothing to annotate).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import CorpusError, CorpusErrors
from .checks import check_annotations
from .records import (
    Annotations,
    Claim,
    ClaimOccurrence,
    Entity,
    Framing,
    Mention,
    Outcome,
    Quote,
    Span,
    Timex,
)


def _span(d: dict | None) -> Span | None:
    return None if d is None else Span(d["start"], d["end"], d["text"])


def _build(raw: dict[str, dict[str, list[dict]]], doc_ids: tuple[str, ...], present: set[str]) -> Annotations:
    """Turn checked JSON records into dataclasses (only called on valid data)."""
    ann = Annotations(doc_ids=doc_ids, present=frozenset(present))
    for e in raw["entities"].get("", []):
        ann.entities[e["entity_id"]] = Entity(**{**e, "variants": tuple(e["variants"])})
    for doc in doc_ids:
        mentions = [Mention(doc_id=doc, **m) for m in raw["mentions"].get(doc, [])]
        ann.mentions[doc] = [m for m in mentions if m.form == "named"]
        ann.nominal_mentions[doc] = [m for m in mentions if m.form == "nominal"]
        ann.quotes[doc] = [Quote(doc_id=doc, **{**q, "content": _span(q["content"]), "cue": _span(q["cue"]),
                                                 "source": _span(q["source"])}) for q in raw["quotes"].get(doc, [])]
        ann.timexes[doc] = [Timex(doc_id=doc, **t) for t in raw["timex"].get(doc, [])]
        ann.framing[doc] = [Framing(doc_id=doc, **f) for f in raw["framing"].get(doc, [])]
    for c in raw["claims"].get("", []):
        occ = tuple(ClaimOccurrence(claim_id=c["claim_id"], **o) for o in c["occurrences"])
        outcome = Outcome(**{**c["outcome"], "sources": tuple(c["outcome"]["sources"])}) if c["outcome"] else None
        ann.claims.append(Claim(c["claim_id"], c["statement"], c["kind"], c["status"], outcome, occ))
    return ann


def validate_annotations(corpus_dir: Path, texts: dict[str, str]) -> list[CorpusError]:
    """Every problem in ``corpus_dir/annotations`` (empty list when all is well)."""
    return check_annotations(Path(corpus_dir), texts)[0]


def load_annotations(corpus_dir: Path, texts: dict[str, str]) -> Annotations:
    """Check and load every layer; raise ``CorpusErrors`` listing all problems."""
    problems, raw, present = check_annotations(Path(corpus_dir), texts, trust_datapackage=True)
    if problems:
        raise CorpusErrors(problems)
    return _build(raw, tuple(texts), present)
