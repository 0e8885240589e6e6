"""Turn TIMEX3 values into calendar intervals (for the timeline and the document viewer).

>>> resolve_value("2012-05")
Resolved(start=datetime.date(2012, 5, 1), end=datetime.date(2012, 5, 31), precision='month')
>>> resolve_value("1910/1945").precision
'range'
>>> resolve_value("PAST_REF") is None
True
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_MOD_WORDS = {"START": "early", "MID": "mid", "END": "late", "APPROX": "about", "BEFORE": "before",
              "AFTER": "after", "ON_OR_BEFORE": "on or before", "ON_OR_AFTER": "on or after"}


@dataclass(frozen=True)
class Resolved:
    """A closed calendar interval ``start``-``end`` and how precise the value is."""

    start: date
    end: date
    precision: str  # day, week, month, season, quarter, year, decade, century, range

    @property
    def middle(self) -> date:
        return self.start + (self.end - self.start) / 2


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def resolve_value(value: str) -> Resolved | None:
    """A TIMEX3 ``value`` as an interval, or ``None`` for values with no calendar place
    (durations, sets, ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, dates whose year is unknown)."""
    if not value:
        return None
    if "/" in value:
        parts = [resolve_value(p) for p in value.split("/", 1)]
        if parts[0] and parts[1]:
            return Resolved(parts[0].start, parts[1].end, "range")
        return None
    v = value.split("T", 1)[0]
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", v):
            d = date(*map(int, m.groups()))
            return Resolved(d, d, "day")
        if m := re.fullmatch(r"(\d{4})-W(\d{2})", v):
            y, w = map(int, m.groups())
            first = date.fromisocalendar(y, w, 1)
            return Resolved(first, first + timedelta(days=6), "week")
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = map(int, m.groups())
            return Resolved(date(y, mo, 1), _month_end(y, mo), "month")
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", v):
            y, (a, b) = int(m.group(1)), _SEASONS[m.group(2)]
            end = _month_end(y + (b - 1) // 12, (b - 1) % 12 + 1)
            return Resolved(date(y, a, 1), end, "season")
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m.group(1)), int(m.group(2))
            return Resolved(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter")
        if m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m.group(1)), int(m.group(2))
            return Resolved(date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half-year")
        if re.fullmatch(r"\d{4}", v):
            y = int(v)
            return Resolved(date(y, 1, 1), date(y, 12, 31), "year")
        if re.fullmatch(r"\d{3}", v):
            y = int(v) * 10
            return Resolved(date(y, 1, 1), date(y + 9, 12, 31), "decade")
        if re.fullmatch(r"\d{2}", v):
            y = int(v) * 100
            return Resolved(date(y, 1, 1), date(y + 99, 12, 31), "century")
    except ValueError:
        return None
    return None


def apply_mod(r: Resolved, mod: str | None) -> Resolved:
    """Narrow an interval for ``START``/``MID``/``END`` (first, middle, last third)."""
    if mod not in ("START", "MID", "END") or r.start == r.end:
        return r
    third = (r.end - r.start) / 3
    if mod == "START":
        return Resolved(r.start, r.start + third, r.precision)
    if mod == "MID":
        return Resolved(r.start + third, r.start + 2 * third, r.precision)
    return Resolved(r.end - third, r.end, r.precision)


def describe(r: Resolved, mod: str | None = None) -> str:
    """Readable form: '10 Jan 2011', 'May 2012', 'early Dec 2010', '1910-1945'."""
    word = _MOD_WORDS.get(mod or "", "")
    p = r.precision
    if p == "day":
        s = f"{r.start.day} {r.start:%b %Y}"
    elif p == "month":
        s = f"{r.start:%b %Y}"
    elif p == "year":
        s = f"{r.start.year}"
    elif p == "week":
        s = f"week of {r.start.day} {r.start:%b %Y}"
    elif p == "season":
        names = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
        s = f"{names.get(r.start.month, 'season')} {r.start.year}"
    elif p == "century":
        s = f"{r.start.year // 100 + 1}th century"
    elif p == "decade":
        s = f"{r.start.year}s"
    elif p == "range":
        s = f"{r.start.year}-{r.end.year}" if r.start.year != r.end.year else f"{r.start:%d %b}-{r.end:%d %b %Y}"
    else:
        s = f"{r.start:%b %Y}-{r.end:%b %Y}"
    return f"{word} {s}".strip()


def published_interval(meta: dict) -> Resolved | None:
    """A document's publication date (``published`` + ``published_precision``)."""
    return resolve_value(meta.get("published") or "")
