"""Every check on the annotation files, collected rather than raised.

Order: read each file (UTF-8, JSON syntax), check it against its schema, then
check what a schema cannot: offsets, span texts, ids, sorting and references
between layers. Records that broke the schema are still checked where their
fields have the right types, so one run reports as much as possible.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from ..errors import CorpusError
from ..io import read_json, recorded_checksums, rel_name
from .schemas import check_file

#: Layer name -> (path under ``annotations/``, list key, one file per document?).
LAYERS: dict[str, tuple[str, str, bool]] = {
    "entities": ("entities.json", "entities", False),
    "mentions": ("mentions", "mentions", True),
    "quotes": ("quotes", "quotes", True),
    "timex": ("timex", "timexes", True),
    "claims": ("claims.json", "claims", False),
    "framing": ("framing", "framing", True),
}
CORPUS_WIDE = ""  # key under which a corpus-wide layer keeps its records
#: A corpus copy with answers withheld (autograde's grading corpus) lists them here:
#: ``{"annotations/<file>": [field, ...]}``; those fields are null in that file.
WITHHELD_FILE = "WITHHELD.json"
#: Checks that read a second field: a withheld second field silences them too.
_RESTS_ON = {"source": {"note"}, "independent": {"reason"}}
_TIMEX_ID = re.compile(r"^t[0-9]+$")


def _short(text: str, limit: int = 60) -> str:
    """``repr`` of a text, cut in the middle when long."""
    if len(text) > limit:
        text = text[: limit // 2] + "…" + text[-limit // 2:]
    return repr(text)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _ids(records: list[dict], key: str = "id") -> set[str]:
    return {r[key] for r in records if isinstance(r.get(key), str)}


class Checker:
    """Collects problems while reading and cross-checking the layers."""

    def __init__(self, corpus_dir: Path, texts: dict[str, str], trusted: dict[str, str] | None = None):
        self.corpus_dir, self.texts = corpus_dir, texts
        self.trusted = trusted or {}  # relative path -> sha256 of an already validated file
        self.problems: list[CorpusError] = []
        self.raw: dict[str, dict[str, list[dict]]] = {layer: {} for layer in LAYERS}
        self.present: set[str] = set()
        self.files: dict[tuple[str, str], str] = {}
        self.variants: dict[str, Any] = {}
        self.types: dict[str, Any] = {}
        self.entity_ids: set[str] = set()
        self.withheld = withheld_fields(corpus_dir)

    # -- reading -----------------------------------------------------------
    def add(self, file: str, field: str, message: str) -> None:
        gone = self.withheld.get(file)
        last = field.rsplit(".", 1)[-1]
        if gone and (last in gone or _RESTS_ON.get(last, set()) & gone):
            return  # a withheld field is null on purpose
        self.problems.append(CorpusError(file, field, message))

    def rel(self, layer: str, doc: str = CORPUS_WIDE) -> str:
        name, _, per_doc = LAYERS[layer]
        return f"annotations/{name}/{doc}.json" if per_doc else f"annotations/{name}"

    def read_layer(self, layer: str) -> None:
        """Read one layer's file(s); a layer with no file at all stays empty."""
        name, key, per_doc = LAYERS[layer]
        path = self.corpus_dir / "annotations" / name
        if not per_doc:
            if path.is_file():
                self.present.add(layer)
                self.read_file(layer, path, CORPUS_WIDE, key)
            return
        files = sorted(path.glob("*.json")) if path.is_dir() else []
        if not files:
            return
        self.present.add(layer)
        for doc in self.texts:
            if not (path / f"{doc}.json").is_file():
                self.add(self.rel(layer, doc), "-", f"missing: the {layer} layer has files for other documents, "
                         f"so every document needs one (write {{\"doc_id\": \"{doc}\", \"{key}\": []}} if it has none)")
        for file in files:
            if file.stem not in self.texts:
                self.add(rel_name(file, self.corpus_dir), "doc_id",
                         f"no document {file.stem!r} in documents.json; rename or remove the file")
                continue
            self.read_file(layer, file, file.stem, key)

    def read_file(self, layer: str, path: Path, doc: str, key: str) -> None:
        data, problems = check_file(self.corpus_dir, path, layer,
                                    self.trusted.get(rel_name(path, self.corpus_dir)))
        self.problems += problems
        if not isinstance(data, dict):
            return
        rel = rel_name(path, self.corpus_dir)
        self.files[(layer, doc)] = rel
        if doc and "doc_id" in data and data["doc_id"] != doc:
            self.add(rel, "doc_id", f"{data['doc_id']!r} does not match the file name; use {doc!r}")
        records = data.get(key)
        if isinstance(records, list):
            self.raw[layer][doc] = [r for r in records if isinstance(r, dict)]

    def records(self, layer: str) -> Iterator[tuple[str, str, int, str, dict]]:
        """``(doc, file, index, label, record)`` for every record of a layer."""
        key = LAYERS[layer][1]
        for doc, recs in self.raw[layer].items():
            for i, rec in enumerate(recs):
                label = rec.get("id") or rec.get("entity_id") or rec.get("claim_id")
                yield doc, self.files[(layer, doc)], i, label if isinstance(label, str) else f"{key}[{i}]", rec

    # -- generic checks ----------------------------------------------------
    def check_span(self, file: str, field: str, span: Any, doc: str) -> None:
        """Offsets in range, text equal to the clean text, no whitespace at the edges."""
        if not isinstance(span, dict) or not (_is_int(span.get("start")) and _is_int(span.get("end"))):
            return  # the schema check has reported it
        start, end, text = span["start"], span["end"], span.get("text")
        clean = self.texts[doc]
        prefix = f"{field}." if field else ""
        if start < 0 or end < 0:
            return  # the schema check has reported it
        if start > len(clean):
            self.add(file, prefix + "start", f"offset {start} is past the end of the clean text ({len(clean)} characters); fix the offsets")
            return
        if end > len(clean):
            self.add(file, prefix + "end", f"offset {end} is past the end of the clean text ({len(clean)} characters); fix the offsets")
            return
        if end <= start:
            self.add(file, prefix + "end", f"end {end} is not after start {start}; a span needs at least one character")
            return
        if not isinstance(text, str):
            return
        actual = clean[start:end]
        if text != actual:
            self.add(file, prefix + "text", f"span text {_short(text)} does not match clean text {_short(actual)} "
                     f"at {start}-{end}; fix the offsets or the text")
        elif text != text.strip():
            self.add(file, prefix + "text", f"span {_short(text)} starts or ends with whitespace; move the offsets inward")

    def check_unique(self, file: str, labelled: list[tuple[str, Any]], what: str, where: str) -> None:
        """Report every repeat of an id."""
        seen: set = set()
        for label, value in labelled:
            if isinstance(value, str):
                if value in seen:
                    self.add(file, f"{label}.{what}", f"duplicate {what} {value!r}; ids must be unique {where}")
                seen.add(value)

    def check_sorted(self, file: str, keyed: list[tuple[str, Any, Any]]) -> None:
        """Records must be sorted by start, then end."""
        prev = None
        for label, start, end in keyed:
            if not (_is_int(start) and _is_int(end)):
                continue
            if prev and (start, end) < prev[1:]:
                self.add(file, f"{label}.start", f"records are not sorted by start, then end: {label} at {start}-{end} "
                         f"comes after {prev[0]} at {prev[1]}-{prev[2]}; sort the list")
            prev = (label, start, end)

    def check_doc_layer(self, layer: str, part: str | None = None) -> None:
        """Unique ids and sorted records in each file of a per-document layer.

        Records sort by their own ``start``/``end``, or by those of ``part``
        (quotes sort by their content span).
        """
        for doc in self.raw[layer]:
            file = self.files[(layer, doc)]
            rows = [(label, rec) for d, _, _, label, rec in self.records(layer) if d == doc]
            self.check_unique(file, [(lab, r.get("id")) for lab, r in rows], "id", "in the file")
            spans = [(lab, r.get(part) if part else r) for lab, r in rows]
            self.check_sorted(file, [(lab, s.get("start"), s.get("end")) for lab, s in spans if isinstance(s, dict)])

    # -- layer checks ------------------------------------------------------
    def check_entities(self) -> None:
        file = self.rel("entities")
        rows = [(label, rec) for *_, label, rec in self.records("entities")]
        self.check_unique(file, [(label, e.get("entity_id")) for label, e in rows], "entity_id", "in the registry")
        self.variants = {e["entity_id"]: e.get("variants") for _, e in rows if isinstance(e.get("entity_id"), str)}
        self.types = {e["entity_id"]: e.get("type") for _, e in rows if isinstance(e.get("entity_id"), str)}
        self.entity_ids = set(self.variants)

    def check_entity_ref(self, file: str, field: str, value: Any) -> None:
        if isinstance(value, str) and value not in self.entity_ids:
            self.add(file, field, f"unknown entity {value!r}; add it to annotations/entities.json or fix the id")

    def check_mentions(self) -> None:
        self.check_doc_layer("mentions")
        for doc, file, _, label, m in self.records("mentions"):
            self.check_span(file, label, m, doc)
            self.check_entity_ref(file, f"{label}.entity_id", m.get("entity_id"))
            if m.get("form") == "nominal":
                self.check_nominal(file, label, m)
            variants = self.variants.get(m.get("entity_id"))
            if (m.get("form") != "nominal" and isinstance(variants, list) and isinstance(m.get("text"), str)
                    and m["text"] not in variants):
                self.add(file, f"{label}.text", f"{m['text']!r} is not among the variants of entity {m['entity_id']!r}; "
                         "add it to its variants in annotations/entities.json")
            self.check_entity_ref(file, f"{label}.refers_to", m.get("refers_to"))
            if (m.get("metonymy") is None) != (m.get("refers_to") is None):
                self.add(file, f"{label}.refers_to", "refers_to is set exactly when metonymy is; "
                         "give both (the entity actually meant) or neither")

    def check_nominal(self, file: str, label: str, m: dict) -> None:
        """A nominal mention refers to one person of the registry, literally (guidelines/entities.md §8)."""
        kind = self.types.get(m.get("entity_id"))
        if kind is not None and kind != "person":
            self.add(file, f"{label}.form", f"nominal mentions are for persons; {m['entity_id']!r} is a {kind}: "
                     "use form 'named', or link the description to a person")
        if m.get("metonymy") is not None:
            self.add(file, f"{label}.metonymy", "a nominal mention has no metonymy; set metonymy and refers_to to null")
        if isinstance(m.get("text"), str) and re.match(r"(?i)(a|an|the) ", m["text"]):
            self.add(file, f"{label}.start", f"{_short(m['text'])} starts with an article; leave the article out "
                     "(guidelines/entities.md §3.8)")

    def quote_ids(self, doc: str) -> set[str]:
        return _ids(self.raw["quotes"].get(doc, []))

    def check_quote_ref(self, file: str, field: str, doc: str, value: Any) -> None:
        if isinstance(value, str) and value not in self.quote_ids(doc):
            self.add(file, field, f"no quote {value!r} in {self.rel('quotes', doc)}; fix the id or add the quote")

    def check_quotes(self) -> None:
        self.check_doc_layer("quotes", part="content")
        for doc, file, _, label, q in self.records("quotes"):
            for part in ("content", "cue", "source"):
                self.check_span(file, f"{label}.{part}", q.get(part), doc)
            self.check_entity_ref(file, f"{label}.speaker_entity", q.get("speaker_entity"))
            if q.get("source", 0) is None and q.get("unattributed") is False and not q.get("note"):
                self.add(file, f"{label}.source", "source is null but the quote is not unattributed; "
                         "set unattributed to true or say in note where the source is carried over from")

    def check_timex(self) -> None:
        self.check_doc_layer("timex")
        for doc, file, _, label, t in self.records("timex"):
            self.check_span(file, label, t, doc)
            anchor, value = t.get("anchor"), t.get("value")
            if isinstance(anchor, str) and _TIMEX_ID.match(anchor):
                if anchor == t.get("id"):
                    self.add(file, f"{label}.anchor", "a timex cannot be anchored to itself")
                elif anchor not in _ids(self.raw["timex"][doc]):
                    self.add(file, f"{label}.anchor", f"no timex {anchor!r} in this file; fix the anchor")
            if isinstance(value, str) and t.get("type") == "RANGE" and "/" not in value:
                self.add(file, f"{label}.value", f"a RANGE value is an ISO 8601 interval like '1910/1945', not {value!r}")
            if isinstance(value, str) and t.get("type") == "DURATION" and not value.startswith("P"):
                self.add(file, f"{label}.value", f"a DURATION value starts with 'P' (e.g. 'P35Y'), not {value!r}")

    def check_claims(self) -> None:
        file = self.rel("claims")
        rows = list(self.records("claims"))
        self.check_unique(file, [(label, c.get("claim_id")) for *_, label, c in rows], "claim_id", "in the corpus")
        for *_, label, c in rows:
            occs = [o for o in c.get("occurrences") or [] if isinstance(o, dict)]
            olabels = [f"{label}.{o['id']}" if isinstance(o.get("id"), str) else f"{label}.occurrences[{i}]"
                       for i, o in enumerate(occs)]
            self.check_unique(file, [(lab, o.get("id")) for lab, o in zip(olabels, occs)], "id", "within a claim")
            for olabel, o in zip(olabels, occs):
                doc = o.get("doc_id")
                if not isinstance(doc, str):
                    continue
                if doc not in self.texts:
                    self.add(file, f"{olabel}.doc_id", f"unknown document {doc!r}; use a doc_id from documents.json")
                    continue
                self.check_span(file, olabel, o, doc)
                self.check_quote_ref(file, f"{olabel}.quote_id", doc, o.get("quote_id"))
            self.check_claim_kind(file, label, c, occs)
            self.check_independence(file, olabels, occs)

    def check_independence(self, file: str, olabels: list[str], occs: list[dict]) -> None:
        """``independent: null`` is the first occurrence, or one "In tension" with the claim (claims.md §6)."""
        for i, (olabel, o) in enumerate(zip(olabels, occs)):
            reason = o.get("reason") if isinstance(o.get("reason"), str) else ""
            if i == 0 and o.get("independent") is not None:
                self.add(file, f"{olabel}.independent", "the first occurrence has independent null (nothing earlier "
                         "to be independent of); set it to null")
            elif i > 0 and "independent" in o and o["independent"] is None and not reason.startswith("In tension"):
                self.add(file, f"{olabel}.independent", "null is only for the first occurrence or one whose reason "
                         "starts 'In tension'; set true or false, or explain the tension")

    def check_claim_kind(self, file: str, label: str, c: dict, occs: list[dict]) -> None:
        kind, status = c.get("kind"), c.get("status")
        if isinstance(status, str) and status.startswith("prediction-") and kind != "prediction":
            self.add(file, f"{label}.status", f"status {status!r} is only for claims of kind 'prediction'")
        if c.get("outcome") is not None and kind != "prediction":
            self.add(file, f"{label}.outcome", "only predictions have an outcome; set it to null")
        docs = {o.get("doc_id") for o in occs}
        if kind == "single" and len(docs) != 1:
            self.add(file, f"{label}.kind", "a 'single' claim occurs in exactly one document; use kind 'shared'")
        if kind == "shared" and len(docs) < 2:
            self.add(file, f"{label}.kind", "a 'shared' claim occurs in two or more documents; add the "
                     "occurrences, or give it kind 'single'")

    def check_framing(self) -> None:
        self.check_doc_layer("framing")
        for doc, file, _, label, f in self.records("framing"):
            self.check_span(file, label, f, doc)
            quote_id = f.get("quote_id")
            if f.get("voice") == "quoted-speaker" and quote_id is None:
                self.add(file, f"{label}.quote_id", "voice 'quoted-speaker' needs the quote_id of the quote")
            elif f.get("voice") in ("reporter", "headline", "standfirst") and quote_id is not None:
                self.add(file, f"{label}.quote_id", "quote_id is only for voice 'quoted-speaker'; set it to null")
            self.check_quote_ref(file, f"{label}.quote_id", doc, quote_id)


def withheld_fields(corpus_dir: Path) -> dict[str, set[str]]:
    """``file -> fields`` withheld in this corpus copy (empty for an ordinary corpus)."""
    path = Path(corpus_dir) / WITHHELD_FILE
    if not path.is_file():
        return {}
    data = read_json(path, WITHHELD_FILE)
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise CorpusError(WITHHELD_FILE, "-", 'expected {"annotations/<file>": [field, ...]}; rebuild the copy')
    return {k: set(v) for k, v in data.items()}


def check_annotations(corpus_dir: Path, texts: dict[str, str],
                      trust_datapackage: bool = False) -> tuple[list[CorpusError], dict, set[str]]:
    """Return ``(problems, raw records by layer and document, layers present)``.

    ``trust_datapackage`` skips the schema pass for files unchanged since the last
    successful build (loading); offsets, span texts, ids and references are always checked.
    """
    ck = Checker(corpus_dir, texts, recorded_checksums(corpus_dir) if trust_datapackage else None)
    for layer in LAYERS:
        ck.read_layer(layer)
    ck.check_entities()
    ck.check_mentions()
    ck.check_quotes()
    ck.check_timex()
    ck.check_claims()
    ck.check_framing()
    return ck.problems, ck.raw, ck.present
