"""Machine pre-annotation of a story folder, merged with the reviewer's decisions.

Every layer the lessons use is written to ``annotations/`` in the shipped format:
mentions and entities (:mod:`.mentions`), quotes (:mod:`.attribution`), timex (:mod:`.timex`),
claims (:mod:`.claims`) and framing (:mod:`.framing`). A record a person accepted or fixed
(``review/decisions.json``) is written exactly as they left it, with its id; a machine record
they rejected is not proposed again; only records nobody reviewed are regenerated. So
re-running never overwrites reviewed work. ``review/status.json`` gives each record's status.
"""

from __future__ import annotations

import re
import sys

from pathlib import Path

from kjpacts.annotations.schemas import load_schema, schema_for, schema_problems
from kjpacts.corpus.files import load_documents_json
from kjpacts.corpus.load import load_document
from kjpacts.corpus.model import Document
from kjpacts.io import dump_json
from kjpacts.nlp.tokens import sentences as kit_sentences

from .attribution import find_attributions
from .claims import find_claims
from .furniture import SENTENCE_END, wrapped
from .framing import find_framing
from .ledger import LIST_KEY, PER_DOC, latest, read_decisions, record_key, write_status
from .mentions import entity_record, find_mentions
from .timex import find_timexes, link_anchors

PREFIX = {"mentions": "m", "quotes": "q", "timex": "t", "framing": "f"}


def _segment(doc: Document, kind: str) -> tuple[int, int] | None:
    seg = next((s for s in doc.segments if s.kind == kind), None)
    return (seg.start, seg.end) if seg else None


def _sort_key(layer: str, r: dict) -> tuple:
    if layer == "quotes":
        return (r["content"]["start"], r["content"]["end"])
    return (r["start"], r["end"])


def merge(layer: str, doc_id: str | None, machine: list[dict], force: dict) -> list[dict]:
    """Reviewed records as saved, then machine records nobody decided on, with fresh ids."""
    decided = {k: d for k, d in force.items() if k[0] == layer and k[1] == doc_id}
    kept = [d["record"] for d in decided.values() if d["decision"] in ("accepted", "fixed", "added") and d["record"]]
    keys = {k[2] for k in decided}
    keys |= {record_key(layer, r) for r in kept}
    fresh = [r for r in machine if record_key(layer, r) not in keys]
    if layer in PER_DOC:
        used = {r["id"] for r in kept}
        n = 0
        for r in sorted(fresh, key=lambda r: _sort_key(layer, r)):
            n += 1
            while f"{PREFIX[layer]}{n}" in used:
                n += 1
            r["id"] = f"{PREFIX[layer]}{n}"
        return sorted(kept + fresh, key=lambda r: _sort_key(layer, r))
    id_key = "entity_id" if layer == "entities" else "claim_id"
    kept_ids = {r[id_key] for r in kept}
    return sorted(kept + [r for r in fresh if r[id_key] not in kept_ids], key=lambda r: r[id_key])


def _order(layer: str, r: dict) -> dict:
    fields = {"mentions": ["id", "start", "end", "text", "entity_id", "metonymy", "refers_to", "form"],
              "timex": ["id", "start", "end", "text", "type", "value", "mod", "anchor", "function", "note"],
              "quotes": ["id", "kind", "content", "cue", "source", "speaker", "speaker_entity", "source_group",
                         "speaker_type", "named", "anonymity_reason", "country", "unattributed", "note"],
              "framing": ["id", "start", "end", "text", "category", "note", "voice", "quote_id"]}[layer]
    return {k: r[k] for k in fields} | {k: v for k, v in r.items() if k not in fields and k in ("note",)}


def machine_mentions(docs: list[Document]) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Mentions per document and the entity registry they need (variants merged by key)."""
    registry: dict[str, dict] = {}
    by_key: dict[str, str] = {}
    out: dict[str, list[dict]] = {}
    for doc in docs:
        recs = []
        for m in find_mentions(doc.text, _segment(doc, "dateline")):
            entity_id = by_key.get(m["key"])
            if entity_id is None:
                ent = entity_record(m["key"], m["name"], m["type"])
                entity_id = ent["entity_id"]
                while entity_id in registry and registry[entity_id]["type"] != ent["type"]:
                    entity_id = f"{entity_id}-{m['type'][:3]}"
                ent["entity_id"] = entity_id
                registry.setdefault(entity_id, ent)
                by_key[m["key"]] = entity_id
            registry[entity_id]["variants"] = list(dict.fromkeys(registry[entity_id]["variants"] + [m["text"]]))
            recs.append({"start": m["start"], "end": m["end"], "text": m["text"], "entity_id": entity_id,
                         "metonymy": m["metonymy"], "refers_to": m["refers_to"],
                         "form": "named"})  # the rules find names; nominal mentions are a reviewer's job
            if m["refers_to"] and m["refers_to"] not in registry:
                registry[m["refers_to"]] = entity_record(m["refers_to"], m["refers_to"], "country")
        out[doc.doc_id] = recs
    return out, registry


def body_sentences(doc: Document) -> list[tuple[int, int]]:
    """The kit's sentences (structure, then Punkt), with a leading dateline cut off."""
    dateline = _segment(doc, "dateline")
    out = []
    for s in kit_sentences(doc):
        start = s.start
        if dateline and start == dateline[0]:
            start = dateline[1]
            while start < s.end and doc.text[start] == " ":
                start += 1
        out += _unglue(doc.text, start, s.end)
    return _join_wrapped(doc.text, out)


def _join_wrapped(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """On a page hard-wrapped at a fixed width (:func:`.furniture.wrapped`), each line is a paragraph of its own
    in the clean text: a sentence that stops with no sentence end goes on in the next one."""
    if not wrapped([ln for ln in text.split("\n") if ln.strip()]):
        return spans
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and not text[out[-1][1]:s].strip() and not SENTENCE_END.search(text[out[-1][0]:out[-1][1]].rstrip()):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def attributions(text: str, sentences: list[tuple[int, int]], dateline: tuple[int, int] | None = None) -> list[dict]:
    """:func:`.attribution.find_attributions`, with the dateline read as blank (it is never a source or a speaker's
    label: "SEOUL: South Korea said") and a hard-wrapped page's line breaks inside a sentence read as spaces, so
    that a quotation or a source broken over lines is found. Offsets are unchanged; each span's text is taken
    again from ``text``."""
    flat = list(text)
    if dateline:
        flat[dateline[0]:dateline[1]] = " " * (dateline[1] - dateline[0])
    if wrapped([ln for ln in text.split("\n") if ln.strip()]):
        for s, e in sentences:
            for i in range(s, e):
                if flat[i] == "\n":
                    flat[i] = " "
    records = find_attributions("".join(flat), sentences)
    for r in records:
        for part in ("content", "cue", "source"):
            if r.get(part):
                r[part]["text"] = text[r[part]["start"]:r[part]["end"]]
    return records


#: Paragraphs a page glued with no space ("at the Pentagon.Dunford said"): a full stop after a lower-case
#: word and a capitalised word right after it (not "U.S.Army" or "p.m.").
_GLUED = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])|(?<=[a-z]{2}[.!?][\"\u201d])(?=[A-Z][a-z])")


def _unglue(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence ``text[start:end]`` split where two sentences were glued with no space."""
    cuts = [m.start() for m in _GLUED.finditer(text, start, end)]
    bounds = [start] + cuts + [end]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _schema_safe(layer: str, doc_id: str, records: list[dict], force: dict) -> list[dict]:
    """The records, less any machine record its layer's schema rejects (a rule's slip must not stop the
    whole story): each one dropped is named on stderr. Reviewed records are never dropped; `kjpacts
    validate` reports theirs."""
    rel = f"annotations/{layer}/{doc_id}.json"
    schema = load_schema(schema_for(rel))
    reviewed = {k[2] for k in force if k[0] == layer and k[1] == doc_id}
    kept = []
    for r in records:
        problems = schema_problems({"doc_id": doc_id, LIST_KEY[layer]: [_order(layer, r)]}, schema, rel)
        if problems and record_key(layer, r) not in reviewed:
            print(f"warning: {rel}: machine record {r.get('id')} ({r.get('text', '')!r}) dropped: {problems[0].field}: "
                  f"{problems[0].message}; please report it", file=sys.stderr)
            continue
        kept.append(r)
    return kept


def preannotate(root: Path) -> dict[str, int]:
    """(Re)write ``annotations/`` for the story folder ``root``; return record counts per layer."""
    root = Path(root)
    docs = [load_document(root, meta) for meta in load_documents_json(root)]
    docs.sort(key=lambda d: d.doc_id)
    force = latest(read_decisions(root))
    sents = {d.doc_id: body_sentences(d) for d in docs}
    final: dict[str, dict[str | None, list[dict]]] = {layer: {} for layer in LIST_KEY}

    mentions, registry = machine_mentions(docs)
    for doc in docs:
        final["mentions"][doc.doc_id] = merge("mentions", doc.doc_id, mentions[doc.doc_id], force)
        published, precision = doc.meta["published"], doc.meta["published_precision"]
        final["timex"][doc.doc_id] = link_anchors(merge("timex", doc.doc_id, find_timexes(doc.text, published, precision), force))
        final["quotes"][doc.doc_id] = merge("quotes", doc.doc_id, attributions(doc.text, sents[doc.doc_id],
                                                                           _segment(doc, "dateline")), force)
        final["framing"][doc.doc_id] = merge("framing", doc.doc_id, find_framing(doc.text, _segment(doc, "headline"),
                                                                                 final["quotes"][doc.doc_id]), force)
    entities = merge("entities", None, list(registry.values()), force)
    known = {e["entity_id"]: e for e in entities}
    for doc_id, recs in final["mentions"].items():  # reviewed mentions may name entities or variants of their own
        for m in recs:
            for eid, text in ((m["entity_id"], m["text"]), (m["refers_to"], None)):
                if eid is None:
                    continue
                if eid not in known:
                    known[eid] = entity_record(eid, text or eid, "organisation") | {"entity_id": eid}
                    entities.append(known[eid])
                if text and text not in known[eid]["variants"]:
                    known[eid]["variants"].append(text)
    final["entities"][None] = sorted(entities, key=lambda e: e["entity_id"])
    final["claims"][None] = merge("claims", None, find_claims(docs, sents, final["quotes"]), force)

    ann = root / "annotations"
    for layer in PER_DOC:
        (ann / layer).mkdir(parents=True, exist_ok=True)
        for doc in docs:
            final[layer][doc.doc_id] = _schema_safe(layer, doc.doc_id, final[layer][doc.doc_id], force)
            records = [_order(layer, r) for r in final[layer][doc.doc_id]]
            (ann / layer / f"{doc.doc_id}.json").write_text(
                dump_json({"doc_id": doc.doc_id, LIST_KEY[layer]: records}), encoding="utf-8")
    (ann / "entities.json").write_text(dump_json({"entities": final["entities"][None]}), encoding="utf-8")
    (ann / "claims.json").write_text(dump_json({"claims": final["claims"][None]}), encoding="utf-8")
    write_status(root, final)
    return {layer: sum(len(v) for v in docs_.values()) for layer, docs_ in final.items()}


__all__ = ["attributions", "body_sentences", "merge", "preannotate"]
