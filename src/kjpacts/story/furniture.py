"""Which lines of a saved page are page furniture: transparent rules, one reason each.

Each rule is ``(pattern, category, reason)``; a line that matches is dropped by the
cleaning step (it is written to ``documents.json`` ``printed.furniture``, so the reviewer
sees and can undo every choice). Printed dates, headlines, bylines and datelines are
kept: they are provenance. Photo captions are moved to the structure file.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
#: Whole-line rules: (pattern, category, reason).
LINE_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^(select languages?|all headlines|latest headlines|top stories|most (read|viewed|popular)|"
                r"related (articles|stories|news)|more news|skip to (main )?content|menu|search|home|"
                r"back to top|print|e-?mail|share( this)?|tweet|subscribe|log ?in|sign in|sign up)$", _I),
     "navigation", "site menu or section heading"),
    (re.compile(r"^Home\s*[>»]"), "navigation", "breadcrumb trail"),
    (re.compile(r"\bRSS\b|^(sns|facebook|twitter|mobile)(\s+\w+){0,4}$", _I), "navigation", "RSS, social or app links"),
    (re.compile(r"^(Short link:|Korea Herald Youtube|Share on \w+.*|Follow us on .+)$", _I), "share-widget", "share or follow widget"),
    (re.compile(r"^Views: \d+$"), "view-counter", "page view counter"),
    (re.compile(r"^\s*(\u00a9|\(c\)|copyright\b)", _I), "copyright-footer", "copyright footer"),
    (re.compile(r"^\(?(Last Update[sd]?|Last modified|Updated|Modified)\b:?\s*\(?\s*\d", _I), "scrape-header", "'last updated' time of the web page"),
    (re.compile(r"^(https?://|www\.)\S+$", _I), "navigation", "the page's own address printed as text"),
    (re.compile(r"^[\W_]*$|^\d{1,2}:\d{2}(:\d{2})?$"), "site-furniture", "symbols only, or a bare clock time (a video length)"),
    (re.compile(r"^\[[^\]]{0,40}\]$"), "site-furniture", "a bracketed label alone on its line (script or widget label)"),
    (re.compile(r"^[A-Z][\w ]{0,20} ?:$"), "site-furniture", "a template label with no value ('ID :', 'Author:')"),
    (re.compile(r"^\d{3,}$"), "site-furniture", "a bare number (page id or counter)"),
    (re.compile(r"^(advertisement|advertising|sponsored( content)?|ad)$", _I), "site-furniture", "advertisement slot"),
    (re.compile(r"^(read more:?|continue reading|read the (full|rest of the) story\b.*|full story\b.*|"
                r"comments are closed\.?|leave a (comment|reply)|\d+ comments?|filed under:.*|tags?:.*|"
                r"posted (in|by) .*|editor: .*|reporting by .*|editing by .*)$", _I),
     "site-furniture", "'read more' link, blog or comment furniture, or an editor credit"),
    (re.compile(r"^\([A-Z]{1,4}(-[A-Z]{1,4})+\)\W*$"), "site-furniture", "desk code of the wire editor"),
    (re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4} by \w+$"), "site-furniture", "blog post header (date and poster)"),
    (re.compile(r"^\(?(END|MORE)\)?$"), "site-furniture", "wire end marker"),
    (re.compile(r"^(join (our|the) (mailing list|newsletter)|sign up for .+|subscribe to .+|get the .+ newsletter)\W*$", _I),
     "site-furniture", "newsletter or mailing-list prompt"),
    (re.compile(r"^(?=.{0,60}$).*\b(buy|shop|order|find|get|click|download|win|try)\b.*!$", _I),
     "site-furniture", "short advertising call ending in '!'"),
]
#: Line-prefix rules: a scraper's stamp glued to the first line.
PREFIX_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"^\s*date \d{4}-\d{2}-\d{2} "), "scrape-header", "scraper's date stamp before the headline"),
    (re.compile(r"^\d+(st|nd|rd|th) LD[- ]Writethru:? ", _I), "version-tag", "wire version tag before the headline"),
    (re.compile(r"^\.\.\. [^\n]{20,}?\.\.\.(?=[A-Z])"), "site-furniture", "teaser excerpt between ellipses glued before the article"),
]
#: A photo caption: a credit, or a "(L)"/"(R)" position marker.
CAPTION = re.compile(r"\b(Photo|Phot|Pictured|Image)( by|:|\s*credit)|/\s*[A-Z][\w-]* (Photo|Photos|Images)\b|"
                     r"\bLicense Photo\b|\b[A-Z]{2,}/[A-Z][a-z]+ [A-Z][a-z]+$|^!\[[^\]]*\]\(\)|/ [A-Z][\w ]+ \|$|\((L|R|C|left|right|center|centre)\)|"
                     r"\s[\u2013\u2014-] [A-Z][A-Z .'-]+ / [A-Z][A-Z /]+$")


def line_furniture(text: str) -> tuple[str, str] | None:
    """``(category, reason)`` when the whole line is furniture, else None."""
    stripped = text.strip()
    if not stripped:
        return None
    for pattern, category, reason in LINE_RULES:
        if pattern.search(stripped) and (category != "navigation" or len(stripped.split()) <= 6):
            return category, reason
    return None


def prefix_furniture(text: str) -> tuple[str, str, str] | None:
    """``(prefix, category, reason)`` when the line opens with furniture, else None."""
    for pattern, category, reason in PREFIX_RULES:
        m = pattern.match(text)
        if m and m.end() < len(text):
            return m.group(), category, reason
    return None


def is_caption(text: str) -> bool:
    """True for a photo caption line (the cleaning step keeps it in the structure file)."""
    return bool(CAPTION.search(text)) and len(text.split()) >= 4
