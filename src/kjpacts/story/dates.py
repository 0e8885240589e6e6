"""Calendar words and printed dates: the small parser that provenance and TIMEX share.

>>> find_dates("Friday, June 29, 2012")[0].value
'2012-06-29'
>>> find_dates("15:52 23 November 2016")[0].value
'2016-11-23'
>>> find_dates("SEOUL, Nov. 23, Kyodo")[0].value
'XXXX-11-23'
>>> [d.value for d in find_dates("22.11.2019, 22/11/2019 and 11/22/2019")]
['2019-11-22', '2019-11-22', '2019-11-22']
>>> find_dates("Posted July. 24, 2019 07:52")[0].value
'2019-07-24'
>>> find_dates("2019 11 23")[0].value
'2019-11-23'
>>> find_dates("signed on 23 Nov 16 in Seoul")[0].value  # day, month, two-digit year
'2016-11-23'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTH_ABBR = {m[:3]: i for m, i in MONTHS.items()} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
        r"Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WD = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
#: Printed dates, most specific first; groups m (month), d (day), y (year).
DATE_PATTERNS = [
    re.compile(rf"\b(?:{_WD},? )?(?P<m>{_MON}|(?:{'|'.join(m.capitalize() for m in MONTHS)})\.) (?P<d>{_DAY}),? "
               rf"(?P<y>(?:19|20)\d\d)\b"),  # also "July. 24, 2019", as the Dong-A Ilbo prints it
    re.compile(rf"\b(?:{_WD},? )?(?P<d>{_DAY}) (?P<m>{_MON}),? (?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"(?<![\d.-])(?P<y>(?:19|20)\d\d)([-./])(?P<mm>[01]\d)\2(?P<d>[0-3]\d)(?![\d-])"),
    re.compile(rf"\b(?P<d>{_DAY})-(?P<m>{_MON})-(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<mm>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<d>[0-3]?\d)/(?P<mm>[01]?\d)/(?P<y>(?:19|20)\d\d)\b"),  # "22/11/2019": only where US order fails
    re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<mm>[01]?\d)\.(?P<y>(?:19|20)\d\d)(?![\d.])"),  # "22.11.2019"
    re.compile(r"(?<![\d.])(?P<y>(?:19|20)\d\d)\. (?P<mm>[01]?\d)\. (?P<d>[0-3]?\d)\b"),  # "2019. 11. 22"
    re.compile(r"(?<![\d.])(?P<d>[0-3]\d)\.(?P<mm>[01]\d)\.(?P<yy>\d\d)(?![\d.])"),  # "22.11.16": day, month, two-digit year
    re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d\d) (?P<mm>0[1-9]|1[0-2]) (?P<d>0[1-9]|[12]\d|3[01])(?![\d.,])"),  # "2019 11 23"
    re.compile(r"(?<![\d-])(?P<mm>[01]\d)-(?P<d>[0-3]\d)-(?P<yy>\d\d)(?![\d-])"),
    re.compile(rf"\b(?P<d>{_DAY}) (?P<m>{_MON}) (?P<yy>\d\d)\b(?![\d:%.,]\d| ?%| (?:percent|per cent|people|of)\b)"),  # "23 Nov 16"
    re.compile(rf"\b(?P<m>{_MON}) (?P<d>{_DAY})\b(?!,? (?:19|20)\d\d)"),
    re.compile(rf"\b(?P<d>{_DAY}) (?P<m>{_MON})\b(?!,? (?:19|20)\d\d)"),
]


@dataclass(frozen=True)
class FoundDate:
    text: str
    start: int
    end: int
    value: str  # YYYY-MM-DD, or XXXX-MM-DD with no year


def month_number(word: str) -> int:
    """``'Nov.'`` -> 11."""
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR[w[:4] if w.startswith("sept") else w[:3]]


def find_dates(text: str) -> list[FoundDate]:
    """Every printed calendar date in ``text``, left to right, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            g = m.groupdict()
            month = int(g["mm"]) if g.get("mm") else month_number(g["m"])
            day = int(re.match(r"\d+", g["d"]).group())
            year = g.get("y") or (f"20{g['yy']}" if g.get("yy") else None)  # "12-26-14": US order, 21st century
            try:
                dt.date(int(year) if year else 2000, month, day)
            except ValueError:
                continue
            value = f"{year or 'XXXX'}-{month:02d}-{day:02d}"
            found.append(FoundDate(m.group(), m.start(), m.end(), value))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


def weekday_of(value: str) -> str | None:
    """Weekday name of a full ISO date, else None."""
    try:
        return WEEKDAYS[dt.date.fromisoformat(value).weekday()]
    except ValueError:
        return None


def url_date(url: str | None) -> tuple[str, str] | None:
    """``(value, what)`` for a date in a URL path: ``/2012/06/29/``, ``pact-2012-06-29.html``,
    ``AEN20120629...``, an id of lower-case letters, the date and more digits
    (``/news/yjj2018122107849/``), ``/2012/0629/`` (year, then month and day together), ``/2016/11/``, and an
    archive's year folder with a six-digit YYMMDD in the file name after it (``/2019/rok-191123-nhk01.htm``), and a
    month by name (``/2012/jun/29/``)."""
    if not url:
        return None
    named = re.search(r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*/([0-3]?\d)(?:/|$)", url, re.I)
    if named:  # the Guardian's /2012/jun/29/
        month = ("jan feb mar apr may jun jul aug sep oct nov dec".split().index(named.group(2).lower()[:3])) + 1
        try:
            dt.date(int(named.group(1)), month, int(named.group(3)))
            return f"{named.group(1)}-{month:02d}-{int(named.group(3)):02d}", "day"
        except ValueError:
            pass
    archive = re.search(r"/((?:19|20)(\d\d))/[^/?#]*?(?<!\d)\2([01]\d)([0-3]\d)(?!\d)", url)  # /2019/rok-191123-nhk01.htm
    if archive:
        try:
            dt.date(int(archive.group(1)), int(archive.group(3)), int(archive.group(4)))
            return f"{archive.group(1)}-{archive.group(3)}-{archive.group(4)}", "day"
        except ValueError:
            pass
    for pattern, what in ((r"/((?:19|20)\d\d)[/-]([01]\d)[/-]([0-3]\d)(?:/|\b)", "day"),
                          (r"(?<![\d.])((?:19|20)\d\d)[-_]([01]\d)[-_]([0-3]\d)(?![\d])", "day"),  # a slug: ...-2012-06-29-...
                          (r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)", "day"),
                          (r"/((?:19|20)\d\d)/([01]\d)([0-3]\d)(?:/|\b)", "day"),  # csmonitor: /2012/0629/
                          (r"AEN((?:19|20)\d\d)([01]\d)([0-3]\d)\d", "day"),  # Yonhap's article id: AEN20120629004151315
                          (r"/[a-z]{2,4}((?:19|20)\d\d)([01]\d)([0-3]\d)\d{3,}(?:[/?#.]|$)", "day"),  # an id: /yjj2018122107849/
                          (r"/((?:19|20)\d\d)[/-]([01]\d)(?:/|\b)", "month")):
        m = re.search(pattern, url)
        if m:
            parts = m.groups()
            try:
                dt.date(int(parts[0]), int(parts[1]), int(parts[2]) if what == "day" else 1)
            except ValueError:
                continue
            return "-".join(parts), what
    return None


#: Labels printed just before a date, saying what it is: the story's first publication, or an update.
PUBLISHED_LABEL = re.compile(r"(posted|published|first published|created|released|issued|\uc785\ub825|\ub4f1\ub85d|"
                             r"\ubc1c\ud589|\uc1a1\uace0|^\W*date)$", re.I)  # the Korean: 입력 (posted), 등록, 발행, 송고
UPDATED_LABEL = re.compile(r"(updated?|last updated|modified|last modified|revised|edited|\uc218\uc815|"
                           r"\uc5c5\ub370\uc774\ud2b8)$", re.I)  # 수정 (modified), 업데이트
_BETWEEN = re.compile(rf"(?:[\s\d:.,|()\u2013\u2014/-]|\b(?:on|at|am|pm|a\.m\.|p\.m\.|{_WD}|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?)\b)*$",
                      re.I)


def date_role(before: str) -> str | None:
    """``published`` or ``updated`` when a label ("Posted :", "Updated", "Last modified on") comes
    right before a date (only times, weekdays and punctuation between), else None."""
    head = before[:_BETWEEN.search(before).start()].rstrip()
    if UPDATED_LABEL.search(head):
        return "updated"
    if PUBLISHED_LABEL.search(head):
        return "published"
    return None
