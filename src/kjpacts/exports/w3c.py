"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` per document, and a reader.

Each annotation has a ``tagging`` body (the label), a ``describing`` body whose record fields are
real JSON-LD properties in the kit's vocabulary (prefix ``kjp:``, declared in the collection's
``@context``), and for a mention an ``identifying`` body that describes the entity. Its target is
the clean text, with ``kjp:rawPage`` (the raw page, copied beside the export) and ``scope`` (the
page's address on the web, when known). ``entities.jsonld`` describes every entity id.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..annotations.records import Annotations
from ..errors import CorpusError
from ..io import read_json, read_text
from .spans import ExportSpan, SpanTuple, export_spans

if TYPE_CHECKING:
    from ..annotations.records import Entity
    from ..corpus.model import Document


W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix / suffix length of a TextQuoteSelector


def context(base: str) -> list:
    """The W3C context plus the kit's vocabulary prefix ``kjp:``."""
    return [W3C_CONTEXT, {"kjp": f"{base}vocab#", "kjp:rawPage": {"@type": "@id"}}]


def properties(fields: dict[str, Any]) -> dict[str, Any]:
    """Record fields as ``kjp:`` properties (null fields left out)."""
    return {f"kjp:{k}": v for k, v in fields.items() if v is not None}


def entity_node(e: "Entity", base: str) -> dict:
    """An entity of the registry as a JSON-LD node with its own id."""
    return {"id": f"{base}entities/{e.entity_id}", "type": "kjp:Entity",
            **properties({"entity_id": e.entity_id, "name": e.name, "entity_type": e.type, "country": e.country,
                          "variants": list(e.variants), "description": e.description})}


def w3c_annotation(s: ExportSpan, text: str, target: dict, ids: dict[str, str], base: str,
                   entities: dict[str, "Entity"] | None = None) -> dict:
    """One span as a W3C Annotation with a TextQuoteSelector and a TextPositionSelector."""
    body: list[dict] = [
        {"type": "TextualBody", "purpose": "tagging", "value": s.label},
        {"type": "kjp:Record", "purpose": "describing",
         **properties({"layer": s.layer, **s.fields, **{k: (v if v is not None else True) for k, v in s.attributes}})},
    ]
    if s.layer == "mentions":
        eid = s.fields["entity_id"]
        source: Any = f"{base}entities/{eid}"
        if entities and eid in entities:
            source = entity_node(entities[eid], base)
        body.append({"type": "SpecificResource", "purpose": "identifying", "source": source})
    body += [{"type": "SpecificResource", "purpose": "linking", "source": ids[target_key]} for _, target_key in s.links]
    selectors = [
        {"type": "TextQuoteSelector", "exact": s.text, "prefix": text[max(0, s.start - CONTEXT_CHARS):s.start],
         "suffix": text[s.end:s.end + CONTEXT_CHARS]},
        {"type": "TextPositionSelector", "start": s.start, "end": s.end},
    ]
    return {"id": ids[s.key], "type": "Annotation", "motivation": "tagging", "body": body,
            "target": {**target, "selector": selectors}}


def write_w3c(ann: Annotations, texts: dict[str, str], out_dir: Path, base_uri: str,
              documents: dict[str, "Document"] | None = None) -> list[Path]:
    """Write ``<doc_id>.jsonld`` (an AnnotationCollection) and ``<doc_id>.txt`` per document, the raw
    pages (``raw/<file>``, when ``documents`` are given) and ``entities.jsonld``.

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
        target: dict[str, Any] = {"source": f"{base}{doc}.txt"}
        if documents and doc in documents:
            page = documents[doc]
            target["kjp:rawPage"] = f"{base}{page.meta['source_file']}"
            url = (page.meta.get("provenance") or {}).get("source_url")
            if url:
                target["scope"] = url
            raw_path = out_dir / page.meta["source_file"]
            raw_path.parent.mkdir(parents=True, exist_ok=True)
            raw_path.write_bytes(page.raw.encode("utf-8"))
            paths.append(raw_path)
        items = [w3c_annotation(s, texts[doc], target, ids, base, ann.entities) for s in spans]
        collection = {
            "@context": context(base), "id": f"{base}{doc}.jsonld", "type": "AnnotationCollection",
            "label": f"kjpacts annotations of {doc}", "total": len(items),
            "first": {"id": f"{base}{doc}.jsonld#page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
        }
        path = out_dir / f"{doc}.jsonld"
        path.write_bytes((json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
        (out_dir / f"{doc}.txt").write_bytes(texts[doc].encode("utf-8"))
        paths += [path, out_dir / f"{doc}.txt"]
    graph = {"@context": context(base), "id": f"{base}entities", "@graph": [entity_node(e, base) for e in ann.entities.values()]}
    (out_dir / "entities.jsonld").write_bytes((json.dumps(graph, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return paths + [out_dir / "entities.jsonld"]


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
    selectors = [s for s in selectors if isinstance(s, dict)]
    pos, quote = _selector(selectors, "TextPositionSelector"), _selector(selectors, "TextQuoteSelector")
    if pos is not None:
        start, end = pos.get("start"), pos.get("end")
        if not (type(start) is int and type(end) is int and 0 <= start < end):
            raise ValueError(f"TextPositionSelector start {start!r} and end {end!r} must be whole numbers, start < end")
        if text is not None and end > len(text) and quote is None:
            raise ValueError(f"TextPositionSelector {start}-{end} is outside the text ({len(text)} characters)")
    if quote is not None and not isinstance(quote.get("exact"), str):
        raise ValueError("TextQuoteSelector needs an 'exact' string")
    if pos is not None and (text is None or quote is None or text[pos["start"]:pos["end"]] == quote["exact"]):
        if text is None and quote is None:
            raise ValueError("a TextPositionSelector alone gives no span text: put the document's .txt beside "
                             "this file, or add a TextQuoteSelector")
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


def _spans(file: Path, anno: Any, i: int, texts: dict[str, str | None]) -> list[tuple[str, SpanTuple]]:
    """``(doc, span)`` of each target of one annotation; a one-line CorpusError on what is missing."""
    where = anno.get("id") if isinstance(anno, dict) and isinstance(anno.get("id"), str) else f"items[{i}]"
    if not isinstance(anno, dict):
        raise CorpusError(file.as_posix(), where, "not an annotation object; each item is {\"type\": \"Annotation\", ...}")
    bodies = anno.get("body", [])
    bodies = bodies if isinstance(bodies, list) else [bodies]
    label = next((b.get("value") for b in bodies if isinstance(b, dict) and b.get("purpose") == "tagging"), None)
    if not isinstance(label, str):
        raise CorpusError(file.as_posix(), f"{where}.body", "no body with purpose 'tagging' and a string value; "
                          "add {\"type\": \"TextualBody\", \"purpose\": \"tagging\", \"value\": \"<label>\"}")
    targets = anno.get("target")
    out = []
    for target in targets if isinstance(targets, list) else [targets]:
        source = target.get("source") if isinstance(target, dict) else None
        if not isinstance(source, str):
            raise CorpusError(file.as_posix(), f"{where}.target", "needs a source naming the text (.../<doc_id>.txt) "
                              "and a selector")
        doc = re.split(r"[/:#]", source)[-1].removesuffix(".txt")
        if doc not in texts:
            txt = file.parent / f"{doc}.txt"
            texts[doc] = read_text(txt, txt.as_posix()) if txt.exists() else None
        selectors = target.get("selector")
        try:
            start, end, exact = resolve_selectors(selectors if isinstance(selectors, list) else [selectors], texts[doc])
        except ValueError as exc:
            raise CorpusError(file.as_posix(), f"{where}.target.selector", str(exc)) from None
        out.append((doc, (label, start, end, exact)))
    return out


def read_w3c(path: Path) -> dict[str, list[SpanTuple]]:
    """Spans of W3C annotation files (a ``.jsonld`` file or a folder of them).

    The document id is the target source's last segment (after ``/``, ``:``
    or ``#``) without ``.txt``; when ``<doc_id>.txt`` lies beside the file, positions are checked
    against it and re-found from the quote if the text has moved.
    """
    path = Path(path)
    files = sorted(p for p in path.glob("*.jsonld") if p.name != "entities.jsonld") if path.is_dir() else [path]
    result: dict[str, list[SpanTuple]] = {}
    for file in files:
        texts: dict[str, str | None] = {}
        items = _w3c_items(read_json(file, file.as_posix()))
        if not items:
            result.setdefault(file.stem, [])  # an empty collection: name the document after the file
        for i, anno in enumerate(items):
            for doc, span in _spans(file, anno, i, texts):
                result.setdefault(doc, []).append(span)
        for doc in texts:
            result.setdefault(doc, [])
    return {doc: sorted(spans) for doc, spans in result.items()}
