"""HTML pages: find the article's blocks with jusText plus the kit's rules, keeping raw offsets.

1. The page is cut into blocks at block-level tags (``p``, ``div``, ``h1``-``h6``, ``li``, ``br``
   pairs...), each with its raw offsets; scripts, styles and comments never count as text.
2. jusText (a maintained boilerplate remover, stoplist "English") classifies the page's
   paragraphs; a block is article text when jusText calls its text ``good`` or ``neargood``
   (after its context step, or before it: short wire stories give the context step nothing to
   lean on).
3. The kit's line rules (:mod:`.provenance`, :mod:`.furniture`) then run on the blocks as
   lines: headline, byline and printed date are kept even when jusText calls them short, and
   a block the furniture rules match is dropped even when jusText keeps it.
4. ``<meta>`` tags are read here (``og:site_name`` is evidence for the outlet); the dates the page
   states about itself (meta tags, JSON-LD, ``<time>``) are read by :mod:`.metadates`.

The result goes to ``documents.json`` as ``printed.blocks``; :mod:`kjpacts.corpus.markup`
turns it into the reversible edit log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kjpacts.corpus.cleaning import QUOTE_MAP
from kjpacts.corpus.markup import block_text

BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th",
              "article", "section", "header", "footer", "nav", "aside", "figure", "figcaption", "blockquote",
              "pre", "title", "dt", "dd", "dl", "main", "form", "address", "body", "head", "html", "br", "hr")
BOUNDARY = re.compile(rf"<(?:script|style|noscript|template|svg)\b.*?</(?:script|style|noscript|template|svg)\s*>|<!--.*?-->|"
                      rf"</?(?:{'|'.join(BLOCK_TAGS)})\b[^>]*>", re.S | re.I)
META = re.compile(r"<meta\b[^>]*>", re.I)
ATTR = re.compile(r'(\w[\w:-]*)\s*=\s*("[^"]*"|\'[^\']*\'|[^\s>]+)')


@dataclass(frozen=True)
class HtmlBlock:
    start: int
    end: int
    text: str
    tag: str  # the block-level tag that opened it


def blocks(raw: str) -> list[HtmlBlock]:
    """Text blocks of the page, in order, with raw offsets trimmed to their text."""
    out = []
    pos, tag = 0, "html"
    for m in list(BOUNDARY.finditer(raw)) + [None]:
        end = m.start() if m else len(raw)
        text = block_text(raw, pos, end)
        if text:
            a, b = pos, end
            while a < b and raw[a].isspace():
                a += 1
            while b > a and raw[b - 1].isspace():
                b -= 1
            out.append(HtmlBlock(a, b, text, tag))
        if m:
            opened = re.match(r"<(\w+)", m.group())
            tag = opened.group(1).lower() if opened else tag
            pos = m.end()
    return out


def meta_tags(raw: str) -> dict[str, str]:
    """``<meta name|property=... content=...>`` pairs, names lower-cased."""
    out = {}
    for m in META.finditer(raw):
        attrs = {k.lower(): v.strip("\"'") for k, v in ATTR.findall(m.group())}
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if name and "content" in attrs:
            out.setdefault(name, attrs["content"])
    return out


def justext_good(raw: str) -> set[str]:
    """Texts of the paragraphs jusText keeps (``good`` or ``neargood``), whitespace-normalised."""
    import justext

    paragraphs = justext.justext(raw.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    # short wire stories have no 200-character paragraph for jusText's context step to lean on,
    # so its context-free verdict counts too
    return {_norm(p.text) for p in paragraphs if p.class_type in ("good", "neargood") or p.cf_class in ("good", "neargood")}


def _norm(text: str) -> str:
    return " ".join("".join(QUOTE_MAP.get(c, c) for c in text.replace("\u00a0", " ")).split())


def choose_blocks(raw: str, furniture: set[str], keep: dict[str, str]) -> list[dict]:
    """``printed.blocks`` for the page: ``keep`` maps a block text to its structure kind
    (headline, byline, date_line); ``furniture`` holds block texts the rules drop."""
    good = justext_good(raw)
    out = []
    seen_kinds = set()
    for b in blocks(raw):
        text = _norm(b.text)
        if b.tag in ("title", "head") or text in furniture:
            continue
        kind = keep.get(text)
        if kind and kind not in seen_kinds:
            seen_kinds.add(kind)
            out.append({"start": b.start, "end": b.end, "kind": kind})
        elif text in good or any(text in g for g in good if len(text) >= 40):
            out.append({"start": b.start, "end": b.end, "kind": "paragraph"})
    return out


def page_lines(raw: str) -> tuple[list[str], str | None]:
    """The page's blocks as lines (for the line rules) and its ``<h1>`` (or ``<title>``) text."""
    bl = blocks(raw)
    h1 = next((_norm(b.text) for b in bl if b.tag == "h1"), None)
    title = next((_norm(b.text) for b in bl if b.tag == "title"), None)
    return [_norm(b.text) for b in bl if b.tag not in ("title", "head")], h1 or title
