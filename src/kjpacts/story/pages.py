"""Read the saved pages given to ``kjpacts new``, refusing bad input with one line each.

A page is a ``.html``/``.htm`` file or the ``.txt`` a browser's "save as text" or a
copy-and-paste gives. Checks, each reported as ``file: what is wrong``:

- missing, empty, binary (NUL bytes), huge (over :data:`MAX_BYTES`) or not UTF-8;
- another language (detected by script: Hangul, kana, Han; or few English stopwords);
- a duplicate of a page given before (same bytes, or the same text after cleaning);
- no article text (fewer than :data:`MIN_WORDS` words in running prose).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from kjpacts.io import sha256_bytes

MAX_BYTES = 5_000_000
MIN_WORDS = 40
PAGE_SUFFIXES = (".txt", ".html", ".htm")

_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# A short list of very common English function words (a language check, not a stopword list).
_ENGLISH = frozenset("the of and to in a is that for on with as was by it at from said be has have "
                     "will would an are its this which not but were or their".split())


@dataclass(frozen=True)
class Page:
    """One accepted page: its file, exact bytes, decoded text and URL (if the URLs file gives one)."""

    path: Path
    data: bytes
    text: str
    url: str | None
    markup: str  # "text" or "html"

    @property
    def sha256(self) -> str:
        return sha256_bytes(self.data)


class PageProblem(ValueError):
    """A page that cannot be used; ``str()`` is the one-line message naming the file."""


def detect_language(text: str) -> str:
    """ISO 639-1 code by script and stopwords: ``ko``, ``ja``, ``zh``, ``en`` or ``und``.

    >>> detect_language("한미일 안보 협력이 강화됐다")
    'ko'
    >>> detect_language("日韓の軍事情報包括保護協定")
    'ja'
    >>> detect_language("South Korea and Japan signed the pact on Wednesday.")
    'en'
    """
    hangul, kana, han = len(_HANGUL.findall(text)), len(_KANA.findall(text)), len(_HAN.findall(text))
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    letters = sum(len(w) for w in words)
    cjk = hangul + kana + han
    if cjk > letters / 4 and cjk >= 5:
        if hangul >= kana and hangul >= han / 2:
            return "ko"
        return "ja" if kana else "zh"
    if not words:
        return "und"
    share = sum(w in _ENGLISH for w in words) / len(words)
    return "en" if share >= 0.12 else "und"


def decode_page(path: Path, data: bytes) -> str:
    """The page's text; raise :class:`PageProblem` for empty, binary, huge or non-UTF-8 files."""
    if not data.strip():
        raise PageProblem(f"{path}: the file is empty; save the page again")
    if len(data) > MAX_BYTES:
        raise PageProblem(f"{path}: {len(data):,} bytes is over the {MAX_BYTES:,}-byte limit for one page; "
                          "save only the article page")
    if b"\0" in data[:65536]:
        raise PageProblem(f"{path}: binary file (NUL bytes), not a saved web page; give a .html or .txt file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PageProblem(f"{path}: not UTF-8 (byte {exc.start}); save the page as UTF-8 text") from None
    return text


def read_urls(urls_csv: Path | None) -> tuple[dict[str, str], list[str]]:
    """``{file name: url}`` from a ``file,url`` CSV, and warnings (a row naming a missing page...)."""
    if urls_csv is None:
        return {}, []
    if not urls_csv.is_file():
        raise PageProblem(f"{urls_csv}: URLs file not found")
    with urls_csv.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or not {"file", "url"} <= set(reader.fieldnames):
            raise PageProblem(f"{urls_csv}: needs the columns file,url (found {', '.join(reader.fieldnames or []) or 'none'})")
        rows = [(r["file"].strip(), (r["url"] or "").strip()) for r in reader if r.get("file")]
    return {Path(f).name: u for f, u in rows if u}, []


def read_page(path: Path, url: str | None) -> Page:
    """Read and check one page (see the module docstring)."""
    if not path.is_file():
        raise PageProblem(f"{path}: page not found")
    data = path.read_bytes()
    text = decode_page(path, data)
    markup = "html" if path.suffix.lower() in (".html", ".htm") or re.match(r"\s*<(!doctype|html)", text, re.I) else "text"
    return Page(path, data, text, url, markup)


def check_language(page: Page, text: str) -> None:
    """Raise :class:`PageProblem` unless the article text is English (a page in Korean, Japanese or
    Chinese is named as such; one with too little text to tell is reported as having no article)."""
    lang = detect_language(text)
    if lang == "und":
        check_article(page, text)
    names = {"ko": "Korean", "ja": "Japanese", "zh": "Chinese", "und": "not recognisably English"}
    if lang != "en":
        raise PageProblem(f"{page.path}: the page is in {names[lang]} ({lang}); the kit's tools are for English "
                          "pages: give an English version or translate it first")


def check_article(page: Page, text: str) -> None:
    """Raise :class:`PageProblem` when the page has no running prose."""
    prose = [line for line in text.split("\n") if len(line.split()) >= 8]
    words = sum(len(line.split()) for line in prose)
    if words < MIN_WORDS:
        raise PageProblem(f"{page.path}: no article text found ({words} words in running prose; at least "
                          f"{MIN_WORDS} needed); is this the article page?")
