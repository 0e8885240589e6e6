"""Dates an HTML page states about itself, outside its visible text: ``<meta>`` tags
(``article:published_time``...), schema.org JSON-LD (``datePublished``, ``dateModified``) and
``<time datetime=...>`` tags marked as the publication or update time.

Each is a :class:`MetaDate` with its role: ``published`` dates are evidence for the publication
date, ``modified`` ones are listed among the page's other dates (an update is not the story's date).
The day is taken as written (``2012-06-29T15:32:00+09:00`` is 29 June, the page's own local day).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
                  "publish-date", "publish_date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
                  "date", "parsely-pub-date", "article.published", "originalpublicationdate")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified", "dc.date.modified",
                 "dcterms.modified", "article.updated")
JSONLD = re.compile(r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>", re.S | re.I)
TIME_TAG = re.compile(r"<time\b[^>]*>", re.I)
_ATTR = re.compile(r'(\w[\w:-]*)(?:\s*=\s*("[^"]*"|\'[^\']*\'|[^\s>]+))?')
_DAY = re.compile(r"^\s*((?:19|20)\d\d)-([01]\d)-([0-3]\d)")
_ARTICLE = re.compile(r"Article|Posting|Report", re.I)


@dataclass(frozen=True)
class MetaDate:
    value: str  # YYYY-MM-DD
    role: str  # published | modified
    evidence: str


def _day(value: Any) -> str | None:
    m = _DAY.match(value) if isinstance(value, str) else None
    return "-".join(m.groups()) if m else None


def _walk(node: Any) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def jsonld_dates(raw: str) -> list[MetaDate]:
    """``datePublished`` / ``dateCreated`` and ``dateModified`` of the page's JSON-LD, article
    objects first; a block that is not valid JSON is skipped (it states nothing we can read)."""
    found = []
    for block in JSONLD.findall(raw):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        objects = sorted(_walk(data), key=lambda o: not _ARTICLE.search(str(o.get("@type", ""))))
        for obj in objects:
            kind = obj.get("@type", "object")
            for key, role in (("datePublished", "published"), ("dateCreated", "published"), ("dateModified", "modified")):
                day = _day(obj.get(key))
                if day:
                    found.append(MetaDate(day, role, f"The page's JSON-LD ({kind}) gives {key}={obj[key]!r}."))
    return found


def time_tag_dates(raw: str) -> list[MetaDate]:
    """``<time datetime>`` tags marked ``itemprop=datePublished``/``pubdate`` (or a class naming
    publication) or ``itemprop=dateModified`` (or a class naming an update); other time tags are not
    evidence of the page's own date."""
    found = []
    for tag in TIME_TAG.findall(raw):
        attrs = {k.lower(): (v or "").strip("\"'") for k, v in _ATTR.findall(tag[5:])}
        day = _day(attrs.get("datetime"))
        marks = " ".join([attrs.get("itemprop", ""), attrs.get("class", ""), "pubdate" if "pubdate" in attrs else ""]).lower()
        role = ("modified" if re.search(r"datemodified|updat|modif", marks) else
                "published" if re.search(r"datepublished|pubdate|publish|posted", marks) else None)
        if day and role:
            found.append(MetaDate(day, role, f"A <time> tag ({marks.strip()}) gives datetime={attrs['datetime']!r}."))
    return found


def metadata_dates(raw: str, tags: dict[str, str]) -> list[MetaDate]:
    """Every date the page states about itself: published ones first (meta tags, JSON-LD, time tags)."""
    found = []
    for names, role in ((PUBLISHED_META, "published"), (MODIFIED_META, "modified")):
        for name in names:
            day = _day(tags.get(name))
            if day:
                found.append(MetaDate(day, role, f"The page's metadata gives {name}={tags[name]!r}."))
    found += jsonld_dates(raw) + time_tag_dates(raw)
    return sorted(found, key=lambda d: d.role != "published")
