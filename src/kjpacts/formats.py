"""Export the annotation layers to CSV, brat standoff and W3C Web Annotation.

Every exported span uses offsets into the clean text. The span labels are the
same in brat and W3C (:data:`LABELS`), so :func:`annotation_spans`,
:func:`read_brat` and :func:`read_w3c` return comparable
``{doc_id: [(label, start, end, text), ...]}`` dictionaries, sorted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotations import (CLAIM_STATUSES, ENTITY_TYPES, FRAMING_CATEGORIES, METONYMY, QUOTE_KINDS,
                          SPEAKER_TYPES, TIMEX_MODS, TIMEX_TYPES, VOICES, Annotations)

SpanTuple = tuple[str, int, int, str]

#: The columns each CSV must start with (extra columns may follow).
REQUIRED_CSV_COLUMNS: dict[str, list[str]] = {
    "quotes": ["doc_id", "start", "end", "text", "kind", "cue", "source_text", "speaker", "speaker_type",
               "named", "anonymity_reason", "country"],
    "timex": ["doc_id", "start", "end", "text", "type", "value", "anchor"],
    "entities": ["entity_id", "name", "type"],
    "mentions": ["doc_id", "start", "end", "text", "entity_id", "metonymy"],
    "claims": ["claim_id", "statement", "status"],
    "claim_occurrences": ["claim_id", "doc_id", "start", "end", "text", "attributed_to", "independent"],
    "framing": ["doc_id", "start", "end", "text", "category", "voice"],
}

# Span labels (brat entity types; W3C tagging values).
MENTION_LABELS = {t: f"Mention_{t}" for t in ENTITY_TYPES}
QUOTE_LABELS = {"content": "Quote_content", "cue": "Quote_cue", "source": "Quote_source"}
FRAMING_LABELS = {c: "Framing_" + c.replace("-", "_") for c in FRAMING_CATEGORIES}
TIMEX_LABEL, CLAIM_LABEL = "Timex", "Claim"
LABELS = [*MENTION_LABELS.values(), *QUOTE_LABELS.values(), TIMEX_LABEL, *FRAMING_LABELS.values(), CLAIM_LABEL]
INDEPENDENCE = {True: "independent", False: "echo", None: "first"}


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
        for m in ann.mentions.get(doc, []):
            label = MENTION_LABELS[ann.entities[m.entity_id].type]
            attrs = [("Metonymy", m.metonymy)] if m.metonymy else []
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
                                            [("Claim_status", c.status), ("Independence", INDEPENDENCE[o.independent])]))
    for spans in out.values():
        spans.sort(key=lambda s: (s.start, s.end))
    return out


def annotation_spans(ann: Annotations) -> dict[str, list[SpanTuple]]:
    """``{doc_id: sorted [(label, start, end, text)]}``: what the brat and W3C readers give back."""
    return {doc: sorted((s.label, s.start, s.end, s.text) for s in spans) for doc, spans in export_spans(ann).items()}


# -- CSV -------------------------------------------------------------------
def write_annotation_csvs(ann: Annotations, out_dir: Path) -> list[Path]:
    """Write one UTF-8 CSV per layer (see :data:`REQUIRED_CSV_COLUMNS`); return the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for layer in REQUIRED_CSV_COLUMNS:
        path = out_dir / f"{layer}.csv"
        ann.frame(layer).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        paths.append(path)
    return paths


# -- brat ------------------------------------------------------------------
def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks into brat fragments without whitespace at their edges."""
    frags = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            frags.append((start + m.start() + lead, start + m.start() + trail))
    return frags


def _note(fields: dict[str, Any]) -> str:
    """Fields as ``key=value; ...`` on one line, empty values left out."""
    parts = [f"{k}={v}" for k, v in fields.items() if v not in (None, "")]
    return re.sub(r"[\t\r\n]+", " ", "; ".join(parts))


def brat_ann(spans: list[ExportSpan], text: str) -> str:
    """The ``.ann`` file of one document."""
    lines, rels, tids = [], [], {}
    n_attr = n_note = 0
    for i, s in enumerate(spans, 1):
        tids[s.key] = f"T{i}"
        frags = _fragments(text, s.start, s.end)
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        lines.append(f"T{i}\t{s.label} {offsets}\t{' '.join(text[a:b] for a, b in frags)}")
        for name, value in s.attributes:
            n_attr += 1
            lines.append(f"A{n_attr}\t{name} T{i}" + (f" {value}" if value else ""))
        n_note += 1
        lines.append(f"#{n_note}\tAnnotatorNotes T{i}\t{_note(s.fields)}")
    for s in spans:
        for relation, target in s.links:
            rels.append(f"R{len(rels) + 1}\t{relation} Arg1:{tids[s.key]} Arg2:{tids[target]}")
    return "".join(line + "\n" for line in lines + rels)


def brat_conf() -> str:
    """``annotation.conf`` declaring every label, relation and attribute used."""
    mentions, framing = "|".join(MENTION_LABELS.values()), "|".join(FRAMING_LABELS.values())
    attrs = [
        ("Metonymy", mentions, list(METONYMY)),
        ("Quote_kind", QUOTE_LABELS["content"], list(QUOTE_KINDS)),
        ("Unattributed", QUOTE_LABELS["content"], None),
        ("Speaker_type", QUOTE_LABELS["source"], list(SPEAKER_TYPES)),
        ("Named", QUOTE_LABELS["source"], None),
        ("Timex_type", TIMEX_LABEL, list(TIMEX_TYPES)),
        ("Timex_mod", TIMEX_LABEL, list(TIMEX_MODS)),
        ("Voice", framing, list(VOICES)),
        ("Claim_status", CLAIM_LABEL, list(CLAIM_STATUSES)),
        ("Independence", CLAIM_LABEL, list(INDEPENDENCE.values())),
    ]
    out = ["# kjpacts annotation layers (written by kjpacts.formats.write_brat)", "[entities]", *LABELS,
           "", "[relations]",
           f"Source_of\tArg1:{QUOTE_LABELS['source']}, Arg2:{QUOTE_LABELS['content']}",
           f"Cue_of\tArg1:{QUOTE_LABELS['cue']}, Arg2:{QUOTE_LABELS['content']}",
           "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
           "", "[events]", "", "[attributes]"]
    for name, arg, values in attrs:
        out.append(f"{name}\tArg:{arg}" + (f", Value:{'|'.join(values)}" if values else ""))
    return "\n".join(out) + "\n"


def write_brat(ann: Annotations, texts: dict[str, str], out_dir: Path) -> list[Path]:
    """Write ``<doc_id>.txt`` (byte-identical clean text), ``<doc_id>.ann`` and ``annotation.conf``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, spans in export_spans(ann).items():
        (out_dir / f"{doc}.txt").write_bytes(texts[doc].encode("utf-8"))
        (out_dir / f"{doc}.ann").write_bytes(brat_ann(spans, texts[doc]).encode("utf-8"))
        paths += [out_dir / f"{doc}.txt", out_dir / f"{doc}.ann"]
    (out_dir / "annotation.conf").write_bytes(brat_conf().encode("utf-8"))
    return paths + [out_dir / "annotation.conf"]


def read_brat(directory: Path) -> dict[str, list[SpanTuple]]:
    """Text-bound (T) annotations of every ``.ann`` file, as ``(label, start, end, text)``.

    A discontinuous span gives one tuple from its first start to its last end,
    its text taken from the ``.txt`` beside it (or the fragment text without one).
    """
    result: dict[str, list[SpanTuple]] = {}
    for ann_path in sorted(Path(directory).glob("*.ann")):
        txt_path = ann_path.with_suffix(".txt")
        text = txt_path.read_bytes().decode("utf-8") if txt_path.exists() else None
        spans = []
        for line in ann_path.read_bytes().decode("utf-8").split("\n"):
            if not line.startswith("T"):
                continue
            _, middle, surface = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            frags = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
            start, end = frags[0][0], frags[-1][1]
            spans.append((label, start, end, text[start:end] if text is not None else surface))
        result[ann_path.stem] = sorted(spans)
    return result


# -- W3C Web Annotation ----------------------------------------------------
W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix / suffix length of a TextQuoteSelector


def w3c_annotation(s: ExportSpan, text: str, doc_uri: str, ids: dict[str, str], base: str) -> dict:
    """One span as a W3C Annotation with a TextQuoteSelector and a TextPositionSelector."""
    body: list[dict] = [
        {"type": "TextualBody", "purpose": "tagging", "value": s.label},
        {"type": "TextualBody", "purpose": "describing", "format": "application/json",
         "value": json.dumps({"layer": s.layer, **s.fields, **dict(s.attributes)}, ensure_ascii=False)},
    ]
    if s.layer == "mentions":
        body.append({"type": "SpecificResource", "purpose": "identifying", "source": f"{base}entities/{s.fields['entity_id']}"})
    body += [{"type": "SpecificResource", "purpose": "linking", "source": ids[target]} for _, target in s.links]
    selectors = [
        {"type": "TextQuoteSelector", "exact": s.text, "prefix": text[max(0, s.start - CONTEXT_CHARS):s.start],
         "suffix": text[s.end:s.end + CONTEXT_CHARS]},
        {"type": "TextPositionSelector", "start": s.start, "end": s.end},
    ]
    return {"id": ids[s.key], "type": "Annotation", "motivation": "tagging", "body": body,
            "target": {"source": doc_uri, "selector": selectors}}


def write_w3c(ann: Annotations, texts: dict[str, str], out_dir: Path, base_uri: str) -> list[Path]:
    """Write ``<doc_id>.jsonld`` (an AnnotationCollection) and ``<doc_id>.txt`` per document.

    Targets are ``<base><doc_id>.txt``; annotation ids are
    ``<base><doc_id>/<layer>/<id>[/<role>]``, where ``<base>`` is ``base_uri``
    with a ``/`` added unless it ends in ``/``, ``:`` or ``#`` (``urn:kjpacts:``).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base = base_uri if base_uri.endswith(("/", ":", "#")) else base_uri + "/"
    paths = []
    for doc, spans in export_spans(ann).items():
        ids = {s.key: f"{base}{doc}/{s.key}" for s in spans}
        items = [w3c_annotation(s, texts[doc], f"{base}{doc}.txt", ids, base) for s in spans]
        collection = {
            "@context": W3C_CONTEXT, "id": f"{base}{doc}.jsonld", "type": "AnnotationCollection",
            "label": f"kjpacts annotations of {doc}", "total": len(items),
            "first": {"id": f"{base}{doc}.jsonld#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
        }
        path = out_dir / f"{doc}.jsonld"
        path.write_bytes((json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        (out_dir / f"{doc}.txt").write_bytes(texts[doc].encode("utf-8"))
        paths += [path, out_dir / f"{doc}.txt"]
    return paths


def _w3c_items(data: Any) -> list[dict]:
    """Annotations in a collection, page, single annotation or list."""
    if isinstance(data, list):
        return [a for d in data for a in _w3c_items(d)]
    kind = data.get("type")
    if kind == "AnnotationCollection":
        items, page = [], data.get("first")
        while isinstance(page, dict):
            items += page.get("items", [])
            page = page.get("next")
        return items
    if kind == "AnnotationPage":
        return list(data.get("items", []))
    return [data]


def _selector(selectors: list[dict], kind: str) -> dict | None:
    return next((s for s in selectors if s.get("type") == kind), None)


def resolve_selectors(selectors: list[dict], text: str | None) -> tuple[int, int, str]:
    """``(start, end, text)`` of a target: the position if it still fits the quote, else the best quote match."""
    pos, quote = _selector(selectors, "TextPositionSelector"), _selector(selectors, "TextQuoteSelector")
    if pos is not None and (text is None or quote is None or text[pos["start"]:pos["end"]] == quote["exact"]):
        return pos["start"], pos["end"], quote["exact"] if text is None else text[pos["start"]:pos["end"]]
    if quote is None or text is None:
        raise ValueError("target needs a TextPositionSelector, or a TextQuoteSelector and the text")
    exact, prefix, suffix = quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")
    hint = pos["start"] if pos else 0
    found = [m.start() for m in re.finditer(re.escape(exact), text)]
    if not found:
        raise ValueError(f"quote {exact[:40]!r} not found in the text")
    best = max(found, key=lambda i: (text[:i].endswith(prefix), text[i + len(exact):].startswith(suffix), -abs(i - hint)))
    return best, best + len(exact), exact


def read_w3c(path: Path) -> dict[str, list[SpanTuple]]:
    """Spans of W3C annotation files (a ``.jsonld`` file or a folder of them).

    The document id is the target source's last segment (after ``/``, ``:``
    or ``#``) without ``.txt``; when ``<doc_id>.txt`` lies beside the file, positions are checked
    against it and re-found from the quote if the text has moved.
    """
    path = Path(path)
    files = sorted(path.glob("*.jsonld")) if path.is_dir() else [path]
    result: dict[str, list[SpanTuple]] = {}
    for file in files:
        texts: dict[str, str | None] = {}
        items = _w3c_items(json.loads(file.read_bytes().decode("utf-8")))
        if not items:
            result.setdefault(file.stem, [])  # an empty collection: name the document after the file
        for anno in items:
            targets = anno["target"] if isinstance(anno["target"], list) else [anno["target"]]
            bodies = anno.get("body", [])
            bodies = bodies if isinstance(bodies, list) else [bodies]
            label = next(b["value"] for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging")
            for target in targets:
                doc = re.split(r"[/:#]", target["source"])[-1].removesuffix(".txt")
                if doc not in texts:
                    txt = file.parent / f"{doc}.txt"
                    texts[doc] = txt.read_bytes().decode("utf-8") if txt.exists() else None
                selectors = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
                start, end, exact = resolve_selectors(selectors, texts[doc])
                result.setdefault(doc, []).append((label, start, end, exact))
        for doc in texts:
            result.setdefault(doc, [])
    return {doc: sorted(spans) for doc, spans in result.items()}
