"""W3C Web Annotation (JSON-LD): one ``AnnotationCollection`` per document, and a reader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..annotations.records import Annotations
from ..io import read_json, read_text
from .spans import ExportSpan, SpanTuple, export_spans

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
        items = _w3c_items(read_json(file, file.as_posix()))
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
                    texts[doc] = read_text(txt, txt.as_posix()) if txt.exists() else None
                selectors = target["selector"] if isinstance(target["selector"], list) else [target["selector"]]
                start, end, exact = resolve_selectors(selectors, texts[doc])
                result.setdefault(doc, []).append((label, start, end, exact))
        for doc in texts:
            result.setdefault(doc, [])
    return {doc: sorted(spans) for doc, spans in result.items()}
