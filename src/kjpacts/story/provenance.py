"""Provenance of one saved page: outlet, wire chain, byline, dateline, headline, version tag,
publication date with precision and evidence, and every other date on the page.

Everything here is a rule a reader can check against the page; the evidence list says
which rule gave the date, so a reviewer can disagree with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .dates import FoundDate, date_role, find_dates, url_date, weekday_of
from .furniture import (PROMO_HEAD, SENTENCE_END, SITE_NAME_SUFFIX, TWEET_CREDIT_LINE, VIDEO_LINK, body_fragments,
                        caption_twice, headline_prefix, is_caption, line_furniture, photo_title, prefix_furniture,
                        printed_twice, promo_line, suffix_furniture, tweet_text,
                        title_over_credit)

#: Outlets known by their web domain (the URL is evidence, not a requirement).
OUTLETS = {
    "yna.co.kr": ("Yonhap News Agency", "Yonhap"), "yonhapnews.co.kr": ("Yonhap News Agency", "Yonhap"),
    "koreaherald.com": ("The Korea Herald", None), "koreatimes.co.kr": ("The Korea Times", None),
    "joongang.co.kr": ("Korea JoongAng Daily", None), "chosun.com": ("The Chosun Ilbo", None),
    "donga.com": ("The Dong-A Ilbo", None), "hani.co.kr": ("The Hankyoreh", None),
    "kyodonews.jp": ("Kyodo News", "Kyodo"), "kyodonews.net": ("Kyodo News", "Kyodo"),
    "japantimes.co.jp": ("The Japan Times", None), "asahi.com": ("The Asahi Shimbun", None),
    "mainichi.jp": ("The Mainichi", None), "nhk.or.jp": ("NHK World", None), "nikkei.com": ("Nikkei Asia", None),
    "upi.com": ("UPI", "UPI"), "reuters.com": ("Reuters", "Reuters"), "apnews.com": ("AP", "AP"),
    "afp.com": ("AFP", "AFP"), "xinhuanet.com": ("Xinhua", "Xinhua"), "news.cn": ("Xinhua", "Xinhua"),
    "antaranews.com": ("ANTARA News", "ANTARA"), "nytimes.com": ("The New York Times", None),
    "washingtonpost.com": ("The Washington Post", None), "wsj.com": ("The Wall Street Journal", None),
    "bbc.co.uk": ("BBC News", None), "bbc.com": ("BBC News", None), "cnn.com": ("CNN", None),
    "thediplomat.com": ("The Diplomat", None), "defensenews.com": ("Defense News", None),
    "sputniknews.com": ("Sputnik", "Sputnik"), "sputnikglobe.com": ("Sputnik", "Sputnik"),
    "ahram.org.eg": ("Ahram Online", None), "mofa.go.jp": ("Ministry of Foreign Affairs of Japan", None),
    "mofa.go.kr": ("Ministry of Foreign Affairs, Republic of Korea", None), "defense.gov": ("U.S. Department of Defense", None),
}
#: Wire agencies as printed in datelines and credits.
AGENCIES = {"yonhap": "Yonhap", "kyodo": "Kyodo", "xinhua": "Xinhua", "upi": "UPI", "afp": "AFP", "ap": "AP",
            "reuters": "Reuters", "antara": "ANTARA", "antara news": "ANTARA", "sputnik": "Sputnik",
            "jiji": "Jiji Press", "kcna": "KCNA", "efe": "EFE", "dpa": "dpa", "bernama": "Bernama",
            "kuna": "KUNA", "wam": "WAM", "tass": "TASS", "anadolu": "Anadolu", "pti": "PTI", "ians": "IANS"}
_AGENCY = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_CAPS = r"[A-Z][A-Z.']*(?:-[A-Z][A-Z.']*)*"  # a word in capitals; a hyphen only inside it ("SEOUL--" is SEOUL)
DATELINE = re.compile(
    rf"^(?P<place>(?=[A-Z][A-Z.'-]{{2,}}){_CAPS}(?: (?=[A-Z][A-Z.'-]){_CAPS})*)(?:, (?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)*))?"
    rf"(?:,? (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{{1,2}}))?"
    rf"(?:,? \(?(?P<agency>(?i:{_AGENCY}))\)?)?(?: ?(?P<dash>--|\u2014|\u2013|-)(?= |(?<=--)[A-Z])|(?P<colon>:)(?= [A-Z][a-z])|$)")
#: ... or a colon after the place ("SINGAPORE: Japanese Defense Minister ..."), as Jiji and Arab News print it.
#: A dateline in title case with its agency, as CNN prints it, perhaps glued to the text: "Seoul (CNN)Japan and ...".
#: ... or with a dash and no agency ("Seoul — Japan and ..."), or a known city and a colon ("Tokyo: Japan ...", as the
#: Sydney Morning Herald prints it), or several with a bar ("Seoul/Tokyo/Washington | South Korea ...", as the
#: Financial Review prints a story filed from three cities).
_CITIES = ("Seoul|Tokyo|Pyongyang|Beijing|Washington|Moscow|Singapore|Sydney|Canberra|London|Paris|Berlin|Brussels|Geneva|"
           "Bangkok|Manila|Hanoi|Jakarta|Taipei|Hong Kong|New Delhi|New York|Busan|Osaka|Shanghai")
DATELINE_TITLE = re.compile(rf"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:, (?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)*))?"
                            rf"(?:,? (?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{{1,2}}))?"
                            rf"(?:(?: \((?P<agency>CNN|(?i:{_AGENCY}))\))(?: ?(?P<dash>--|\u2014|\u2013|-))?|"
                            rf" (?P<dash2>--|\u2014))(?P<colon>(?!))?(?= ?[A-Z\"\u201c])")
DATELINE_CITY = re.compile(rf"^(?P<place>(?:{_CITIES})(?:/(?:{_CITIES}))*)(?P<region>(?!))?(?P<date>(?!))?(?P<agency>(?!))?"
                           rf"(?P<dash>(?!))?(?P<colon>:| \|)(?= [A-Z])")


def match_dateline(line: str) -> re.Match | None:
    """The dateline opening ``line``: in capitals (:data:`DATELINE`), in title case with an agency or a dash
    (:data:`DATELINE_TITLE`), or a known city and a colon (:data:`DATELINE_CITY`)."""
    return DATELINE.match(line) or DATELINE_TITLE.match(line) or DATELINE_CITY.match(line)
VERSION = re.compile(r"^\((?P<tag>\d+(?:st|nd|rd|th) LD|LEAD|URGENT|UPDATE \d*|CORRECTED)\) |"
                     r"^(?P<tag2>\d+(?:st|nd|rd|th) LD[- ]Writethru):? ", re.I)
BYLINE = re.compile(r"^By (?P<names>[A-Z][\w.' -]+?)(?:\s*[,/]\s*(?P<credit>[A-Z][\w ]+))?\s*$")
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


@dataclass
class Layout:
    """What each line of the page is (raw line texts)."""

    furniture: list[dict] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    date_lines: list[str] = field(default_factory=list)
    headline: str | None = None
    byline: str | None = None
    body: list[str] = field(default_factory=list)
    removed_dates: list[tuple[str, str]] = field(default_factory=list)  # (text, kind) in dropped lines
    header: list[str] = field(default_factory=list)  # body lines before the first line of running prose


#: Words a printed date line may carry besides dates and times.
_DATE_LINE_WORDS = re.compile(r"\b(GMT|UTC|KST|JST|EST|EDT|CST|PST|BST|Beijing|Seoul|Tokyo|Time|local|posted|"
                              r"published|updated|released|am|pm|a\.m\.|p\.m\.|on|at|English)\b", re.I)


def _is_date_line(text: str) -> bool:
    """A line that is a printed date: dates, times, time zones and at most two other words."""
    found = find_dates(text)
    if not found or any(d.value.startswith("X") for d in found):
        return False
    rest = text
    for d in sorted(found, key=lambda d: d.start, reverse=True):
        rest = rest[:d.start] + " " + rest[d.end:]
    rest = _DATE_LINE_WORDS.sub(" ", _TIME.sub(" ", rest))
    rest = re.sub(r"(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d+", " ", rest)
    words = re.findall(r"[A-Za-z]{2,}", rest)
    return len(words) <= 2 and not re.search(r"[.!?]\s*$", text.strip())


def _kicker(line: str) -> bool:
    """A label of at most three words before the headline: capitals only ("WORLD", "EXCLUSIVE") or a
    site's address ("UrduPoint.com"); an agency's name ("YONHAP") or a credit in mixed case is provenance."""
    t = line.strip()
    if len(t.split()) > 3 or t.lower() in AGENCIES or DATELINE.match(t) and not t.isupper():
        return False
    return (t.isupper() and t.upper() != t.lower()) or bool(re.fullmatch(r"[\w-]+(\.[\w-]+)*\.(com|net|org|info|news|co\.\w\w|\w\w)", t, re.I))


def analyse_lines(text: str, headline_hint: str | None = None) -> Layout:
    """Sort the page's lines into furniture, captions, date lines, headline, byline and body.
    With ``headline_hint`` (an HTML page's ``<h1>``) only that line can be the headline."""
    lay = Layout()
    seen_body = False
    related = video = False
    lines = [ln for ln in text.split("\n") if ln.strip()]
    twice: set[str] = set()
    tab_title = ""  # the raw line, when the headline so far is a browser tab's title ("Headline | Example News")
    for i, raw_line in enumerate(lines):
        line = raw_line
        following = lines[i + 1] if i + 1 < len(lines) else None
        pre = prefix_furniture(line)
        if pre:
            lay.furniture.append({"text": pre[0], "category": pre[1], "reason": pre[2], "match": "prefix"})
            if find_dates(pre[0]) or re.search(r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b", pre[0]):
                lay.removed_dates.append((pre[0].strip(), "scrape-header"))
            line = line[len(pre[0]):]
        site_suffix = False
        post = suffix_furniture(line) if headline_hint is None else None  # HTML blocks are cut by tag, not text
        if post:
            lay.furniture.append({"text": post[0], "category": post[1], "reason": post[2], "match": "suffix"})
            lay.removed_dates += _stamp_dates(post[0])
            line = line[:len(line) - len(post[0])]
            site_suffix = post[2] == SITE_NAME_SUFFIX
        found = line_furniture(line)
        if found:
            lay.furniture.append({"text": line, "category": found[0], "reason": found[1]})
            video = bool(VIDEO_LINK.match(line.strip()))
            related = bool(re.match(r"\s*(read more|related|see also|more on this|recommended)", line, re.I)
                           and not re.search(r":\s*\w", line) or PROMO_HEAD.match(line.strip()))  # "Read more: <title>" is one link
            for d in find_dates(line):
                kind = ("copyright-year" if found[0] == "copyright-footer" else
                        "last-update" if re.match(r"\W*(last update|last modified|updated|modified)", line, re.I) else
                        "posted-stamp" if found[1].startswith(("blog post header", "a blog's post stamp")) else
                        "embedded-post-date" if found[1] == TWEET_CREDIT_LINE else "scrape-header")
                lay.removed_dates.append((line, kind))
            year = re.search(r"\b(19|20)\d\d\b", line)
            if found[0] == "copyright-footer" and year and not find_dates(line):
                lay.removed_dates.append((line, "copyright-year"))
            continue
        if lay.headline and line.strip() != lay.headline.strip() \
                and re.sub(r"^[\W_]+", "", line.strip()) == re.sub(r"^[\W_]+", "", lay.headline.strip()):
            lay.furniture.append({"text": line, "category": "navigation", "reason": "the headline repeated as a link"})
            continue
        if tab_title and lay.headline is not None and not lay.body and line.strip() == lay.headline.strip():
            lay.furniture = [f for f in lay.furniture if not (f.get("match") == "suffix" and tab_title.endswith(f["text"]))]
            lay.furniture.append({"text": tab_title, "category": "navigation",  # the whole line: its copy below stays
                                  "reason": "the browser tab's title (the headline and the site's name), printed again as the headline"})
            lay.headline = line
            continue
        if following and re.match(r"\s*[\u2022\u00b7\u25aa\u25cf>]\s*\S", line) \
                and re.sub(r"^\s*[\u2022\u00b7\u25aa\u25cf>]\s*", "", line).strip() == following.strip():
            lay.furniture.append({"text": line, "category": "navigation",
                                  "reason": "the page's own title as the last item of a bulleted menu, printed again below"})
            continue
        if lay.headline is not None and not seen_body and len(line) > len(lay.headline) \
                and _words(line).startswith(_words(lay.headline) + " "):
            lay.furniture.append({"text": lay.headline, "category": "navigation",
                                  "reason": "the title cut short (a tab or link text), printed again in full below it"})
            lay.headline = line
            continue
        if tweet_text(line, following):
            lay.furniture.append({"text": line, "category": "site-furniture", "reason": "an embedded tweet's text, over its credit"})
            continue
        if re.fullmatch(r"(?i:story highlights|highlights|key points|in brief)", line.strip()):
            related = video = False  # a standfirst's label: its bullets are the article's own summary
            lay.furniture.append({"text": line, "category": "site-furniture", "reason": "label over the standfirst's bullets"})
            continue
        if video and promo_line(line) and len(line.split()) <= 15:
            video = False
            lay.furniture.append({"text": line, "category": "navigation", "reason": "title of the video under 'Watch video'"})
            continue
        video = False
        if related and promo_line(line):
            lay.furniture.append({"text": line, "category": "navigation",
                                  "reason": "link or teaser in a promo block (after 'Read more', 'Related', 'Most read'...)"})
            continue
        related = False
        if line in twice or (lay.headline is not None or seen_body) and printed_twice(line, following) \
                or caption_twice(line, following):
            twice.update({line, following} if caption_twice(line, following) else {line})  # both go to the structure file
            if line not in lay.captions:
                lay.captions.append(line)
            continue
        if photo_title(line, following) or lay.headline is not None and title_over_credit(line, following) \
                and not _provenance_line(line):  # "By on December 26, 2014" over a credit is the date line
            lay.furniture.append({"text": line, "category": "site-furniture", "reason": "photo title over its caption"})
            continue
        if is_caption(line, after_headline=lay.headline is not None or seen_body):
            if line not in lay.captions:
                lay.captions.append(line)
            continue
        in_header = not any(len(b.split()) >= 12 and SENTENCE_END.search(b.strip()) for b in lay.body)  # before the
        # first line of running prose (twelve words or more that end like a sentence; not a long menu item or title)
        if (in_header or len(lay.body) <= 2) and _is_date_line(line):
            lay.date_lines.append(line)
            continue
        if BYLINE.match(line.strip()) and len(line.split()) <= 9 and lay.byline is None:
            lay.byline = line
            continue
        if headline_hint is not None:
            if lay.headline is None and line.strip() == headline_hint.strip():
                lay.headline = line
                continue
            if lay.headline is None:
                lay.body.append(line)  # before the <h1>: menus and teasers; jusText decides
                continue
        elif lay.headline is None and not seen_body and _kicker(line):
            lay.furniture.append({"text": line, "category": "site-furniture",
                                  "reason": "short label before the headline (a section or kicker in capitals, or a site address)"})
            continue
        elif lay.headline is None and (not seen_body or _labels_only(lay.body)) and 4 <= len(line.split()) <= 25 \
                and not DATELINE.match(line):
            glued = headline_prefix(line)
            if glued:
                lay.furniture.append({"text": glued[0], "category": glued[1], "reason": glued[2], "match": "prefix"})
                line = line[len(glued[0]):]
            lay.headline = line
            tab_title = raw_line if site_suffix else ""
            continue
        seen_body = True
        lay.body.append(line)
        if in_header:
            lay.header.append(line)
    if headline_hint is None:  # an HTML page's blocks are judged by jusText
        _drop_fragments(lay)
    return lay


def _prose(line: str) -> bool:
    """A line of running prose: twelve words or more that end like a sentence."""
    return len(line.split()) >= 12 and bool(SENTENCE_END.search(line.strip()))


def _words(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.lower()))


def _labels_only(lines: list[str]) -> bool:
    """True for one or two lines of at most three words with no sentence end and no dateline (a tagline such as
    "Since 1975", an outlet's name): the headline may still come after them (they stay where they are)."""
    return 0 < len(lines) <= 2 and all(len(b.split()) <= 3 and not SENTENCE_END.search(b.strip()) and not DATELINE.match(b)
                                       for b in lines)


def _stamp_dates(stamp: str) -> list[tuple[str, str]]:
    """The dated parts of a stamp cut from a line's end: before an "updated"/"modified"/"\uc218\uc815" label the
    site's posted time (``scrape-header``), after it an update (``last-update``)."""
    parts = [p.strip() for p in re.split(r"(?=\b(?:last )?(?:updated|modified)\b|\uc218\uc815)", stamp, flags=re.I) if p.strip()]
    return [(p, "last-update" if re.match(r"(?:last )?(?:updated|modified)\b|\uc218\uc815", p, re.I) else "scrape-header")
            for p in parts if find_dates(p)]


def _provenance_line(line: str) -> bool:
    t = line.strip()
    return _is_date_line(t) or bool(BYLINE.match(t) or DATELINE.match(t)) or t.startswith(("By ", "\u2014", "--"))


def _title_like(line: str) -> bool:
    """A headline's shape: four to twenty-five words, no sentence end, most words capitalised."""
    words = line.split()
    return 4 <= len(words) <= 25 and sum(w[:1].isupper() or not w[:1].isalpha() for w in words) >= 0.6 * len(words)


def _drop_fragments(lay: Layout) -> None:
    """Move the body's lines with no sentence end (:func:`.furniture.body_fragments`) to the furniture. A page
    with no headline before its first long line, whose first title-like fragment (:func:`_title_like`) comes
    after at most two other lines and before a line of running prose, has its headline there, and what came
    before it was site text (a blurb or menu)."""
    cut = set(body_fragments(lay.body, _provenance_line))
    late = next((i for i in sorted(cut) if _title_like(lay.body[i]) and sum(j not in cut for j in range(i)) <= 2
                 and sum(_prose(lay.body[j]) for j in range(i)) <= 1  # not after the article's own paragraphs
                 and i + 1 < len(lay.body) and len(lay.body[i + 1].split()) >= 12), None) if lay.headline is None else None
    if late is not None:  # menus and a site blurb came first: the headline is the title after them
        lay.headline = lay.body[late]
        for j in range(late):
            lay.furniture.append({"text": lay.body[j], "category": "site-furniture",
                                  "reason": "site text before the headline (a blurb or menu)"})
        cut = (cut | set(range(late))) - {late}
        lay.header = [h for h in lay.header if h not in lay.body[:late + 1]]
    for i in sorted(cut):
        lay.furniture.append({"text": lay.body[i], "category": "site-furniture",
                              "reason": "a line with no sentence end amid the article's paragraphs (a link, label, teaser or caption)"})
    lay.body = [b for i, b in enumerate(lay.body) if i not in cut and i != late]


def domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).netloc.lower().split(":")[0]
    return host[4:] if host.startswith("www.") else host


def outlet_for(url: str | None, agency: str | None) -> tuple[str, str, str]:
    """``(outlet, outlet_id, evidence)``."""
    host = domain(url)
    if host:
        for dom, (name, _) in OUTLETS.items():
            if host == dom or host.endswith("." + dom):
                return name, _slug(name), f"Outlet from the URL's domain {host!r}."
    if agency:
        where = f"the page is on {host!r}, not a known news site (a repost?)" if host else "no URL was given"
        return agency, _slug(agency), f"Outlet from the agency named in the dateline ({agency}); {where}."
    if host:
        return host, _slug(host), f"Outlet is the URL's domain {host!r} (not a known news site: a repost?)."
    return "unknown outlet", "unknown-outlet", "No URL and no agency on the page: the outlet is unknown."


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "page"


def _resolve_year(partial: str, anchors: list[str]) -> str | None:
    """Give an ``XXXX-MM-DD`` the year of the nearest anchor date (an anchor up to 2 months later
    in January wins the next year)."""
    month = int(partial[5:7])
    for a in anchors:
        year = int(a[:4])
        if len(a) >= 7:
            am = int(a[5:7])
            if am == 1 and month == 12:
                year -= 1
            elif am == 12 and month == 1:
                year += 1
        return f"{year}-{partial[5:]}"
    return None


def provenance(text: str, url: str | None, headline_hint: str | None = None,
               extra_dates: list[tuple[str, str]] | None = None, site_name: str | None = None,
               updated_dates: list[tuple[str, str]] | None = None, fallback_year: str | None = None) -> dict:
    """documents.json fields (minus doc_id, files and rights) for one page's text and URL.

    HTML pages add their ``<h1>`` (``headline_hint``), metadata dates (``extra_dates``:
    ``(YYYY-MM-DD, evidence)``; ``updated_dates``: the metadata's modification dates) and ``og:site_name``."""
    lay = analyse_lines(text, headline_hint)
    if headline_hint is not None and lay.headline is not None:
        lay.body = lay.body[lay.body.index(lay.headline):] if lay.headline in lay.body else \
            [b for b in lay.body if text.find(b) > text.find(lay.headline)]
    credit_line = None
    if headline_hint is None and len(lay.body) > 1 and len(lay.body[0].split()) <= 5 and DATELINE.match(lay.body[1]) \
            and not DATELINE.match(lay.body[0]):
        credit_line = lay.body.pop(0)  # "Kyodo News" above the dateline: a credit line, not the first paragraph
    elif headline_hint is None and len(lay.body) > 1 and len(lay.body[0].split()) <= 4 \
            and not lay.body[0].rstrip().endswith(".") and not DATELINE.match(lay.body[0]):
        credit_line = lay.body.pop(0)  # "Kyodo, JIJI": a short credit line above the text
    first = lay.body[0] if lay.body else ""
    if headline_hint is not None:  # HTML: short blocks may still go (jusText); the caller re-checks the dateline
        first = next((b for b in lay.body if DATELINE.match(b) or len(b.split()) >= 8), first)
    dl = match_dateline(first)
    if dl is None and headline_hint is None:  # a standfirst's bullets may come first: the dateline opens the text after them
        first = next((b for b in lay.body[1:4] if match_dateline(b) and len(b.split()) >= 8), first)
        dl = match_dateline(first)
    if dl and not (dl.group("dash") or dl.group("colon") or dl.group("date") or dl.group("agency") or dl.end() == len(first)
                   or dl.groupdict().get("dash2")):
        dl = None
    agency_word = dl.group("agency") if dl and dl.group("agency") else None
    agency = AGENCIES.get(agency_word.lower()) if agency_word else None
    byline, credit = lay.byline, None
    if byline:
        bm = BYLINE.match(byline.strip())
        if bm and bm.group("credit") and bm.group("credit").strip().lower() in AGENCIES:
            credit = AGENCIES[bm.group("credit").strip().lower()]
    outlet, outlet_id, outlet_note = outlet_for(url, agency)
    if site_name and outlet_note.startswith(("Outlet is the URL", "No URL", "Outlet from the agency")):
        outlet, outlet_id, outlet_note = site_name, _slug(site_name), f"Outlet from the page's og:site_name {site_name!r}."
    if credit_line and not credit:
        credit = next((AGENCIES[w.lower()] for w in re.findall(r"[A-Za-z]+", credit_line) if w.lower() in AGENCIES), None)
    chain = [a for a in (credit, agency) if a]
    url_outlet = next((o for d, o in OUTLETS.items() if domain(url) and (domain(url) == d or domain(url).endswith("." + d))), None)
    if url_outlet and url_outlet[1] and url_outlet[1] not in chain and chain:
        chain.append(url_outlet[1])
    if not url_outlet and domain(url) and chain:
        chain.append(domain(url))
    chain = list(dict.fromkeys(chain))
    before = lay.body[:lay.body.index(first)] if first in lay.body else []  # the dateline was found further on
    headline = lay.headline or next((b for b in before if _title_like(b) and not SENTENCE_END.search(b.strip())), None) \
        or (first[:80] if first else "untitled page")
    version = None
    printed_headline = headline
    vm = VERSION.match(headline)
    if vm:
        version = vm.group("tag") or vm.group("tag2")
        if vm.group("tag"):
            headline = headline[vm.end():]
    date = date_of(lay, dl, url, text, extra_dates or [], updated_dates or [], fallback_year)
    for caption in lay.captions:  # dates in photo captions date the photo, not the article
        for d in find_dates(caption):
            date["other_dates"].append({"text": d.text, "value": None if d.value.startswith("X") else d.value,
                                        "kind": "photo-date", "note": "Date in a photo caption: when the photo was taken."})
    for d in find_dates(credit_line or ""):
        date["other_dates"].append({"text": d.text, "value": None if d.value.startswith("X") else d.value,
                                    "kind": "wire-credit-date", "note": "Date in the wire credit line."})
    meta = {
        "outlet": outlet, "outlet_id": outlet_id,
        "agency": " via ".join(chain) if chain else None,
        "wire_chain": chain,
        "photo_agency": None,
        "byline": byline.strip() if byline else None, "byline_truncated": False,
        "byline_position": None, "headline": headline.strip(),
        "standfirst": None,
        "dateline": dl.group("place") if dl else None,
        "dateline_as_printed": first[:dl.end()].rstrip() if dl else None,
        **date,
        "version_tag": version, "language": "en",
    }
    if byline:
        meta["byline_position"] = "before-body" if text.find(byline) < text.find(first) else "after-body"
    meta["null_reasons"] = null_reasons(meta)
    meta["_outlet_evidence"] = outlet_note  # goes to story.json, not documents.json
    printed = {"headline": printed_headline, "captions": [{"title": None, "text": c, "credit": _credit(c)} for c in lay.captions]}
    if byline:
        printed["byline"] = byline
    if lay.date_lines:
        printed["date_line"] = lay.date_lines[0]
    if credit_line:
        printed["credit_line"] = credit_line
    if lay.furniture:
        printed["furniture"] = _unique(lay.furniture)
    meta["printed"] = printed
    return meta


def _unique(items: list[dict]) -> list[dict]:
    seen, out = set(), []
    for it in items:
        if it["text"] not in seen:
            seen.add(it["text"])
            out.append(it)
    return out


def _credit(caption: str) -> str | None:
    m = re.search(r"(?:Photo|Phot) by (\w+)|/ ([A-Z][A-Z ]+)$", caption)
    return (m.group(1) or m.group(2)).strip() if m else None


def null_reasons(meta: dict) -> dict:
    why = {
        "agency": "No wire agency is named in the dateline or byline.",
        "photo_agency": "Photo credits are kept with the captions in the structure file.",
        "byline": "No byline line ('By ...') found on the page.",
        "byline_position": "No byline found on the page.",
        "standfirst": "Standfirsts are not detected by `kjpacts new`; add one when reviewing.",
        "dateline": "The first paragraph does not open with a dateline.",
        "dateline_as_printed": "The first paragraph does not open with a dateline.",
        "version_tag": "No version tag such as '(LEAD)' or '1st LD Writethru' printed.",
    }
    return {k: v for k, v in why.items() if meta.get(k) is None}


def _add_update(other: list[dict], updated: list[tuple[str, str]], text: str, value: str, note: str) -> None:
    other.append({"text": text, "value": value, "kind": "last-update", "note": note})
    updated.append((value, f"The page prints {text!r} as its update time."))


class NoDateEvidence(ValueError):
    """The page has no date at all: no printed, dateline, URL, copyright or text year."""


def date_of(lay: Layout, dl: re.Match | None, url: str | None, text: str, extra: list[tuple[str, str]] = (),
            updated_dates: list[tuple[str, str]] = (), fallback_year: str | None = None) -> dict:
    """Publication date, precision, confidence, evidence and the page's other dates. A date labelled
    as an update ("Updated", "Last modified", metadata ``dateModified``) is never taken over a
    publication date; alone, it dates the page to that day with low confidence. A page with no date
    evidence at all is dated to ``fallback_year`` (the year of the story's other pages), to the year and
    with low confidence, when one is given; else :class:`NoDateEvidence` is raised."""
    evidence: list[str] = []
    other: list[dict] = []
    candidates: list[tuple[str, str]] = []  # (value, source) best first
    printed: list[FoundDate] = []
    updated: list[tuple[str, str]] = list(updated_dates)  # (YYYY-MM-DD, evidence): on or after publication
    posted: list[tuple[str, str]] = []  # a blog's post stamp: a labelled publication date
    for line in lay.date_lines:
        roles = [(d, date_role(line[:d.start])) for d in find_dates(line)]
        first = next((d for d, role in roles if role != "updated"), None)
        if first is not None:
            printed.append(first)
            label = " after a 'posted' or 'published' label" if date_role(line[:first.start]) else ""
            note = f"Date printed on the page on a line of its own{label}" + (", with a time." if _TIME.search(line) else ".")
            other.append({"text": line, "value": first.value if not first.value.startswith("X") else None,
                          "kind": "printed-publication-date", "note": note})
        for d, role in roles:
            if role == "updated":
                _add_update(other, updated, d.text, d.value, "Printed as the page's update time (after an 'updated' label): "
                                                             "the story is from that day or earlier.")
    for value, why in updated_dates:
        other.append({"text": value, "value": value, "kind": "last-update", "note": why + " An update, not the story's date."})
    dateline_date: FoundDate | None = None
    if dl and dl.group("date"):
        dateline_date = find_dates(dl.group("date"))[0] if find_dates(dl.group("date")) else None
    for txt, kind in lay.removed_dates:
        fd = find_dates(txt)
        year = re.search(r"\b((?:19|20)\d\d)\b", txt)
        month = re.search(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])\b", txt)  # " date 2018-12 ": a month stamp
        value = fd[0].value if fd and not fd[0].value.startswith("X") else \
            (month.group() if month and kind == "scrape-header" else year.group(1) if year else None)
        if kind == "last-update" and value and len(value) == 10:
            updated.append((value, f"The page's 'last updated' stamp {txt.strip()!r}."))
        if kind == "posted-stamp":
            if value and len(value) == 10:
                posted.append((value, f"The site's post stamp {txt.strip()!r} gives {value}."))
            other.append({"text": txt.strip(), "value": value, "kind": "printed-publication-date",
                          "note": "A blog's post stamp (who posted it, and when), removed from the clean text: it dates the post."})
            continue
        other.append({"text": txt.strip(), "value": value, "kind": kind,
                      "note": "Copyright footer: dates the site template, not the article." if kind == "copyright-year"
                      else "Date of a post embedded in the page (a tweet): the post is from that day, the story from then or "
                           "later." if kind == "embedded-post-date"
                      else "Stamp in page furniture (scraper or site header), removed from the clean text."})
    full_printed = [d.value for d in printed if not d.value.startswith("X")]
    header = [lay.headline or ""] + lay.header + lay.body[:1]
    labelled = list(dict.fromkeys(d.value for line in header for d in find_dates(line)  # "Date: 25/05/2023 | Source: ..."
                                  if not d.value.startswith("X") and date_role(line[:d.start]) == "published"))
    scrape = [o["value"] for o in other if o["kind"] == "scrape-header" and o["value"] and len(o["value"]) == 10]
    u = url_date(url)
    anchors = [v for v, _ in extra] + [v for v, _ in posted] + labelled + full_printed + scrape + ([u[0]] if u else [])
    copyright_years = [o["value"] for o in other if o["kind"] == "copyright-year" and o["value"]]
    body = "\n".join(lay.body[:2])
    weekdays = re.findall(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", body)
    photo = sorted(d.value for c in lay.captions for d in find_dates(c) if re.fullmatch(r"\d{4}-\d\d-\d\d", d.value))
    if dateline_date is not None:
        resolved = _resolve_year(dateline_date.value, anchors + [v for v, _ in updated] + copyright_years)
        if not resolved and photo and dateline_date.value.startswith("XXXX-"):  # the story is from the photo's day or later
            month_day = dateline_date.value[5:]
            photo_day = photo[-1]
            resolved = f"{int(photo_day[:4]) + (month_day < photo_day[5:])}-{month_day}"
        other.append({"text": dl.group("date"), "value": resolved, "kind": "dateline-date",
                      "note": "Date in the dateline; " + ("year taken from the page's other dates." if resolved else "no year printed or found.")})
        if resolved:
            from_photo = not (anchors or updated or copyright_years)
            candidates.append((resolved, f"The dateline prints {dl.group('date')!r}; the year comes from "
                                         + (f"a photo caption's date ({photo[-1]}): the first such day on or after it, as a "
                                            "photo is taken before the story that prints it (an inference)." if from_photo else
                                            f"{'the page metadata' if extra else 'a labelled date in the header' if labelled else 'the printed date' if full_printed else 'the scraper stamp' if scrape else 'the URL' if u else 'the copyright year'}.")))
    candidates += list(extra) + posted
    candidates += [(v, f"The header line prints the date {v} after a 'date', 'posted' or 'published' label.")
                   for v in labelled]  # a label says what the date is; a bare date may be the site's
    for v in dict.fromkeys(full_printed):  # the same date printed twice is one piece of evidence
        candidates.append((v, f"The page prints the date {v} on a line of its own."))
    for line in header:
        for d in find_dates(line):
            if not d.value.startswith("X") and date_role(line[:d.start]) == "updated":
                _add_update(other, updated, d.text, d.value, "Printed in the page's header line after an 'updated' label.")
            elif not d.value.startswith("X") and not any(c[0] == d.value for c in candidates):
                other.append({"text": d.text, "value": d.value, "kind": "printed-publication-date",
                              "note": "Full date printed in the page's header line (with other text)."})
                candidates.append((d.value, f"The header line prints the date {d.text!r}."))
    for v in scrape:
        candidates.append((v, f"A scraper's stamp before the text gives {v}."))
    if u and u[1] == "day":
        candidates.append((u[0], f"The URL contains the date {u[0]}."))
    if candidates:
        value, why = candidates[0]
        evidence.append(why)
        agree = sorted({s for v, s in candidates[1:] if v == value})
        differ = [(v, s) for v, s in candidates[1:] if v != value]
        evidence += [f"Agrees: {s}" for s in agree]
        evidence += [f"Differs: {s} (the dateline is the story's own date; a later printed date is the page's or repost's)"
                     for v, s in differ]
        wd = weekday_of(value)
        if weekdays and wd:
            if weekdays[0].lower() == wd:
                evidence.append(f"The opening says {weekdays[0]!r} and {value} was a {weekdays[0]}.")
                agree.append("weekday")
            else:
                evidence.append(f"The opening says {weekdays[0]!r} but {value} was a {wd.capitalize()}: a day-later story or a wrong date.")
        conf = "high" if agree and "(an inference)" not in why else "medium"
        return {"published": value, "published_precision": "day", "published_inferred": value not in full_printed,
                "published_confidence": conf, "published_evidence": evidence, "other_dates": other}
    first_update = min((v for v, _ in updated), default=None)
    if first_update and (not u or first_update.startswith(u[0])):
        why = next(w for v, w in updated if v == first_update)
        evidence += [f"Only an update time dates the page: {why} The story was published on that day or earlier; "
                     "review the date."] + ([f"Agrees: the URL gives the month {u[0]}."] if u else [])
        return {"published": first_update, "published_precision": "day", "published_inferred": True,
                "published_confidence": "low", "published_evidence": evidence, "other_dates": other}
    stamp_month = next((o for o in other if o["kind"] == "scrape-header" and o["value"] and len(o["value"]) == 7), None)
    if stamp_month and not u:
        evidence.append(f"Only a scraper's stamp dates the page, to the month ({stamp_month['text']!r}).")
        return {"published": stamp_month["value"], "published_precision": "month", "published_inferred": True,
                "published_confidence": "low", "published_evidence": evidence, "other_dates": other}
    if u:
        evidence.append(f"Only the URL dates the page, to the month ({u[0]})." +
                        (f" An update time ({first_update}) is later than that month." if first_update else ""))
        return {"published": u[0], "published_precision": "month", "published_inferred": True,
                "published_confidence": "medium", "published_evidence": evidence, "other_dates": other}
    photo_day = max(photo, default=None)
    if photo_day and weekdays and weekday_of(photo_day) == weekdays[0].lower():
        evidence.append(f"No printed, dateline or URL date; a photo caption dates the photo to {photo_day}, a {weekdays[0]}, "
                        f"and the opening says {weekdays[0]!r}: the story is most likely from that day (an inference from "
                        "the photo; review the date).")
        return {"published": photo_day, "published_precision": "day", "published_inferred": True,
                "published_confidence": "low", "published_evidence": evidence, "other_dates": other}
    photo_years = [d.value[:4] for c in lay.captions for d in find_dates(c) if re.fullmatch(r"(?:19|20)\d\d", d.value[:4])]
    years = copyright_years or re.findall(r"\b((?:19|20)\d\d)\b", "\n".join([lay.headline or ""] + lay.body)) + photo_years
    if years:
        year = max(years) if not copyright_years else copyright_years[0]
        evidence.append(f"No printed, dateline or URL date with a year; the year {year} is from "
                        + ("the copyright footer: the day is unknown." if copyright_years else
                           "a photo caption's date (a photo is taken before the article that prints it)"
                           if year in photo_years and year not in years[:len(years) - len(photo_years)] else
                           "the latest year the text mentions")
                        + ("" if copyright_years else ", so the article is from then or later: a weak guess."))
        if dateline_date is not None:
            evidence.append(f"The dateline prints {dl.group('date')!r} with no year; give the page's URL (--urls) "
                            "or review the date.")
        if weekdays:
            evidence.append(f"The text says {weekdays[0]!r} but no week can be fixed.")
        return {"published": year, "published_precision": "year", "published_inferred": True,
                "published_confidence": "low", "published_evidence": evidence, "other_dates": other}
    if fallback_year:
        evidence.append(f"No date evidence at all on the page; dated to {fallback_year}, the year of the story's other "
                        "pages: a guess, review the date.")
        return {"published": fallback_year, "published_precision": "year", "published_inferred": True,
                "published_confidence": "low", "published_evidence": evidence, "other_dates": other}
    raise NoDateEvidence("no date evidence at all on the page (no printed, dateline, URL, copyright or text year); "
                         "give the page's URL in --urls")
