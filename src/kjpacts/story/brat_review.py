"""Review through brat: export a story's records, edit the ``.ann`` files in brat (or by hand), import.

1. ``kjpacts review STORY_DIR --to-brat DIR`` writes the brat export (:mod:`kjpacts.exports.brat`)
   and ``DIR/kjpacts-review.json``, which records what each ``.ann`` was when exported.
2. The reviewer edits ``DIR/<doc_id>.ann``: moves a span's ends, changes a TIMEX value
   (normalisation ``TIMEX3:...``), an entity (``kjpacts_entities:...``) or an attribute, deletes a
   record's span, or adds a span.
3. ``kjpacts review STORY_DIR --from-brat DIR --reviewer NAME`` reads every ``.ann`` changed since
   the export (``--accept-unchanged``: the unchanged ones too). In a file read, the ``.ann`` is the
   reviewer's word on that document: a record left as it was is ``accepted``, one changed is
   ``fixed``, one whose span is gone is ``rejected`` (removed), and a new span is ``added``. Every
   decision goes to the ledger with who and when (:mod:`.ledger`), so re-running ``kjpacts new`` or
   the pre-annotator never overwrites it. If anything fails to validate, nothing is changed.

Mentions, TIMEX, framing and quotes (content, cue, source) are imported; claim spans are not (claims
are corpus-wide: review them with the sheet). A record is matched by the ``id=`` of its note.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from pathlib import Path

from kjpacts.corpus.load import load
from kjpacts.errors import CorpusError
from kjpacts.exports import brat
from kjpacts.exports.spans import FRAMING_LABELS, MENTION_LABELS, QUOTE_LABELS, TIMEX_LABEL
from kjpacts.io import dump_json, read_json, sha256_bytes

from .ledger import LIST_KEY, PER_DOC, latest, read_decisions, record_id, record_key
from .review import commit

MANIFEST = "kjpacts-review.json"
LAYER_OF = {**{v: "mentions" for v in MENTION_LABELS.values()}, **{v: "framing" for v in FRAMING_LABELS.values()},
            TIMEX_LABEL: "timex", QUOTE_LABELS["content"]: "quotes"}
CATEGORY_OF = {v: k for k, v in FRAMING_LABELS.items()}
PREFIX = {"mentions": "m", "quotes": "q", "timex": "t", "framing": "f"}
ADDED_NOTE = "added by the reviewer in brat"


def _export_ann(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    """``(doc_id -> .ann text, doc_id -> clean text)`` of the story as it is now."""

    corpus = load(root)
    texts = {d.doc_id: d.text for d in corpus}
    spans = brat.export_spans(corpus.annotations)
    return {doc: brat.brat_ann(s, texts[doc], corpus.annotations.entities) for doc, s in spans.items()}, texts


def to_brat(root: Path, out: Path) -> list[Path]:
    """Write the brat export of the story and the manifest; return the paths written."""

    root, out = Path(root), Path(out)
    corpus = load(root)
    paths = brat.write_brat(corpus.annotations, {d.doc_id: d.text for d in corpus}, out)
    anns = {p.stem: sha256_bytes(p.read_bytes()) for p in paths if p.suffix == ".ann"}
    (out / MANIFEST).write_text(dump_json({"story": str(root.resolve()), "ann_sha256": anns}), encoding="utf-8")
    return paths + [out / MANIFEST]


def _note_field(note: str, name: str) -> str | None:
    m = re.search(rf"(?:^|; ){name}=([^;]*)", note)
    return m.group(1).strip() if m else None


def _span(text: str, s: brat.AnnSpan) -> dict:
    return {"start": s.start, "end": s.end, "text": text[s.start:s.end]}


def _single(layer: str, old: dict | None, s: brat.AnnSpan, text: str, path: Path) -> dict:
    """A mention, TIMEX or framing record as the span ``s`` now says (``old``: the record it was)."""
    r = copy.deepcopy(old) if old else {}
    r.update(_span(text, s))
    where = f"line {s.line}"
    if layer == "timex":
        value = s.references.get(brat.TIMEX_DB, (old or {}).get("value") or _note_field(s.note, "value"))
        if not value:
            raise CorpusError(path, where, "a new Timex needs its value: add a normalisation TIMEX3:<value> (or a note value=...)")
        r.update(value=value, type=s.attributes.get("Timex_type") or r.get("type") or "DATE",
                 mod=s.attributes.get("Timex_mod"))
        if not old:
            r.update(anchor=None, function=None, note=ADDED_NOTE)
    elif layer == "mentions":
        entity = s.references.get(brat.ENTITY_DB, (old or {}).get("entity_id"))
        if not entity:
            raise CorpusError(path, where, "a new mention needs its entity: add a normalisation kjpacts_entities:<entity_id>")
        metonymy = s.attributes.get("Metonymy")
        r.update(entity_id=entity, metonymy=metonymy, form="nominal" if "Nominal" in s.attributes else "named",
                 refers_to=(r.get("refers_to") or _note_field(s.note, "refers_to")) if metonymy else None)
    else:
        r.update(category=CATEGORY_OF[s.label], voice=s.attributes.get("Voice") or r.get("voice") or "reporter")
        if not old:
            r.update(note=ADDED_NOTE, quote_id=None)
    return r


def _quote(old: dict | None, content: brat.AnnSpan, parts: dict[str, brat.AnnSpan], text: str) -> dict:
    """A quote record as its content span and its cue and source spans (``parts``) now say."""
    r = copy.deepcopy(old) if old else {"speaker_entity": None, "anonymity_reason": None, "country": None,
                                        "unattributed": False, "note": ADDED_NOTE}
    r["content"] = _span(text, content)
    for role in ("cue", "source"):
        r[role] = _span(text, parts[role]) if role in parts else None
    r["kind"] = content.attributes.get("Quote_kind") or r.get("kind") or "indirect"
    src = parts.get("source")
    if src is not None:
        r["speaker_type"] = src.attributes.get("Speaker_type") or r.get("speaker_type") or "other"
        r["named"] = "Named" in src.attributes
    if not old:
        r["speaker"] = r["source_group"] = r["source"]["text"] if r["source"] else "unknown"
        r.setdefault("speaker_type", "other")
        r.setdefault("named", False)
    return r


def _records(root: Path, layer: str, doc_id: str) -> list[dict]:
    path = Path(root) / "annotations" / layer / f"{doc_id}.json"
    return read_json(path, f"annotations/{layer}/{doc_id}.json")[LIST_KEY[layer]]


def _new_id(layer: str, taken: set[str]) -> str:
    n = 1 + max((int(i[1:]) for i in taken if re.fullmatch(rf"{PREFIX[layer]}\d+", i)), default=0)
    taken.add(f"{PREFIX[layer]}{n}")
    return f"{PREFIX[layer]}{n}"


def document_decisions(root: Path, doc_id: str, spans: list[brat.AnnSpan], text: str, path: Path,
                       reviewer: str, when: str) -> list[dict]:
    """Ledger decisions for one document's edited spans (see the module docstring)."""
    force = latest(read_decisions(root))
    prior = {(k[0], record_id(k[0], d["record"])): d["key"] for k, d in force.items() if d["record"] and k[1] == doc_id}
    claimed: dict[tuple[str, str], brat.AnnSpan] = {}
    for s in spans:
        rid = _note_field(s.note, "id")
        layer = LAYER_OF.get(s.label)
        role = _note_field(s.note, "role")
        if rid and layer and (layer != "quotes" or role == "content"):
            if (layer, rid) in claimed:
                raise CorpusError(path, f"line {s.line}", f"a second span says id={rid}; give each record one span")
            claimed[(layer, rid)] = s
    decisions = []

    def decide(layer: str, old: dict | None, new: dict | None) -> None:
        key = prior.get((layer, old["id"])) or record_key(layer, old) if old else record_key(layer, new)
        verb = "added" if old is None else "rejected" if new is None else "accepted" if new == old else "fixed"
        decisions.append({"layer": layer, "doc_id": doc_id, "key": key, "decision": verb, "reviewer": reviewer,
                          "reviewed_at": when, "record": new, "note": f"brat: {path.name}"})

    def quote_parts(content: brat.AnnSpan) -> dict[str, brat.AnnSpan]:
        return {rel.split("_")[0].lower(): s for s in spans for rel, target in s.relations
                if target == content.tid and rel in ("Cue_of", "Source_of")}

    for layer in PER_DOC:
        old_records = _records(root, layer, doc_id)
        taken = {r["id"] for r in old_records}
        for old in old_records:
            s = claimed.pop((layer, old["id"]), None)
            if s is None:
                decide(layer, old, None)
            else:
                new = _quote(old, s, quote_parts(s), text) if layer == "quotes" else _single(layer, old, s, text, path)
                decide(layer, old, new)
        for s in spans:
            if LAYER_OF.get(s.label) == layer and not _note_field(s.note, "id"):
                new = _quote(None, s, quote_parts(s), text) if layer == "quotes" else _single(layer, None, s, text, path)
                decide(layer, None, {"id": _new_id(layer, taken), **new})
    for (layer, rid), s in claimed.items():
        raise CorpusError(path, f"line {s.line}", f"id={rid}: no {layer} record has this id in {doc_id}; "
                                                  "remove the id= from the note to add it as a new record")
    return decisions


def from_brat(root: Path, directory: Path, reviewer: str, accept_unchanged: bool = False,
              when: str | None = None) -> tuple[list[str], list[CorpusError]]:
    """Import the edited ``.ann`` files; return (what was read, one line each) and the problems
    (nothing is changed when there are any)."""
    root, directory = Path(root), Path(directory)
    if not reviewer.strip():
        raise CorpusError("--reviewer", "-", "give the reviewer's name")
    manifest = directory / MANIFEST
    if not manifest.is_file():
        raise CorpusError(manifest, "-", "missing: export with `kjpacts review STORY_DIR --to-brat DIR` first, then edit there")
    exported = read_json(manifest, str(manifest)).get("ann_sha256", {})
    when = when or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    current, texts = _export_ann(root)
    report, decisions = [], []
    for path in sorted(directory.glob("*.ann")):
        doc_id = path.stem
        if doc_id not in texts:
            raise CorpusError(path, "-", f"no document {doc_id!r} in {root}; is this the export of another story?")
        if doc_id not in exported:
            raise CorpusError(path, "-", f"not in {MANIFEST}; export again with --to-brat")
        if sha256_bytes(current[doc_id].encode("utf-8")) != exported[doc_id]:
            raise CorpusError(path, "-", "the story's records changed since this export; export again (--to-brat) and redo the edits")
        txt = path.with_suffix(".txt")
        if not txt.is_file() or txt.read_text(encoding="utf-8") != texts[doc_id]:
            raise CorpusError(txt, "-", "missing or not the story's clean text; brat must not edit the .txt files")
        changed = sha256_bytes(path.read_bytes()) != exported[doc_id]
        if not changed and not accept_unchanged:
            report.append(f"{path.name}: unchanged since the export, not read (--accept-unchanged accepts it as it is)")
            continue
        mine = document_decisions(root, doc_id, brat.read_ann(path, texts[doc_id]), texts[doc_id], path, reviewer, when)
        counts = {v: sum(d["decision"] == v for d in mine) for v in ("accepted", "fixed", "rejected", "added")}
        report.append(f"{path.name}: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
        decisions += mine
    return report, commit(root, decisions) if decisions else []


__all__ = ["MANIFEST", "document_decisions", "from_brat", "to_brat"]
