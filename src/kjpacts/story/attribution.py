"""Attribution candidates by rule (after PARC 3.0): who says what, with which cue.

Rules, each a pattern a reader can check:

1. direct quotes: a quoted passage of three or more words next to ``SOURCE CUE`` or ``CUE SOURCE``
   (``"...," the official said``; ``Yoon said: "..."``);
2. indirect speech: ``SOURCE CUE (that) CONTENT`` or ``CONTENT, SOURCE CUE (time).`` with a cue
   verb from :data:`CUE_VERBS`; content holding a quoted fragment makes it ``mixed``;
3. ``according to SOURCE``;
4. colon speakers at the start of a line (``MODERATOR: ...``, transcript labels).

The source is the words before the cue back to a clause boundary (sentence start, ``that``,
``which``, ``after``, a comma...); in ``CONTENT, said SOURCE.`` (the cue right after a comma,
a noun phrase to the sentence end) it is the words after the cue; when only "and" is left
(``X has tested ..., and claims``) it is the subject of the clause before. Named or anonymous,
speaker type and country come from word lists below; all of it is a guess for a person to review.

Narrowing rules: a negated cue (``did not say``, ``does not view``) reports nothing; "showed" needs
a report, survey or data as its source (:data:`EVIDENCE`); a participle with no comma before it
needs a word that opens its content (``citing a ...``; not ``missile warning data``); "view(s)" is
a cue only with "as" a few words on, "worry" only with "that"; denials and protests may take a
short noun-phrase content (``The ministry denied the report.``, :data:`SHORT_CONTENT`); "doubt" is a cue
before its content (``few experts doubt it could``), not as a noun (``no doubt``); ``had given X notice`` is
one; a dateline opening the sentence (``TOKYO, Aug 23 (KUNA) --``) is never the source; a second cue joined by
"and" (``X said that ... and denied that``) has the first cue's source; "asked" is a cue, not in the passive
(``was asked to``); ``"...," said NAME`` with the quotation
over several lines takes the name after the cue.
"""

from __future__ import annotations

import re

CUE_VERBS = ("said", "says", "say", "told", "tells", "added", "adds", "noted", "stated", "announced", "announces",
             "reported", "reports", "report", "claimed", "claims", "insisted", "warned", "warns", "urged", "urges", "argued",
             "stressed", "emphasized", "emphasised", "explained", "acknowledged", "confirmed", "denied", "declared",
             "suggested", "admitted", "wrote", "accused", "criticized", "criticised", "showed", "predicted",
             "pledged", "vowed", "promised", "demanded", "called for", "raised speculation", "speculated",
             "quoted", "asserted", "maintained", "revealed", "disclosed", "complained", "cautioned", "cited", "accuses", "accuse",
             "believes", "believe", "believed", "indicated", "questioned", "condemned", "commented", "remarked",
             "conceded", "hinted", "expressed", "welcomed", "welcomes", "informed", "read out", "denies", "deny",
             "question", "had called", "has called", "have called", "underscored",
             "highlighted", "announce", "argue", "argues", "protested against", "protest against", "protests against",
             "denounced", "denounces", "are accusing", "is accusing", "are demanding", "is demanding", "has protested",
             "have protested", "hoped", "shows", "insists", "insist", "alleges", "allege", "slammed", "slams",
             "cautions", "voiced", "voices", "reaffirm", "reaffirms", "reaffirmed", "refused to admit",
             "objected to", "object to", "objects to", "replied", "replies", "reiterated", "reiterates", "termed",
             "echoed", "echoes", "hailed", "hails", "lauded", "lauds", "praised", "praises", "affirmed", "affirms",
             "expresses", "suggest", "suggests", "urge", "went on to say", "emphasize", "emphasise", "stress", "warn")
#: Cues that may come before their source at a sentence's end ("..., said Kim Min-su."); "..., echoed a similar view" is
#: no inverted report.
INVERTED = {"said", "says", "told", "added", "adds", "noted", "stated", "wrote", "asked", "warned", "explained", "insisted",
            "replied", "argued", "continued", "announced", "reported", "reports", "claimed", "stressed", "emphasized",
            "emphasised", "writes"}
#: Cues whose content may be a short noun phrase ("The ministry denied the report.", "protested against the deal").
SHORT_CONTENT = ("denied", "denies", "deny", "dismissed", "dismisses", "protested against", "protest against", "protests against", "has protested",
                 "have protested")
#: What can "show" a finding: "a survey showed that ...", "media reports showed"; not "the launch showed".
EVIDENCE = re.compile(r"\b(reports?|surveys?|polls?|stud(?:y|ies)|data|figures|statistics|documents?|records?|media|"
                      r"research|results?|analys[ie]s|footage|census|investigations?|findings)\b", re.I)
#: Words that open a participle's content; without a comma before it a participle needs one ("citing a
#: security problem", "asking for measures"), so "missile warning data" is no cue.
_CONTENT_OPENERS = re.compile(r"\s+(?:that|the|a|an|it|its|his|her|their|he|she|they|we|this|these|those|for|of|about|"
                              r"to|against|on|what|how|why|whether|[\"\u201c'\u2018])", re.I)
#: Participle cues ("..., saying it would"): the source is the subject of the sentence.
PARTICIPLES = ("saying", "citing", "noting", "adding", "stressing", "warning", "claiming", "insisting", "arguing",
               "calling for", "urging", "accusing", "describing", "explaining", "underscoring", "highlighting", "emphasizing",
               "emphasising", "asking", "denying", "welcoming", "informing", "alleging", "affirming", "reaffirming",
               r"calling(?! off\b| up\b| out\b| in\b)")
_AUX = (r"(?:(?:has|have|had|will|would|also|previously|later|earlier|bitterly|repeatedly|publicly|then|once|further|again|"
        r"reportedly|was|were|is|immediately|quickly|swiftly|strongly|sharply|firmly|flatly|openly)\s+)*")
#: "ruled" is a cue only with its content, a that-clause a few words on ("the court ruled last year that ..."),
#: not in "Japan ruled Korea as a colony".
CUE = re.compile(rf"\b{_AUX}(?P<verb>{'|'.join(sorted(map(re.escape, CUE_VERBS), key=len, reverse=True))}|"
                 rf"ruled(?=(?: [\w-]+){{0,3}} that\b)|"
                 rf"(?<!\bno )(?<!\ba )(?<!\bany )(?<!\bin )doubts?(?= (?:that|it|whether|they|he|she|this)\b)|"  # "few experts doubt it"
                 rf"given(?=(?: [\w'-]+){{1,3}} notice\b)|"  # "had given Japan notice that"
                 rf"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bbe )(?:asked|dismissed|dismisses|threatened|"
                 rf"threatens)(?= \w)|"  # not the passive "was asked", "was dismissed"
                 rf"(?<!\b[Tt]he )(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Ii]ts )(?<!\b[Tt]heir )(?<!\b[Tt]his )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bbe )"
                 rf"(?:proposed|proposes|requested|requests)(?= \w)|"  # not "the proposed pact"
                 rf"(?<!\b[Tt]he )(?<!\b[Hh]igh )(?<!\braised )(?<!\b[Ii]ts )(?<!\b[Tt]heir )(?<!\b[Hh]is )(?<!\b[Hh]er )(?<!\b[Oo]ur )"
                 rf"hop(?:es|ing)(?= (?:to|that)\b)|"  # "the US hopes to", not "raised hopes that"
                 rf"(?<=\bwhat they )term|(?<=\bwhat (?:it|he) )terms|refer(?:s|red)? to(?= as\b)|"  # "what they term", "refer to as"
                 rf"(?<=\bwhat (?:it|he) )call(?:s|ed)|(?<=\bwhat she )call(?:s|ed)|(?<=\bwhat they )call(?:ed)?|"  # "what it called"
                 rf"determined(?= that\b)|"
                 rf"(?<!'s )(?<!\u2019s )(?<!\bits )(?<!\btheir )(?<!\bhis )(?<!\bher )(?<!\bour )(?<!\b[Tt]he )(?<!\b[Aa] )"
                 rf"(?<!\bthis )(?<!\bthat )claim(?= )|"  # "they claim", not the noun "its claim that"  # "the government has determined that", not "a determined effort"
                 rf"(?<!-)call(?:s|ed)(?= on\b| (?:[\w'\u2019-]+ ){{0,4}}(?:an? |the )?[\"\u201c])|"  # "called the move \"a misjudgment\""
                 rf"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!\bbe )"
                 rf"(?:sees?|described|describes)(?=(?: [\w'\u2019\"\u201c\u201d-]+){{0,8}} as\b(?! well\b))|"  # "sees it as", "what it sees as"
                 rf"views?(?=(?: [\w'\u2019\"\u201c\u201d-]+){{1,8}} as\b(?! well\b))|"  # "Seoul views the move as retaliation"
                 rf"worr(?:y|ies|ied)(?=(?:,? [\w-]+){{0,3}},? that\b))\b")  # "experts worry, however, that ..."
#: A dateline opening a sentence: "TOKYO, Aug 23 (KUNA) -- ", "SEOUL/NAGOYA, Japan (Reuters) - ".
_DATELINE = re.compile(r"[A-Z][A-Z./'-]{2,}(?: [A-Z][A-Z./'-]+)*(?:, [\w.' ]{1,30}?)?(?: \([A-Za-z ]{2,20}\))? ?(?:--|\u2014|\u2013|-) ?")
#: Discourse adverbs set off by commas ("Critics, however, say"): not part of the source.
_ASIDE = r"however|meanwhile|though|nonetheless|instead|too|also|in turn|for (?:his|her|its|their) part"
# Clause boundaries that end a source phrase on its left.
BOUNDARY = re.compile(rf'(?:^|[";:(]|, (?!(?:leader|head|chief|spokes\w+|minister|president|director|chairman|who|{_ASIDE})\b)|'
                      r"\b(?:that|which|who|after|before|when|while|as|because|but|although|though|since|if|whereas|and then)\s)", re.I)
ANON_HEADS = re.compile(r"\b(officials?|sources?|diplomats?|critics|some|others|observers|analysts|experts|"
                        r"insiders|aides?|they|he|she|it|we|people|residents|reports?|media|lawmakers|activists|"
                        r"groups|politicians)\b", re.I)
PRONOUN = re.compile(r"^(he|she|it|they|we|i|you)$", re.I)
_GENERIC_CAPS = {"a", "an", "the", "some", "senior", "government", "official", "officials"}
SPEAKER_TYPES = [
    (re.compile(r"\b(general|army|navy|air force|military|joint chiefs|jcs|commander|troops|self[- ]defen[cs]e)\b", re.I), "military"),
    (re.compile(r"\b(analyst|professor|expert|researcher|scholar|institute|think tank|fellow)s?\b", re.I), "analyst"),
    (re.compile(r"\b(activists?|civic|groups?|campaigners?|advocates?|union)\b", re.I), "advocacy-group"),
    (re.compile(r"\b(media|reports?|news|newspaper|agency|yonhap|kyodo|xinhua|reuters|afp|ap|upi|nhk|broadcaster|survey|poll|gallup)\b", re.I), "media"),
    (re.compile(r"\b(party|lawmakers?|opposition|legislators?|parliament\w*|assembly|leader|politicians?|candidate|senator)\b", re.I), "politician"),
    (re.compile(r"\b(official|ministry|minister|government|spokes\w+|president|prime minister|cabinet|secretary|"
                r"administration|office|ambassador|diplomat|seoul|tokyo|korea|japan)\b", re.I), "government-official"),
]
COUNTRIES = [(re.compile(r"\b(north korea\w*|pyongyang|kcna)\b", re.I), "KP"),
             (re.compile(r"\b(south korea\w*|seoul|korean|yonhap|saenuri|democratic united|blue house|lee myung-bak|yoon|moon jae-in|park geun-hye)\b", re.I), "KR"),
             (re.compile(r"\b(japan\w*|tokyo|kyodo|abe|kishida|noda)\b", re.I), "JP"),
             (re.compile(r"\b(u\.s\.|united states|american|washington|pentagon|white house|state department)\b", re.I), "US"),
             (re.compile(r"\b(china|chinese|beijing|xinhua)\b", re.I), "CN")]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n,;:-\u2014":
        start += 1
    while end > start and text[end - 1] in " \t\n,;:\u2014":
        end -= 1
    return start, end


def _span(text: str, start: int, end: int) -> dict | None:
    start, end = _strip(text, start, end)
    return {"start": start, "end": end, "text": text[start:end]} if end > start else None


#: An opening clause before the subject ("Asked about the pact, ...", "Speaking in Seoul, ..."): not the source.
_OPENING_CLAUSE = re.compile(r"(?:Asked|Speaking|Responding|Commenting|Addressing|Writing|Earlier|Later|Separately|"
                             r"Meanwhile|In|On|At|After|Before|During|When|While|Despite|Following|Last|This)\b")


def _source_left(text: str, sent_start: int, cue_start: int) -> tuple[int, int] | None:
    """Source phrase ending at ``cue_start``: back to the nearest clause boundary."""
    dl = _DATELINE.match(text, sent_start, cue_start)  # "TOKYO, Aug 23 (KUNA) -- Abe denounced": not the source
    if dl:
        sent_start = dl.end()
    window = text[sent_start:cue_start]
    cut = 0
    for m in BOUNDARY.finditer(window):
        if m.end() < len(window.rstrip()):
            cut = m.end()
    start, end = _strip(text, sent_start + cut, cue_start)
    for m in CUE.finditer(text, start, end):  # "X said dozens of groups have accused": source after the first cue
        if text[m.end():end].strip():  # ... but "media reports showed": a cue word ending the source is a noun
            start, end = _strip(text, m.end(), end)
    if text[start:end].lower() in ("and", "but", "or"):  # "North Korea has tested ..., and claims": that clause's subject
        before = text[sent_start:start].rstrip(" ,")
        cuts = [m.end() for m in BOUNDARY.finditer(before) if m.end() < len(before)]
        head = sent_start + (cuts[-1] if cuts else 0)
        subj = re.match(r"(?:(?:the|a|an) )?(?:[A-Z][\w'.-]*(?:'s)? ?)+|(?:he|she|it|they|we)\b", text[head:start].lstrip())
        if subj and subj.group().strip():
            head += len(text[head:start]) - len(text[head:start].lstrip())
            return _strip(text, head, head + subj.end())
    lead = re.match(r"(?:and|but|or|so|then)\s+", text[start:end], re.I)
    if lead:
        start += lead.end()
    aside = re.search(rf",\s*(?:{_ASIDE})$", text[start:end], re.I)
    if aside:
        end = start + aside.start()
    words = text[start:end].split()
    comma = text.rfind(", ", start, end)
    if words and comma > start and (len(words) > 14 or _OPENING_CLAUSE.match(text, start)):
        start, end = _strip(text, comma + 2, end)  # "Asked about the pact, President Roe said": the name after the comma
        words = text[start:end].split()
    if not words or len(words) > 14:
        return None
    if words[0].lower() in ("which", "who"):
        return None
    return start, end


#: Words that make the phrase after "..., said" a clause of its own, not the source ("said Japan would ...").
_CLAUSE_WORDS = re.compile(r"\b(?:that|would|will|is|are|was|were|has|have|had|can|could|should|must|may|might|did|does|"
                           r"[a-z]+ed|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|June|July|"
                           r"August|September|October|November|December)\b")


def _source_right(text: str, sent_start: int, cue_start: int, cue_end: int, sent_end: int) -> tuple[int, int] | None:
    """The source after the cue in an inverted report, "CONTENT, said SOURCE.": the cue follows a comma
    directly, the clause before that comma is not a relative ("X, who ..., said"), and the words after
    the cue run to the sentence end as a noun phrase of at most 16 words that starts with a capital or
    a determiner and holds no verb or date ("said Kim Min-su, a deputy director of the council.")."""
    lead = text[sent_start:cue_start].rstrip()
    lead = lead[:-1] if lead.endswith((',"', ",\u201d")) else lead  # '"...," said Kim': a quotation on several lines
    if not lead.endswith(",") or len(lead.split()) < 4:
        return None
    clause = lead[:-1].rsplit(",", 1)[-1].strip() if "," in lead[:-1] else ""
    if re.match(r"(?:who|which|where|whose|when)\b", clause):
        return None
    tail = text[cue_end:sent_end]
    m = re.match(r"\s+(?P<src>(?:(?:the|a|an) [\w-]+|[A-Z][\w.'-]*)[^.;:?!\"\u201c\u201d]*?)\s*[.]?\s*$", tail)
    if not m or len(m.group("src").split()) > 16 or _CLAUSE_WORDS.search(m.group("src")):
        return None
    return _strip(text, cue_end + m.start("src"), cue_end + m.end("src"))


def describe_source(source: str) -> dict:
    """named, speaker_type, country and a short label for a source phrase."""
    words = re.findall(r"[A-Za-z][\w'.-]*", source)
    caps = [w for w in words if w[0].isupper() and w.lower() not in _GENERIC_CAPS]
    head = words[-1] if words else ""
    anonymous = bool(ANON_HEADS.search(head)) or not caps or PRONOUN.match(source.strip())
    speaker_type = next((t for p, t in SPEAKER_TYPES if p.search(source)), "other")
    country = next((c for p, c in COUNTRIES if p.search(source)), None)
    label = re.sub(r"^(the|a|an)\s+", "", source.strip(), flags=re.I)
    return {"named": not anonymous, "speaker_type": speaker_type, "country": country, "speaker": label[:60] or source}


def _record(text: str, kind: str, content: dict, cue: dict | None, source: dict | None, rule: str) -> dict:
    info = describe_source(source["text"]) if source else {"named": False, "speaker_type": "other", "country": None, "speaker": "unattributed"}
    return {"kind": kind, "content": content, "cue": cue, "source": source, "speaker": info["speaker"],
            "speaker_entity": None, "source_group": re.sub(r"[^a-z0-9]+", "-", info["speaker"].lower()).strip("-") or "unknown",
            "speaker_type": info["speaker_type"], "named": info["named"], "anonymity_reason": None,
            "country": info["country"], "unattributed": source is None, "note": f"machine: {rule}"}


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages (straight double quotes), paragraph by paragraph."""
    spans = []
    pos = 0
    for para in text.split("\n"):
        opens = [m.start() for m in re.finditer('"', para)]
        for a, b in zip(opens[::2], opens[1::2]):
            spans.append((pos + a, pos + b + 1))
        pos += len(para) + 1
    return spans


def find_attributions(text: str, sentences: list[tuple[int, int]]) -> list[dict]:
    """Quote records (without ids) for the clean ``text``; ``sentences`` are (start, end) spans."""
    out: list[dict] = []
    cues_used: list[tuple[int, int]] = []
    quotes = _quoted(text)

    def in_quote(i: int) -> bool:
        return any(a < i < b for a, b in quotes)

    def sentence_of(i: int) -> tuple[int, int]:
        return next(((s, e) for s, e in sentences if s <= i < e), (i, i))

    # 1. direct quotes
    for qa, qb in quotes:
        if len(text[qa:qb].split()) < 3:
            continue
        after = text[qb:qb + 160].split("\n")[0]
        m = re.match(rf'^[,.?!]?\s*(?:(?P<s1>[^".]{{2,120}}?)\s+{CUE.pattern}|{CUE.pattern.replace("verb", "verb2")}\s+(?P<s2>[^".,]{{2,80}}))', after)
        content = {"start": qa, "end": qb, "text": text[qa:qb]}
        if m and (m.group("s1") is None or len(m.group("s1").split()) <= 14):
            if m.group("verb"):
                cue = _span(text, qb + m.start("verb"), qb + m.end("verb"))
                source = _span(text, qb + m.start("s1"), qb + m.end("s1"))
            else:
                cue = _span(text, qb + m.start("verb2"), qb + m.end("verb2"))
                source = _span(text, qb + m.start("s2"), qb + m.end("s2"))
            out.append(_record(text, "direct", content, cue, source, "quoted passage followed by source and cue"))
            cues_used.append((cue["start"], cue["end"]))
            continue
        s, _ = sentence_of(qa)
        before = text[s:qa]
        m = re.search(rf"(?P<src>[^\".]{{2,120}}?)\s+{CUE.pattern}[,:]?\s*$", before)
        if m:
            cue = _span(text, s + m.start("verb"), s + m.end("verb"))
            src = _source_left(text, s, s + m.start("verb"))
            source = _span(text, *src) if src else None
            out.append(_record(text, "direct", content, cue, source, "source and cue followed by a quoted passage"))
            cues_used.append((cue["start"], cue["end"]))
    # 3. according to
    for m in re.finditer(r"\baccording to (?P<src>[^,.;\"]+)", text, re.I):
        if in_quote(m.start()):
            continue
        s, e = sentence_of(m.start())
        cue = _span(text, m.start(), m.start() + len("according to"))
        source = _span(text, m.start("src"), m.end("src"))
        content = _span(text, s, m.start()) if m.start() - s > 10 else _span(text, m.end(), e)
        if content and len(content["text"].split()) >= 3:
            out.append(_record(text, "according-to", content, cue, source, "'according to' + source"))
            cues_used.append((cue["start"], cue["end"]))
    # 2. indirect speech
    for m in CUE.finditer(text):
        vs, ve = m.start("verb"), m.end("verb")
        if in_quote(vs) or any(a <= vs < b for a, b in cues_used):
            continue
        if CUE.match(text, ve + 1) and text[ve:ve + 1] == " ":
            continue  # "media reports showed": the first word is a noun
        s, e = sentence_of(vs)
        verb = m.group("verb")
        if re.search(r"(?:\bnot|\bnever|n't)\s+$", text[s:m.start()], re.I):
            continue  # "Tokyo does not view Seoul as ...", "did not say": a negated cue reports nothing
        right = _source_right(text, s, m.start(), ve, e) if verb in INVERTED else None
        if right:  # "..., said Kim Min-su, a deputy director."
            content = _span(text, s, text.rindex(",", s, m.start()))
            if content and len(content["text"].split()) >= 3:
                kind = "mixed" if any(content["start"] <= a and b <= content["end"] for a, b in quotes) else "indirect"
                out.append(_record(text, kind, content, _span(text, vs, ve), _span(text, *right),
                                   "content, a comma, then cue and source (inverted)"))
                cues_used.append((vs, ve))
                continue
        src = _source_left(text, s, m.start())  # the source ends before any auxiliary ("have said")
        what = re.search(r"\bwhat (?P<who>it|he|she|they) $", text[s:vs])
        if what:  # "condemned what they called ...": the pronoun speaks
            src = (s + what.start("who"), s + what.end("who"))
        if src and re.search(r"\band$", text[src[0]:src[1]]):  # "X said that ... and denied that": X again
            earlier = [q for q in out if q["source"] and s <= q["cue"]["start"] < vs]
            src = (earlier[-1]["source"]["start"], earlier[-1]["source"]["end"]) if earlier else src
        if src is None:
            continue
        source_text = text[src[0]:src[1]]
        if verb in ("showed", "shows") and not EVIDENCE.search(source_text):
            continue  # "the launch showed what ...": a finding needs a report, survey or data to show it
        if not re.search(r"[A-Za-z]", source_text) or source_text.split()[-1].lower() in ("to", "of", "is", "was", "be", "the", "a", "an"):
            continue
        tail = text[ve:e]
        short_tail = len(re.sub(r"[^\w\s-]", "", tail).split()) <= 6 and not re.match(r"\s+(that|it|he|she|they|the)\b", tail)
        lead = text[s:src[0]]
        if short_tail and lead.rstrip().endswith(","):
            content = _span(text, s, src[0])
            rule = "content, then source and cue at the sentence end"
        else:
            rest = re.match(r"\s*(?:(?:on |last |this )?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+)?(?:that\s+)?", tail)
            content = _span(text, ve + rest.end(), e)
            rule = "source and cue, then the reported content"
        if not content or len(content["text"].split()) < (1 if verb in SHORT_CONTENT else 3):
            continue
        kind = "mixed" if any(content["start"] <= a and b <= content["end"] for a, b in quotes) else "indirect"
        out.append(_record(text, kind, content, _span(text, vs, ve), _span(text, *src), rule))
        cues_used.append((vs, ve))
    # 2b. participle cues: ", saying ...", "citing ..."; the source is an earlier source in the
    # sentence, else the sentence's opening noun phrase
    for m in re.finditer(rf",? \b(?P<verb>{'|'.join(PARTICIPLES)})\b", text):
        vs, ve = m.start("verb"), m.end("verb")
        if in_quote(vs) or any(a <= vs < b for a, b in cues_used):
            continue
        if not m.group().startswith(",") and not _CONTENT_OPENERS.match(text, ve):
            continue  # no comma and no content opener: a noun or adjective ("missile warning data")
        s, e = sentence_of(vs)
        content = _span(text, ve, e)
        if not content or len(content["text"].split()) < (2 if m.group("verb") == "citing" else 3):
            continue  # "citing safety concerns": a reason may be a short noun phrase
        earlier = [q for q in out if q["source"] and s <= q["source"]["start"] < vs]
        if earlier:
            source = earlier[-1]["source"]
        else:
            dl = _DATELINE.match(text, s, vs)  # "TOKYO, Aug 23 (KUNA) -- Abe ...": the dateline is no subject
            s0 = dl.end() if dl else s
            subj = re.match(r"(?:(?:The|the|A|An) )?(?:[A-Z][\w'.-]*(?:'s)? ?)+", text[s0:vs])
            source = _span(text, s0, s0 + subj.end()) if subj else None
        if source is None:
            continue
        kind = "mixed" if any(content["start"] <= a and b <= content["end"] for a, b in quotes) else "indirect"
        out.append(_record(text, kind, content, _span(text, vs, ve), source, "participle cue after a clause"))
        cues_used.append((vs, ve))
    # 4. colon speakers (transcripts): "NAME: ...", "[Soundbite] NAME(ROLE) : ..."
    pos = 0
    for line in text.split("\n"):
        m = re.match(r"^(?:\[[^\]]{1,30}\] )?(?P<src>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4}(?: ?\([^)]{1,80}\))?) ?: +"
                     r"(?P<content>\S.{10,}[.?!\"])$", line)
        if m and not re.match(r"^(Photo|Editor|Note|Tags|Source|Related)\b", line):
            colon = line.index(":", m.end("src"))
            out.append(_record(text, "direct", _span(text, pos + m.start("content"), pos + m.end("content")),
                               {"start": pos + colon, "end": pos + colon + 1, "text": ":"},
                               _span(text, pos + m.start("src"), pos + m.end("src")), "speaker label and colon"))
        pos += len(line) + 1
    return sorted(out, key=lambda q: (q["content"]["start"], q["content"]["end"]))
