"""Person, organisation and place mentions by rule, with canonical ids and capital-for-government.

- Places and countries come from a small gazetteer (:data:`GAZETTEER`), with spelling variants
  under one id ("S. Korea", "South Korea", "ROK" -> ``south-korea``).
- Persons: a name after a title ("Defense Minister Han Min-koo", "Ambassador Yasumasa
  Nagamine", "Minister of Defense Kihara Minoru": a portfolio may follow the title), a
  Korean-style name (a common Korean surname and a given name), a byline, a name
  of two or three capitalised words followed by a comma and a role (:data:`ROLES`: "Patrick
  Cronin, an analyst at ...", "Noriyuki Shikata, deputy chief cabinet secretary") or set off by
  commas after a role ("Japan's ambassador to the South, Yasumasa Nagamine, signed"), a single
  name as the speaker right after a quotation ('"...," Carter stated'), a name of two or three words
  opening a sentence before a verb of speech or meeting ("Yasukazu Hamada held talks"), a name with its
  role as a sentence ("Tong Zhao is a senior fellow"), a byline's second author ("By Joyce Lee and
  Kiyoshi Takenaka"), or a single
  name modifying an administration or government ("the Obama administration"); place names,
  demonyms and organisation words (:data:`NOT_PERSON_WORDS`) never make such a name.
  A later surname alone ("Yoon said") links to the full name met before in the document.
  Variants that differ only in hyphens, spaces or case ("Han Min Koo", "Han Min-koo") share an id.
- Organisations: capitalised phrases ending in an organisation word (Ministry, Party, Assembly...)
  and the wire agencies.
- A capital (Seoul, Tokyo, Pyongyang, Beijing, Washington, Moscow) stands for its government
  unless a place word precedes it ("in", "at", "to", "visit"...) or it is part of a dateline (also one in
  mixed case opening a line: "Tokyo, Dec. 21 (Jiji Press)--").
"""

from __future__ import annotations

import re

GAZETTEER: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    # id: (name, type, country, variants)
    "south-korea": ("South Korea", "country", "KR", ("South Korea", "S. Korea", "S Korea", "Republic of Korea", "ROK")),
    "north-korea": ("North Korea", "country", "KP", ("North Korea", "N. Korea", "N Korea", "DPRK",
                                                      "Democratic People's Republic of Korea")),
    "japan": ("Japan", "country", "JP", ("Japan",)),
    "china": ("China", "country", "CN", ("China", "People's Republic of China")),
    "united-states": ("United States", "country", "US", ("United States", "U.S.", "USA", "America")),
    "russia": ("Russia", "country", "RU", ("Russia",)),
    "korea": ("Korea", "place", None, ("Korea",)),
    "korean-peninsula": ("Korean Peninsula", "place", None, ("Korean Peninsula", "Korean peninsula")),
    "seoul": ("Seoul", "place", "KR", ("Seoul",)),
    "tokyo": ("Tokyo", "place", "JP", ("Tokyo",)),
    "pyongyang": ("Pyongyang", "place", "KP", ("Pyongyang",)),
    "beijing": ("Beijing", "place", "CN", ("Beijing",)),
    "washington": ("Washington", "place", "US", ("Washington",)),
    "moscow": ("Moscow", "place", "RU", ("Moscow",)),
    "sea-of-japan": ("Sea of Japan", "place", None, ("Sea of Japan",)),
    "east-sea": ("East Sea", "place", None, ("East Sea",)),
    "dokdo": ("Dokdo", "place", None, ("Dokdo", "Takeshima", "Liancourt Rocks")),
}
GAZETTEER_NAMES = {v for _n, _t, _c, vs in GAZETTEER.values() for v in vs}
CAPITALS = {"seoul": "south-korea", "tokyo": "japan", "pyongyang": "north-korea", "beijing": "china",
            "washington": "united-states", "moscow": "russia"}
#: What a government does or has: after a capital's possessive these make it the government even after
#: "in", "at" or "to" ("led to Seoul's decision", "at Seoul's presidential office"; not "in Seoul's Mapo district").
GOVERNMENT_NOUNS = re.compile(r"'s (?:\w+ ){0,2}?(?:decision|decisions|move|moves|claims?|plan|plans|position|stance|request|"
                              r"response|policy|policies|demands?|proposal|offer|government|presidential|foreign|defen[cs]e|"
                              r"military|intelligence|refusal|withdrawal|announcement|statement|protest|approach|concerns?)\b")
#: A diplomat accredited to a capital is accredited to its government: "Ambassador to Seoul".
ENVOY_TO = re.compile(r"\b(?:ambassador|envoy|embassy|minister plenipotentiary)\s+to\s+$", re.I)
_CAPITAL_NAMES = "(?:Seoul|Tokyo|Pyongyang|Beijing|Washington|Moscow)"
LOCATIVE = re.compile(r"\b(in|at|to|into|near|outside|inside|around|across|visit|visits|visited|visiting|arrived|"
                      r"arrive|arriving|held|based|flew|travel(?:l?ed)?|return(?:ed)?|city of|streets of|capital)\s+$", re.I)
SURNAMES = ("Kim Lee Park Choi Jung Chung Kang Cho Yoon Yun Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong "
            "Jeon Ko Moon Yang Son Bae Baek Heo Nam Shim Noh Roh Ha Kwak Sung Cha Joo Woo Koo Min Ryu Jin Chin Rhee "
            "Chun Suh Byun Ban Hyun Yeo Pyo Jo").split()
TITLES = (r"(?:then-)?(?:President-elect|President|Prime Minister|(?:Vice |Deputy )?(?:Foreign |Defen[cs]e |Unification )?Minister|"
          r"Ambassador|[Ss]pokes(?:man|woman|person)|Chair(?:man|woman|person)?|Secretary(?:[- ]General| of State| of Defense)?|"
          r"Chief Cabinet Secretary|Gen\.|General|Adm\.|Admiral|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.|Professor|Rep\.|Sen\.|"
          r"Senator|leader|Leader|Premier|Chancellor|King|Emperor|Lt\. Gen\.|Col\.)")
_NAME_TOKEN = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?"
#: The portfolio after a title: "Minister of Defense", "Minister of National Defense", "Minister for Foreign Affairs".
PORTFOLIO = (r"(?:of|for)\s+(?:the\s+)?(?:National\s+|Home\s+)?(?:Defen[cs]e|Foreign Affairs|Home Affairs|Internal Affairs|"
             r"State|Finance|Justice|Trade|Unification|Interior|Economy|Economy and Finance)")
TITLED = re.compile(rf"\b{TITLES}(?:\s+to\s+(?:the\s+)?(?:South |North )?[A-Z][a-z]+(?:\s[A-Z][a-z]+)?|\s+{PORTFOLIO})?\s+"
                    rf"(?P<name>[A-Z]{{2,}}\s{_NAME_TOKEN}|{_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{0,2}})\b"
                    rf"(?!\s+of\b(?!\s+(?:Japan|South|North|Korea|China|the Republic|the United States)\b))")  # \b: no
# backing off to "Securit"; "KIHARA Minoru": a Japanese surname in capitals before the given name (Japanese government style)
#: Capitalised words that follow a title-like word without being a name ("General Security of ...").
NOT_NAMES = {"Security", "Assembly", "Staff", "Affairs", "Council", "Information", "Agreement", "Office", "House",
             "Ministry", "Party", "Forces", "Defense", "Defence", "Foreign", "Secretary", "Assembly", "Election"}
KOREAN = re.compile(rf"\b(?P<name>(?:{'|'.join(SURNAMES)})\s[A-Z][a-z]+(?:-[A-Za-z][a-z]+|\s[A-Z][a-z]+)?)\b")
KOREAN_CAPS = re.compile(rf"\b(?P<name>(?:{'|'.join(n.upper() for n in SURNAMES)}) [A-Z]{{2,}}(?:-[A-Z]{{2,}}| [A-Z]{{2,}})?)\b")
#: Role nouns of an apposition after a name: "Noriyuki Shikata, deputy chief cabinet secretary, said".
ROLES = ("spokesman", "spokeswoman", "spokesperson", "professor", "analyst", "researcher", "fellow", "expert", "director",
         "official", "adviser", "advisor", "secretary", "minister", "ambassador", "chief", "head", "chairman", "chairwoman",
         "commander", "lawmaker", "senator", "scholar", "correspondent", "diplomat", "envoy", "president", "dean", "lecturer")
APPOSED = re.compile(rf"\b(?P<name>{_NAME_TOKEN}(?: [A-Z]\.)?(?: {_NAME_TOKEN}){{1,2}}), (?:(?:a|an|the|who is|who was)\s+)?"
                     rf"(?:[\w.'-]+\s+){{0,4}}?(?:{'|'.join(ROLES)})s?\b")
#: A role before a name set off by commas: "Japan's ambassador to the South, Yasumasa Nagamine, signed".
ROLE_FIRST = re.compile(rf"\b(?i:{'|'.join(ROLES)})(?: (?:to|of|for|at|in) (?:the )?[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){{0,3}})?, "
                        rf"(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}}),")
#: A single name as the speaker right after a quotation: '"... tests," Carter stated.'
QUOTE_SPEAKER = re.compile(r"[,?!][\"\u201d]\s+(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}) (?:said|says|stated|states|told|"
                           r"added|asked|wrote|noted|insisted|explained|continued|warned|replied)\b")
#: A name as the modifier of an administration or government: "the Obama administration".
ADMINISTRATION = re.compile(r"\b[Tt]he (?P<name>[A-Z][a-z]+) (?:administration|government|cabinet)\b")
#: Capitalised words that are not a person's name in those two rules (demonyms, places, descriptors).
NOT_PERSON_WORDS = {"American", "Korean", "Japanese", "Chinese", "Russian", "British", "French", "German", "Federal",
                    "Current", "New", "Previous", "Former", "Incoming", "Outgoing", "Then", "Conservative", "Liberal",
                    "Military", "Central", "Local", "Provincial", "National", "Interim", "Trump-era", "State"}
BYLINE_NAMES = re.compile(r"^By (?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})", re.M)
#: The second author of a byline: "By Joyce Lee and Kiyoshi Takenaka".
BYLINE_SECOND = re.compile(r"^By [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3}(?:, [A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})* and "
                           r"(?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})\s*$", re.M)
#: A byline with no "By": a line of two to four names and nothing else ("Choe Sang-Hun, Motoko Rich and Edward Wong").
_BYLINE_NAME = r"[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+){1,2}"
BYLINE_LIST = re.compile(rf"^{_BYLINE_NAME}(?:, {_BYLINE_NAME}){{0,2}},? and {_BYLINE_NAME}$", re.M)
#: A speaker label in a transcript, in capitals: "MR. SULLIVAN:", "MS. JEAN-PIERRE:".
TRANSCRIPT_SPEAKER = re.compile(r"^(?:MR|MS|MRS|DR)\. (?P<name>[A-Z]{2,}(?:-[A-Z]{2,})?)(?=:)", re.M)
#: A lower-case title after a demonym or country: "Japanese prime minister Fumio Kishida".
TITLED_LOWER = re.compile(rf"\b[A-Z][a-z]+(?:'s)? (?:prime minister|president|(?:foreign|defen[cs]e) minister) "
                          rf"(?P<name>{_NAME_TOKEN}(?:\s{_NAME_TOKEN}){{1,2}})\b")
#: A name of two or three words opening a sentence, then a verb of speech or meeting: "Yasukazu Hamada held talks
#: with ...", "Jane Roe told reporters"; the words must not be places, organisations or demonyms (checked below).
SUBJECT_NAME = re.compile(r"(?:^|(?<=[.!?] ))(?P<name>[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}) "
                          r"(?:said|says|told|held talks|met|stressed|added|noted|urged)\b", re.M)
#: A name with its role as a sentence: "Tong Zhao is a senior fellow in ...".
NAME_IS_ROLE = re.compile(rf"(?:^|(?<=[.!?] ))(?P<name>{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,2}}) (?:is|was) (?:a|an|the) "
                          rf"(?:[\w.'-]+\s+){{0,3}}?(?:{'|'.join(ROLES)})s?\b", re.M)
#: A dateline opening a line in mixed case: "Tokyo, Dec. 21 (Jiji Press)--" (the capital is the place).
_DATELINE_AFTER = re.compile(r",? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b")
ORG_HEADS = ("Ministry", "Party", "Assembly", "Forces", "Agency", "Council", "Office", "Department", "Committee",
             "Institute", "University", "Association", "Command", "Staff", "House", "Cabinet", "Pentagon",
             "Parliament", "Diet", "Navy", "Army", "Air Force", "Service", "Foundation", "Centre", "Center", "Union")
ORG = re.compile(rf"\b(?P<name>(?:[A-Z][\w'.-]*\s(?:of\s(?:the\s)?)?){{0,5}}(?:{'|'.join(ORG_HEADS)}))\b")
AGENCY_ORGS = {"Yonhap": "yonhap", "Kyodo": "kyodo", "Kyodo News": "kyodo", "Xinhua": "xinhua", "Reuters": "reuters",
               "UPI": "upi", "AFP": "afp", "KCNA": "kcna", "NHK": "nhk"}
#: Words of a title or office, never a name in the two sentence-opening rules ("Prime Minister said").
_TITLE_WORDS = {"Prime", "Minister", "President", "Vice", "Deputy", "Chief", "Secretary", "General", "Spokesman",
                "Spokeswoman", "Ambassador", "Chairman", "Premier", "Senator", "Officials", "Sources", "Police", "Navy",
                "Army", "Government", "Ministry", "Today", "Times", "News", "Post", "Herald", "Press", "Daily"}
_STOP_LEAD = {"The", "A", "An", "This", "That", "South", "North", "Japan's", "Korea's"}
_PRONOUNS = {"He", "She", "It", "They", "We", "I", "You", "Officials", "Experts", "Analysts", "Critics", "Sources"}


def canonical_key(name: str) -> str:
    """Spelling-variant key: ``'Han Min Koo'`` and ``'Han Min-koo'`` -> ``'hanminkoo'``."""
    return re.sub(r"[^a-z]", "", name.lower())


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "entity"


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    return any(s < b and a < e for s, e in spans)


def find_mentions(text: str, dateline: tuple[int, int] | None = None) -> list[dict]:
    """Mentions (without ids) as ``{start, end, text, type, name, key, metonymy, refers_to}``."""
    found: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(a: int, b: int, type_: str, name: str, key: str, metonymy: str | None = None, refers_to: str | None = None):
        if b <= a or _overlaps(taken, a, b):
            return
        taken.append((a, b))
        found.append({"start": a, "end": b, "text": text[a:b], "type": type_, "name": name, "key": key,
                      "metonymy": metonymy, "refers_to": refers_to})

    persons: dict[str, str] = {}  # surname or last name -> full name key
    for pattern in (BYLINE_NAMES, BYLINE_SECOND):
        for m in pattern.finditer(text):
            add(m.start("name"), m.end("name"), "person", m.group("name"), canonical_key(m.group("name")))
    places = {v.split()[0] for _n, _t, _c, vs in GAZETTEER.values() for v in vs} | {"Seoul's", "Tokyo's"}
    for m in BYLINE_LIST.finditer(text):
        names = [(n.start() + m.start(), n.group()) for n in re.finditer(_BYLINE_NAME, m.group())]
        if all(not (set(n.split()) & (places | NOT_NAMES | NOT_PERSON_WORDS | set(ORG_HEADS) | _TITLE_WORDS)) for _a, n in names):
            for a, n in names:
                add(a, a + len(n), "person", n, canonical_key(n))
    for m in TRANSCRIPT_SPEAKER.finditer(text):
        add(m.start("name"), m.end("name"), "person", m.group("name"), canonical_key(m.group("name")))
    for pattern in (TITLED, TITLED_LOWER, KOREAN, KOREAN_CAPS):
        for m in pattern.finditer(text):
            name = m.group("name")
            words = name.split()
            while words and words[-1] in ("And", "The", "On", "In"):
                words.pop()
            if not words or (pattern is TITLED and (words[0] in NOT_NAMES or len(words) == 1 and words[0] in _STOP_LEAD)):
                continue
            name = " ".join(words)
            a = m.start("name")
            add(a, a + len(name), "person", name, canonical_key(name))
    for pattern in (APPOSED, ROLE_FIRST, ADMINISTRATION, QUOTE_SPEAKER, SUBJECT_NAME, NAME_IS_ROLE):  # names with no title or Korean surname, known by their context
        for m in pattern.finditer(text):
            words = m.group("name").split()
            if any(w in NOT_NAMES or w in NOT_PERSON_WORDS or w in places or w in ORG_HEADS for w in words) \
                    or pattern in (SUBJECT_NAME, NAME_IS_ROLE) and any(w in _TITLE_WORDS for w in words) \
                    or words[0] in _STOP_LEAD | _PRONOUNS or m.group("name") in GAZETTEER_NAMES | set(AGENCY_ORGS):
                continue
            add(m.start("name"), m.end("name"), "person", m.group("name"), canonical_key(m.group("name")))
    for f in [f for f in found if f["type"] == "person"]:
        words = f["name"].split()
        korean = words[0].capitalize() in SURNAMES
        if len(words) > 1 and len(words[0]) > 1 and words[0].isupper():  # "KIHARA Minoru" is "Kihara" later
            persons[words[0].capitalize()] = f["key"]
        persons[words[0] if korean else words[-1]] = f["key"]
        persons.setdefault(f["name"], f["key"])
    for short, key in sorted(persons.items(), key=lambda kv: -len(kv[0])):  # full names again first, then surnames
        for m in re.finditer(rf"\b{re.escape(short)}\b(?!-)", text):
            add(m.start(), m.end(), "person", short, key)
    for name, key in AGENCY_ORGS.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            add(m.start(), m.end(), "organisation", name, key)
    for m in ORG.finditer(text):
        name = m.group("name")
        words = name.split()
        while words and words[0] in _STOP_LEAD | {"Seoul's", "Tokyo's"}:
            words.pop(0)
        if not words:
            continue
        name = " ".join(words)
        a = m.end("name") - len(name)
        add(a, m.end("name"), "organisation", name, canonical_key(name))
    for gid, (name, type_, _country, variants) in GAZETTEER.items():
        for variant in sorted(variants, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w.]){re.escape(variant)}(?![\w-]|\.\w)|(?<![\w.-]){re.escape(variant)}(?=-{_CAPITAL_NAMES}\b)",
                                 text):  # "the Seoul-Tokyo row": both capitals
                a, b = m.start(), m.end()
                if gid in CAPITALS:
                    in_dateline = dateline is not None and dateline[0] <= a < dateline[1] or \
                        (a == 0 or text[a - 1] == "\n") and bool(_DATELINE_AFTER.match(text, b))
                    before = text[max(0, a - 25):a]
                    government = ENVOY_TO.search(before) or GOVERNMENT_NOUNS.match(text, b)
                    locative = not government and (LOCATIVE.search(before) or text[b:b + 6].startswith("-based"))
                    if not in_dateline and not locative:
                        add(a, b, type_, name, gid, "capital-for-government", CAPITALS[gid])
                        continue
                add(a, b, type_, name, gid)
    return sorted(found, key=lambda f: (f["start"], f["end"]))


def entity_record(key: str, name: str, type_: str) -> dict:
    """A registry entry for an id found by :func:`find_mentions`."""
    for gid, (gname, gtype, country, variants) in GAZETTEER.items():
        if key == gid:
            return {"entity_id": gid, "name": gname, "type": gtype, "variants": list(variants), "country": country,
                    "description": f"machine: from the kit's gazetteer ({gtype})"}
    return {"entity_id": slug(name), "name": name, "type": type_, "variants": [name], "country": None,
            "description": f"machine: {type_} found by rule; review the name and add a description"}
