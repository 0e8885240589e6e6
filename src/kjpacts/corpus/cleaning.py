"""Raw page -> clean text, as a list of logged, reversible edits.

Every edit replaces ``raw[raw_start:raw_end]`` by ``clean_text``. Edits never
overlap, so the clean text is the raw page with each edit applied, and the raw
page is the clean text with each edit undone (:func:`rebuild_raw`).

Typography policy (what NLTK and students see):

- curly double quotes become ``"``; curly single quotes and apostrophes ``'``;
- non-breaking spaces used as paragraph indentation are removed; any other
  non-breaking space becomes a plain space;
- every kept line is its own paragraph, paragraphs are separated by exactly one
  blank line, and the text ends with one newline;
- trailing spaces are removed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Iterable


#: Categories a cleaning edit may carry; the schema and widgets use the same list.
EDIT_CATEGORIES: dict[str, str] = {
    "navigation": "site navigation or 'Back To Top' link",
    "share-widget": "share / social links or a link stub",
    "view-counter": "page view counter",
    "copyright-footer": "the site's copyright footer",
    "scrape-header": "a timestamp the site printed at scrape time, not the article's date",
    "photo-caption": "photo title or caption, kept as a structure field, not body text",
    "version-tag": "wire version tag, kept in the metadata",
    "site-furniture": "other page furniture named in documents.json printed.furniture (ads, 'read more' links, editor credits)",
    "markup": "HTML tags, comments, scripts and source whitespace (HTML pages)",
    "html-entity": "HTML character reference decoded (HTML pages)",
    "quote-normalised": "curly quotation mark made straight",
    "nbsp": "non-breaking space removed or made plain",
    "trailing-space": "space at the end of a line",
    "blank-lines": "run of blank lines collapsed to one",
    "paragraph-break": "blank line added so that each block is its own paragraph",
    "final-newline": "newline added at the end of the text",
}

QUOTE_MAP = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"}

# Lines that are page furniture, whatever the outlet. (pattern, category, reason)
FURNITURE_PATTERNS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^Back To Top$"), "navigation", "'Back To Top' link"),
    (re.compile(r"^select languages$"), "navigation", "language menu"),
    (re.compile(r"^(latestnews)+ RSS$"), "navigation", "'latest news' / RSS links"),
    (re.compile(r"^Home > .+"), "navigation", "breadcrumb trail"),
    (re.compile(r"^Views: \d+$"), "view-counter", "page view counter"),
    (re.compile(r"^Short link:$"), "share-widget", "short-link widget label"),
    (re.compile(r"^Korea Herald Youtube$"), "share-widget", "link to the outlet's video channel"),
    (re.compile(r"^\u00a9[\s\u00a0]*\d{4}"), "copyright-footer", "site copyright footer"),
    (re.compile(r"^Last Update \d{1,2}:\d{2}$"), "scrape-header", "'Last Update' time of the web page"),
]
_WEEKDAY_DATE = re.compile(
    r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} [A-Z][a-z]+ \d{4}$"
)
_VERSION_TAG = re.compile(r"^\((\d+(?:st|nd|rd|th) LD|LEAD|URGENT)\) ")


@dataclass(frozen=True)
class Edit:
    """One logged change: ``raw[raw_start:raw_end]`` became ``clean_text``."""

    raw_start: int
    raw_end: int
    raw_text: str
    clean_text: str
    category: str
    reason: str
    clean_start: int = -1
    clean_end: int = -1

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Line:
    start: int  # raw offset of the first character
    end: int  # raw offset just past the content (before any newline)
    text: str


@dataclass(frozen=True)
class Block:
    """A kept line: its raw span and the structure kind it was given."""

    kind: str
    line: Line


@dataclass(frozen=True)
class Caption:
    """A photo caption moved out of the body text."""

    title: str | None
    text: str
    credit: str | None
    raw_start: int
    raw_end: int


def split_lines(raw: str) -> list[Line]:
    """Split ``raw`` into lines with raw offsets (newlines excluded)."""
    lines, pos = [], 0
    for part in raw.split("\n"):
        lines.append(Line(pos, pos + len(part), part))
        pos += len(part) + 1
    return lines


def furniture_category(text: str) -> tuple[str, str] | None:
    """Return ``(category, reason)`` when a whole line is page furniture."""
    for pattern, category, reason in FURNITURE_PATTERNS:
        if pattern.search(text):
            return category, reason
    return None


def classify_lines(raw: str, printed: dict) -> tuple[list[Block], list[tuple[Line, str, str]], list[Caption]]:
    """Sort raw lines into kept blocks, dropped furniture and photo captions.

    ``printed`` holds strings as printed on the page (from the curated metadata):
    ``headline``, ``standfirst``, ``byline``, ``credit_line``, ``date_line`` and
    ``captions`` (list of ``{"title", "text", "credit"}``). A kept line equal to
    one of them gets that structure kind; any other kept line is a paragraph.
    """
    kinds = {printed[k]: k for k in ("headline", "standfirst", "byline", "credit_line", "date_line") if printed.get(k)}
    caption_lines: dict[str, tuple[str, dict]] = {}
    for cap in printed.get("captions", []):
        caption_lines[cap["text"]] = ("text", cap)
        if cap.get("title"):
            caption_lines[cap["title"]] = ("title", cap)
    blocks, dropped, captions = [], [], []
    marked = {f["text"]: f for f in printed.get("furniture", [])}  # chosen by `kjpacts new`, reviewable
    prefixes = [f for f in marked.values() if f.get("match") == "prefix"]
    suffixes = [f for f in marked.values() if f.get("match") == "suffix"]
    lines = split_lines(raw)
    for i, line in enumerate(lines):
        text = line.text
        if not text.strip():
            if text:  # a line of spaces only: dropped like a blank line
                dropped.append((line, "blank-lines", "line of spaces only"))
            continue
        prefix = next((f for f in prefixes if text.startswith(f["text"]) and len(text) > len(f["text"])), None)
        if prefix is not None:  # e.g. a scraper's " date 2019-11-22 " before the headline: cut from the first line only
            prefixes.remove(prefix)
            cut = line.start + len(prefix["text"])
            dropped.append((Line(line.start, cut, prefix["text"]), prefix["category"], prefix["reason"]))
            line = Line(cut, line.end, text[len(prefix["text"]):])
            text = line.text
        suffix = next((f for f in suffixes if text.endswith(f["text"]) and len(text) > len(f["text"])), None)
        if suffix is not None:  # e.g. "|World|0 Comments" after a printed date: cut from one line only
            suffixes.remove(suffix)
            cut = line.end - len(suffix["text"])
            dropped.append((Line(cut, line.end, suffix["text"]), suffix["category"], suffix["reason"]))
            line = Line(line.start, cut, text[:len(text) - len(suffix["text"])])
            text = line.text
        if text in marked and marked[text].get("match", "line") == "line":  # what is left may be furniture too
            dropped.append((line, marked[text]["category"], marked[text]["reason"]))
            continue
        if text in caption_lines:
            role, cap = caption_lines[text]
            dropped.append((line, "photo-caption", f"photo {role}, kept in the structure file"))
            if role == "text":
                captions.append(Caption(cap.get("title"), cap["text"], cap.get("credit"), line.start, line.end))
            continue
        found = furniture_category(text)
        if found is None and _WEEKDAY_DATE.match(text) and i > 0 and furniture_category(lines[i - 1].text):
            found = ("scrape-header", "date printed under the 'Last Update' time")
        if found:
            dropped.append((line, *found))
            continue
        blocks.append(Block(kinds.get(text, "paragraph"), line))
    return blocks, dropped, captions


def inline_edits(line: Line, kind: str) -> list[Edit]:
    """Typography and tag edits inside one kept line."""
    edits: list[Edit] = []
    text, base = line.text, line.start
    lead = re.match(r"^[\u00a0 ]+", text)
    skip_to = 0
    if lead:
        edits.append(Edit(base, base + lead.end(), lead.group(), "", "nbsp", "paragraph indent made of non-breaking spaces"))
        skip_to = lead.end()
    if kind == "headline":
        tag = _VERSION_TAG.match(text[skip_to:])
        if tag:
            s = base + skip_to
            edits.append(Edit(s, s + tag.end(), tag.group(), "", "version-tag", f"wire version tag {tag.group(1)!r}"))
            skip_to += tag.end()
    trail = re.search(r"[ \u00a0\t\r]+$", text)  # \r: Windows line ends
    stop = max(trail.start(), skip_to) if trail else len(text)  # a run starting inside a tag: cut the rest
    for i in range(skip_to, stop):
        ch = text[i]
        if ch in QUOTE_MAP:
            edits.append(Edit(base + i, base + i + 1, ch, QUOTE_MAP[ch], "quote-normalised", f"U+{ord(ch):04X} -> {QUOTE_MAP[ch]}"))
        elif ch == "\u00a0":
            edits.append(Edit(base + i, base + i + 1, ch, " ", "nbsp", "non-breaking space made plain"))
    if stop < len(text):
        edits.append(Edit(base + stop, base + len(text), text[stop:], "", "trailing-space", "space at line end"))
    return edits


def gap_edits(raw: str, start: int, end: int, dropped: list[tuple[Line, str, str]], newlines_wanted: int) -> list[Edit]:
    """Edits for the raw text between two kept lines (or a file edge).

    Dropped lines are removed with their own newline, one edit each; the
    newlines left over are trimmed or padded to ``newlines_wanted``.
    """
    edits: list[Edit] = []
    inside = [d for d in dropped if start <= d[0].start and d[0].end <= end]
    covered: list[tuple[int, int]] = []
    for line, category, reason in inside:
        stop = line.end + 1 if line.end < end and raw[line.end] == "\n" else line.end
        edits.append(Edit(line.start, stop, raw[line.start:stop], "", category, reason))
        covered.append((line.start, stop))
    free = [i for i in range(start, end) if not any(a <= i < b for a, b in covered)]
    assert all(raw[i] == "\n" for i in free), f"unexpected text between lines at {start}-{end}"
    keep = free[:newlines_wanted]
    surplus = free[newlines_wanted:]
    for i in surplus:
        edits.append(Edit(i, i + 1, "\n", "", "blank-lines", "blank line beyond one between paragraphs"))
    missing = newlines_wanted - len(keep)
    if missing > 0:
        category = "final-newline" if end == len(raw) else "paragraph-break"
        edits.append(Edit(end, end, "", "\n" * missing, category, EDIT_CATEGORIES[category]))
    return edits


def plan_edits(raw: str, printed: dict) -> tuple[list[Edit], list[Block], list[Caption]]:
    """All edits that turn the plain-text page ``raw`` into clean text, sorted by raw offset.

    (HTML pages are planned by :func:`kjpacts.corpus.markup.plan_page_edits`, which calls this
    one for text.)"""
    blocks, dropped, captions = classify_lines(raw, printed)
    if not blocks:
        raise ValueError("no text left after removing page furniture")
    edits: list[Edit] = []
    edits += gap_edits(raw, 0, blocks[0].line.start, dropped, 0)
    for prev, nxt in zip(blocks, blocks[1:]):
        edits += gap_edits(raw, prev.line.end, nxt.line.start, dropped, 2)
    edits += gap_edits(raw, blocks[-1].line.end, len(raw), dropped, 1)
    for block in blocks:
        edits += inline_edits(block.line, block.kind)
    edits.sort(key=lambda e: (e.raw_start, e.raw_end))
    return edits, blocks, captions


def apply_edits(raw: str, edits: Iterable[Edit]) -> tuple[str, list[Edit]]:
    """Apply sorted, non-overlapping edits; return clean text and edits with clean offsets."""
    out: list[str] = []
    placed: list[Edit] = []
    pos = clean_len = 0
    for e in edits:
        if e.raw_start < pos:
            raise ValueError(f"overlapping edits at raw offset {e.raw_start}")
        if raw[e.raw_start:e.raw_end] != e.raw_text:
            raise ValueError(f"edit at raw {e.raw_start}-{e.raw_end} does not match the raw text")
        chunk = raw[pos:e.raw_start]
        out.append(chunk)
        clean_len += len(chunk)
        out.append(e.clean_text)
        placed.append(Edit(e.raw_start, e.raw_end, e.raw_text, e.clean_text, e.category, e.reason,
                           clean_len, clean_len + len(e.clean_text)))
        clean_len += len(e.clean_text)
        pos = e.raw_end
    out.append(raw[pos:])
    return "".join(out), placed


def rebuild_raw(clean: str, edits: Iterable[Edit]) -> str:
    """Undo every edit: the raw page from the clean text and the log."""
    out: list[str] = []
    pos = 0
    for e in edits:
        if clean[e.clean_start:e.clean_end] != e.clean_text:
            raise ValueError(f"log edit at clean {e.clean_start}-{e.clean_end} does not match the clean text")
        out.append(clean[pos:e.clean_start])
        out.append(e.raw_text)
        pos = e.clean_end
    out.append(clean[pos:])
    return "".join(out)


def clean_to_raw(offset: int, edits: list[Edit], side: str = "start") -> int:
    """Map a clean-text offset to the raw page.

    At a removal, a ``start`` offset maps past the removed text and an ``end``
    offset maps before it. An offset inside a replacement maps into what it
    replaced (a straightened quote maps to the curly one).
    """
    shift = 0
    for e in edits:
        if offset < e.clean_start or (offset == e.clean_start and (side == "end" or e.clean_end > e.clean_start)):
            break
        if offset < e.clean_end:
            return e.raw_start + min(offset - e.clean_start, e.raw_end - e.raw_start)
        shift = e.raw_end - e.clean_end
    return offset + shift
