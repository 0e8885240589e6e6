"""HTML raw pages -> clean text, as logged, reversible edits (the HTML side of :mod:`.cleaning`).

The article's blocks are chosen once, when the page enters a corpus (``kjpacts new`` uses
jusText and the kit's rules) and recorded in ``documents.json`` as ``printed.blocks``: raw
offsets of each kept block and its structure kind. From those, this module derives every edit
deterministically, with the standard library only:

- everything between kept blocks is removed (``site-furniture`` when it holds text, else
  ``markup``), and kept blocks are joined by one blank line;
- inside a block, tags are removed (``markup``; ``<br>`` becomes a space), character
  references are decoded (``html-entity``), each run of whitespace becomes one space
  (``markup``), and curly quotes are made straight (``quote-normalised``).
"""

from __future__ import annotations

import html
import re

from .cleaning import QUOTE_MAP, Block, Caption, Edit, Line, plan_edits

#: Blocks whose content is never text.
SKIP = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S | re.I)
TOKEN = re.compile(r"(?P<skip><(?:script|style|noscript|template|svg)\b.*?</(?:script|style|noscript|template|svg)\s*>|<!--.*?-->)"
                   r"|(?P<tag></?[A-Za-z][^>]*>|<![^>]*>|<\?[^>]*>)"
                   r"|(?P<entity>&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?)"
                   r"|(?P<space>\s+)", re.S | re.I)


def block_text(raw: str, start: int, end: int) -> str:
    """The text a reader sees in ``raw[start:end]`` (tags removed, references decoded, spaces collapsed)."""
    return "".join(e.clean_text if e else ch for e, ch in _walk(raw, start, end)).strip()


def _walk(raw: str, start: int, end: int):
    """Yield ``(edit, None)`` for each changed token and ``(None, char)`` for kept characters."""
    pos = start
    for m in TOKEN.finditer(raw, start, end):
        for i in range(pos, m.start()):
            ch = raw[i]
            if ch in QUOTE_MAP:
                yield Edit(i, i + 1, ch, QUOTE_MAP[ch], "quote-normalised", f"U+{ord(ch):04X} -> {QUOTE_MAP[ch]}"), None
            elif ch == "\u00a0":
                yield Edit(i, i + 1, ch, " ", "nbsp", "non-breaking space made plain"), None
            else:
                yield None, ch
        kind = m.lastgroup
        text = m.group()
        if kind == "entity":
            decoded = html.unescape(text)
            decoded = "".join(QUOTE_MAP.get(c, " " if c == "\u00a0" else c) for c in decoded)
            yield Edit(m.start(), m.end(), text, decoded, "html-entity", f"character reference {text}"), None
        elif kind == "space":
            yield Edit(m.start(), m.end(), text, " ", "markup", "run of whitespace in the HTML source"), None
        else:
            is_break = kind == "tag" and re.match(r"<br\b", text, re.I)
            yield Edit(m.start(), m.end(), text, " " if is_break else "", "markup",
                       "line break tag" if is_break else "HTML tag, comment or script"), None
        pos = m.end()
    for i in range(pos, end):
        ch = raw[i]
        if ch in QUOTE_MAP:
            yield Edit(i, i + 1, ch, QUOTE_MAP[ch], "quote-normalised", f"U+{ord(ch):04X} -> {QUOTE_MAP[ch]}"), None
        else:
            yield None, ch


def _block_edits(raw: str, start: int, end: int) -> list[Edit]:
    """Edits inside one kept block: no leading, trailing or doubled spaces in what is left."""
    items = list(_walk(raw, start, end))
    out: list[Edit] = []
    last = ""  # last character emitted
    pending: list[int] = []  # indexes in ``out`` of edits that emitted a space
    for e, ch in items:
        if e is None:
            last = ch
            pending = []
            continue
        text = e.clean_text
        if text.isspace():
            if last in ("", " "):
                text = ""
            else:
                text = " "
        if text != e.clean_text:
            e = Edit(e.raw_start, e.raw_end, e.raw_text, text, e.category, e.reason)
        out.append(e)  # unchanged ones too, so that ``pending`` can point at a plain space; dropped below
        if text:
            last = text[-1]
            pending = [len(out) - 1] if text == " " else []
    for i in pending:  # a space at the very end of the block
        e = out[i]
        out[i] = Edit(e.raw_start, e.raw_end, e.raw_text, "", e.category, e.reason)
    return [e for e in out if e.raw_text != e.clean_text]


def _gap(raw: str, start: int, end: int, clean_text: str) -> list[Edit]:
    if start == end and not clean_text:
        return []
    seen = block_text(raw, start, end)
    category = "site-furniture" if seen else "markup"
    reason = "page text outside the article blocks" if seen else "HTML between the article blocks"
    return [Edit(start, end, raw[start:end], clean_text, category, reason)]


def plan_html_edits(raw: str, printed: dict) -> tuple[list[Edit], list[Block]]:
    """Every edit that turns the HTML page ``raw`` into clean text, and the kept blocks."""
    blocks = sorted(printed["blocks"], key=lambda b: b["start"])
    if not blocks:
        raise ValueError("no article blocks recorded for this HTML page")
    edits: list[Edit] = []
    kept: list[Block] = []
    pos = 0
    for i, b in enumerate(blocks):
        if b["start"] < pos or b["end"] > len(raw) or b["end"] <= b["start"]:
            raise ValueError(f"block {i} at {b['start']}-{b['end']} overlaps another or lies outside the page")
        edits += _gap(raw, pos, b["start"], "" if i == 0 else "\n\n")
        edits += _block_edits(raw, b["start"], b["end"])
        kept.append(Block(b.get("kind", "paragraph"), Line(b["start"], b["end"], raw[b["start"]:b["end"]])))
        pos = b["end"]
    edits += _gap(raw, pos, len(raw), "\n")
    edits.sort(key=lambda e: (e.raw_start, e.raw_end))
    return edits, kept


def plan_page_edits(raw: str, printed: dict) -> tuple[list[Edit], list[Block], list[Caption]]:
    """The edits for any raw page: HTML pages (``printed.markup == "html"``) here, text by
    :func:`kjpacts.corpus.cleaning.plan_edits`."""
    if printed.get("markup") == "html":
        edits, blocks = plan_html_edits(raw, printed)
        return edits, blocks, []
    return plan_edits(raw, printed)
