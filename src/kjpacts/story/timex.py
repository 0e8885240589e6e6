"""TIMEX3 candidates by rule, resolved against the publication date.

Rules, in order (earlier rules win where spans overlap):

1. calendar dates (``June 29, 2012``, ``23 Nov 16`` with a two-digit year; ``Nov. 23``: the year of the publication date);
2. times (``4 p.m.``, ``15:52``) on the publication day;
3. relative days and periods: ``today``, ``yesterday``, ``tomorrow``, ``this/last/next
   week|month|year``, ``later this year``, ``the middle of this week``, ``the end of the month``,
   ``later in the day``;
4. weekdays: the nearest such day before the publication date (or the day itself), or after
   it when the sentence talks of the future (``will``, ``is set to``, ``as early as``,
   ``next``, ``was due to``); a past form after "be" (``will be held``, ``to be renewed``) is
   not a past verb;
5. durations (``three years``, ``less than a month``, ``one-year``, ``the past year`` = P1Y,
   ``multiyear`` = PXY, ``decades-old`` = PXDE, a bare plural with a word of amount: ``just hours before`` =
   PTXH, ``after months of`` = PXM) and sets (``every year``);
6. year ranges (``1910-45``) and bare years (``in 2012``);
7. vague past or present (``recent years``, ``a short while ago``, ``now``).

Each candidate is a kit Timex record (see ``annotations/FORMAT.md``) with a note naming its rule.
"""

from __future__ import annotations

import datetime as dt
import re

from .dates import DATE_PATTERNS, WEEKDAYS, month_number

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

NUM = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
NUM |= {"a": 1, "an": 1, "a dozen": 12, "several": None, "a few": None, "fifteen": 15, "twenty": 20,
        "thirty": 30, "fifty": 50, "a hundred": 100}
UNIT = {"year": "Y", "month": "M", "week": "W", "day": "D", "decade": "DE", "century": "CE",
        "hour": "H", "minute": "M", "second": "S"}
_NUMW = r"(?:\d+|a dozen|a few|several|a hundred|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)"
_UNITW = r"(?:year|month|week|day|decade|century|hour|minute|second)s?"
#: A bare plural unit with a word that makes it a vague amount of time: "just hours before", "after months of
#: talks", "the lowest point in years", "Hours before it was set"; not after a number or a determiner.
BARE_UNITS = re.compile(r"(?:\b(?P<pre>just|only|mere|within|for|in|after|over|took|lasted) |(?P<cap>(?:^|(?<=[.!?] ))(?=[A-Z])))"
                        r"?\b(?P<unit>(?i:hours|days|weeks|months|years|decades))\b"
                        r"(?P<post> (?:of|before|after|later|earlier|ago)\b)?", re.M)
_NOT_BEFORE_BARE = r"\b(?:the|these|those|recent|past|coming|next|last|first|many|some|several|few|of)\s+$"
PAST = re.compile(r"^(\w+ed|said|told|met|held|made|took|gave|came|went|began|signed|sent|won|lost|left|saw|"
                  r"thought|brought|spoke|wrote|announced|was|were)$", re.I)
FUTURE = re.compile(r"\b(will|would|shall|is set to|are set to|is to|are to|plans? to|scheduled|expected to|as early as|next|upcoming|coming|"
                    r"(?:is|are|was|were) due to)\b", re.I)
#: "be" before a past form makes it a participle of a passive or future ("will be held", "due to be renewed").
_BE_BEFORE = re.compile(r"\bbe\s+(?:\w+ly\s+)?$", re.I)


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _anchor(published: str, precision: str) -> dt.date | None:
    return dt.date.fromisoformat(published) if precision == "day" else None


def _shift_month(d: dt.date, months: int) -> str:
    m = d.month - 1 + months
    return f"{d.year + m // 12}-{m % 12 + 1:02d}"


def _duration(num: str, unit: str) -> str | None:
    n = NUM.get(num.lower()) if not num.isdigit() else int(num)
    u = unit.lower().rstrip("s")
    if n is None:
        return f"P{'T' if u in ('hour', 'minute', 'second') else ''}X{UNIT[u]}"
    if u == "decade":
        return f"P{n * 10}Y"
    if u == "century":
        return f"P{n * 100}Y"
    return f"P{'T' if u in ('hour', 'minute', 'second') else ''}{n}{UNIT[u]}"


def find_timexes(text: str, published: str, precision: str) -> list[dict]:
    """Timex records (without ids) for the clean ``text`` of one document."""
    anchor = _anchor(published, precision)
    year = int(published[:4])
    out: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, type_: str, value: str | None, rule: str, mod: str | None = None,
            anchor_kind: str = "published") -> None:
        if value is None or any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        out.append({"start": start, "end": end, "text": text[start:end], "type": type_, "value": value,
                    "mod": mod, "anchor": anchor_kind, "function": None, "note": f"machine: {rule}"})

    # 1. calendar dates
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            month = int(g["mm"]) if g.get("mm") else month_number(g["m"])
            day = int(re.match(r"\d+", g["d"]).group())
            y = int(g["y"]) if g.get("y") else int(f"20{g['yy']}") if g.get("yy") else year
            try:
                dt.date(y, month, day)
            except ValueError:
                continue
            add(m.start(), m.end(), "DATE", f"{y}-{month:02d}-{day:02d}",
                "calendar date" if g.get("y") or g.get("yy") else "calendar date, year of the publication date",
                anchor_kind="absolute" if g.get("y") or g.get("yy") else "published")
    # 2. times of day
    day_value = anchor.isoformat() if anchor else (published + "-XX-XX")[:10]  # "2011-XX-XXT16:00": TimeML's unknown day
    for m in re.finditer(r"\b(\d{1,2})(?::(\d{2}))? ?(a\.m\.|p\.m\.|am\b|pm\b)|\b([01]?\d|2[0-3]):([0-5]\d)\b", text, re.I):
        if m.group(3):
            h = int(m.group(1)) % 12 + (12 if m.group(3).lower().startswith("p") else 0)
            mi = int(m.group(2) or 0)
        else:
            h, mi = int(m.group(4)), int(m.group(5))
        add(m.start(), m.end(), "TIME", f"{day_value}T{h:02d}:{mi:02d}", "clock time on the publication day")
    for m in re.finditer(r"\b(midnight|noon|midday)\b", text, re.I):  # the nearest one the clause's tense allows
        if not anchor:
            continue
        clause = text[max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1:m.start()]
        past = re.search(r"\b(?:was|were|had|would|did|\w+ed)\b", clause, re.I)
        hour = "12:00" if m.group(1).lower() != "midnight" else "24:00" if FUTURE.search(clause) and not past else "00:00"
        add(m.start(), m.end(), "TIME", f"{day_value}T{hour}",
            "midnight or noon of the publication day (a past-tense clause: the midnight that began it)")
    # 3. relative days and periods
    rel = [
        (r"\b(later|earlier) in the day\b", lambda d: d.isoformat(), "DATE", None),
        (r"\btoday\b", lambda d: d.isoformat(), "DATE", None),
        (r"\byesterday\b", lambda d: (d - dt.timedelta(days=1)).isoformat(), "DATE", None),
        (r"\btomorrow\b", lambda d: (d + dt.timedelta(days=1)).isoformat(), "DATE", None),
        (r"\bthe (middle|end|beginning|start) of (this|the|next|last) (week|month|year)\b", None, "DATE", None),
        (r"\b(early|late|later|earlier) (this|last|next) (week|month|year)\b", None, "DATE", None),
        (r"\b(this|last|next|the coming) (week|month|year)\b", None, "DATE", None),
        (r"\b(?:earlier|later) in the (?:week|month|year)\b", None, "DATE", None),
    ]
    for m in re.finditer(r"\bthe past (week|month|year|decade)\b", text, re.I):  # the last twelve months, not last year
        add(m.start(), m.end(), "DURATION", _duration("1", m.group(1)), "the past week/month/year: a duration up to now",
            anchor_kind="absolute")
    for m in re.finditer(r"\b(?:before|by|until|till|at) (end|the end) of year\b", text, re.I):  # a headline's "before end of year"
        add(m.start(1), m.end(), "DATE", str(year), "end of year (no article) relative to the publication date", "END")
    for pattern, fn, type_, _ in rel:
        for m in re.finditer(pattern, text, re.I):
            if fn is not None:
                add(m.start(), m.end(), type_, fn(anchor) if anchor else None, "day relative to the publication date")
                continue
            words = m.group().lower().split()
            unit = words[-1]
            which = words[-2]
            mod = None
            if words[0] == "the" and words[1] in ("middle", "end", "beginning", "start"):
                mod = {"middle": "MID", "end": "END", "beginning": "START", "start": "START"}[words[1]]
            elif words[0] in ("early", "earlier"):
                mod = "START" if words[0] == "early" else None
            elif words[0] in ("late", "later"):
                mod = "END" if words[0] == "late" else None
            step = {"this": 0, "the": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
            value = None
            if unit == "year":
                value = str(year + step)
            elif unit == "month" and len(published) >= 7:
                base = anchor or dt.date(year, int(published[5:7]), 1)
                value = _shift_month(base, step)
            elif unit == "week" and anchor:
                value = _iso_week(anchor + dt.timedelta(weeks=step))
            add(m.start(), m.end(), "DATE", value, f"{' '.join(words)} relative to the publication date", mod)
    # 4. weekdays
    for m in re.finditer(r"\b(?:(last|next|this|this coming|[Ll]ater|[Ee]arlier) )?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                         r"Sunday)\b(?: (morning|afternoon|evening|night)\b)?", text):
        if not anchor:
            continue
        target = WEEKDAYS.index(m.group(2).lower())
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        before = text[sentence_start:m.start()]
        near = list(re.finditer(r"\S+", before))[-3:]  # "an official said Friday": the verb next to the weekday decides
        past_verb = any(PAST.match(w.group().strip(",;")) and not _BE_BEFORE.search(before[:w.start()]) for w in near)
        clause = re.split(r"[,;:]", before)[-1]
        future = m.group(1) in ("next", "this coming") or (not past_verb and bool(FUTURE.search(clause)))
        delta = (target - anchor.weekday()) % 7
        if m.group(1) == "last":
            days = -((anchor.weekday() - target) % 7 or 7)
        elif future:
            days = delta or (7 if m.group(1) == "next" else 0)
        else:
            days = -((anchor.weekday() - target) % 7)
        value = (anchor + dt.timedelta(days=days)).isoformat()
        if m.group(3):  # "Friday afternoon": TimeML's parts of the day
            value += "T" + {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[m.group(3)]
        add(m.start(), m.end(), "TIME" if m.group(3) else "DATE", value,
            f"weekday, the nearest {'following' if days > 0 else 'earlier or same'} {m.group(2)} to the publication date")
    # 4b. months: "November 2016", "in August", "last December"
    for m in re.finditer(rf"\b({_MONTHS}) ((?:19|20)\d\d)\b", text):
        add(m.start(), m.end(), "DATE", f"{m.group(2)}-{month_number(m.group(1)):02d}", "month and year", anchor_kind="absolute")
    for m in re.finditer(rf"\b(?:(early|mid|late|last|next|this|earlier in|later in) )?({_MONTHS})\b(?! \d)", text):
        if len(published) < 7 and not m.group(1):
            continue
        month = month_number(m.group(2))
        pub_month = int(published[5:7]) if len(published) >= 7 else 12
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        future = m.group(1) == "next" or (m.group(1) != "last" and FUTURE.search(text[sentence_start:m.start()]))
        if m.group(1) == "last":
            y = year if month < pub_month else year - 1
        elif future:
            y = year if month >= pub_month else year + 1
        else:
            y = year if month <= pub_month else year - 1
        mod = {"early": "START", "mid": "MID", "late": "END"}.get(m.group(1) or "")
        start = m.start() if m.group(1) in ("early", "mid", "late", "last", "next", "this", "earlier in", "later in") else m.start(2)
        add(start, m.end(), "DATE", f"{y}-{month:02d}", "month, the nearest one to the publication date", mod)
    # 5. durations and sets
    for m in re.finditer(r"\b(?:another|an extra|an additional|one more) (year|month|week|day|decade)\b", text, re.I):  # "for another year"
        add(m.start(), m.end(), "DURATION", _duration("1", m.group(1)), "duration (another year)", anchor_kind="absolute")
    for m in re.finditer(rf"\b(every|each) ({_UNITW})\b", text, re.I):
        add(m.start(), m.end(), "SET", _duration("1", m.group(2)), "set (every ...)", anchor_kind="absolute")
    for m in re.finditer(r"\b(annually|yearly|monthly|weekly|daily|hourly|annual)\b", text, re.I):
        unit = {"annually": "year", "annual": "year", "yearly": "year", "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour"}[m.group(1).lower()]
        add(m.start(), m.end(), "SET", _duration("1", unit), "set (annually ...)", anchor_kind="absolute")
    for m in re.finditer(rf"\b({_NUMW}) ({_UNITW}) and ({_NUMW}) ({_UNITW})\b", text, re.I):
        first, second = _duration(m.group(1), m.group(2)), _duration(m.group(3), m.group(4))
        if first and second and "T" not in first + second:
            add(m.start(), m.end(), "DURATION", first + second[1:], "compound duration", anchor_kind="absolute")
    for m in re.finditer(r"\bmulti-?(year|month|week|day|decade)\b|\b(years|months|weeks|days|decades|centuries)-(?:old|long)\b", text, re.I):
        unit = m.group(1) or m.group(2)
        add(m.start(), m.end(), "DURATION", _duration("several", "century" if unit.lower() == "centuries" else unit),
            "duration adjective with no number (multiyear, decades-old)", anchor_kind="absolute")
    for m in re.finditer(rf"\b(?:({_NUMW})-)?({_UNITW.replace('s?', '')})-long\b", text, re.I):  # "13-minute-long"
        add(m.start(), m.end(), "DURATION", _duration(m.group(1) or "1", m.group(2)), "duration (an hour-long ...)",
            anchor_kind="absolute")
    for m in re.finditer(rf"\b(?:(less than|more than|over|about|nearly|almost|at least|up to) )?({_NUMW})[ -]({_UNITW})\b", text, re.I):
        mod = {"less than": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN", "about": "APPROX",
               "nearly": "APPROX", "almost": "APPROX", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS"}.get((m.group(1) or "").lower())
        start = m.start() if m.group(1) or m.group(2).lower() not in ("a", "an") else m.start(3)
        if m.group(2).lower() in ("a", "an") and not m.group(1):
            start = m.start()  # "a month", "an hour"
        add(start, m.end(), "DURATION", _duration(m.group(2), m.group(3)), "duration", mod, anchor_kind="absolute")
    for m in BARE_UNITS.finditer(text):  # "just hours before", "after months of", "in years"
        if (m.group("pre") or m.group("post") or m.group("cap") is not None) and not re.search(_NOT_BEFORE_BARE, text[max(0, m.start() - 12):m.start()], re.I):
            add(m.start("unit"), m.end("unit"), "DURATION", _duration("several", m.group("unit").rstrip("s").lower()),
                "bare plural unit as a duration (just hours before, months of)", anchor_kind="absolute")
    # 6. year ranges and bare years
    for m in re.finditer(r"\b((?:19|20)\d\d)[-\u2013]((?:19|20)?\d\d)\b", text):
        end_year = m.group(2) if len(m.group(2)) == 4 else m.group(1)[:2] + m.group(2)
        add(m.start(), m.end(), "RANGE", f"{m.group(1)}/{end_year}", "year range", anchor_kind="absolute")
    for m in re.finditer(r"\b(early|mid|late)[- ]((?:19|20)\d\d)\b", text, re.I):
        add(m.start(), m.end(), "DATE", m.group(2), "year with a part", {"early": "START", "mid": "MID", "late": "END"}[m.group(1).lower()], anchor_kind="absolute")
    for m in re.finditer(r"(?<![\d,.$-])((?:19|20)\d\d)(?![\d-])", text):
        add(m.start(), m.end(), "DATE", m.group(1), "year", anchor_kind="absolute")
    # 7. vague references
    for pattern, value in ((r"\b(in )?recent (years|months|weeks|days)\b", "PAST_REF"),
                           (r"\ba (short|little) while ago\b", "PAST_REF"), (r"\b(recently|lately)\b", "PAST_REF"),
                           (r"\b(now|currently|at present)\b", "PRESENT_REF"), (r"\b(soon|in the future)\b", "FUTURE_REF"),
                           (r"\bthe (?:coming )?(?:days|weeks|months|years)(?: and (?:days|weeks|months|years))? ahead\b", "FUTURE_REF"),
                           (r"\bthe past\b(?! (?:\d|few|several|two|three|four|five|ten|week|month|year|decade|days|weeks|months|"
                            r"years|decades|century|centuries)\b)", "PAST_REF")):
        for m in re.finditer(pattern, text, re.I):
            s = m.start(2) - len("recent ") if m.group().lower().startswith("in recent") else m.start()
            add(s, m.end(), "DATE", value, "vague time reference")
    # 8. "the same day": the day of the nearest calendar or weekday date before it in the text
    for m in re.finditer(r"\b(?:on )?(the same day)\b", text, re.I):
        before = [t for t in out if t["end"] <= m.start() and t["type"] == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", t["value"])]
        if before:
            last = max(before, key=lambda t: t["end"])
            add(m.start(1), m.end(1), "DATE", last["value"], f"the same day as {last['text']!r} before it",
                anchor_kind=f"span:{last['start']}-{last['end']}")
    # 9. "the following year", "the previous month": one step from the nearest date before it (else the publication)
    for m in re.finditer(r"\bthe (following|previous) (year|month|week|day)\b", text, re.I):
        step = 1 if m.group(1).lower() == "following" else -1
        unit = m.group(2).lower()
        shape = {"year": r"\d{4}", "month": r"\d{4}-\d\d", "week": r"\d{4}-\d\d-\d\d", "day": r"\d{4}-\d\d-\d\d"}[unit]
        before = [t for t in out if t["end"] <= m.start() and t["type"] == "DATE" and re.match(shape, t["value"])]
        last = max(before, key=lambda t: t["end"]) if before else None
        base = last["value"] if last else (anchor.isoformat() if anchor else published)
        if not re.match(shape, base):
            continue
        if unit == "year":
            value = str(int(base[:4]) + step)
        elif unit == "month":
            value = _shift_month(dt.date(int(base[:4]), int(base[5:7]), 1), step)
        elif unit == "week":
            value = _iso_week(dt.date.fromisoformat(base[:10]) + dt.timedelta(weeks=step))
        else:
            value = (dt.date.fromisoformat(base[:10]) + dt.timedelta(days=step)).isoformat()
        add(m.start(), m.end(), "DATE", value, f"the {m.group(1).lower()} {unit}, from "
            + (f"{last['text']!r} before it" if last else "the publication date"),
            anchor_kind=f"span:{last['start']}-{last['end']}" if last else "published")
    return sorted(out, key=lambda t: (t["start"], t["end"]))


def link_anchors(records: list[dict]) -> list[dict]:
    """Give each record anchored on an earlier timex (``anchor`` "span:START-END", from :func:`find_timexes`)
    that timex's id, once ids are given; "published" when a reviewer removed it."""
    ids = {f"span:{r['start']}-{r['end']}": r["id"] for r in records}
    for r in records:
        if str(r.get("anchor", "")).startswith("span:"):
            r["anchor"] = ids.get(r["anchor"], "published")
    return records
