"""A tiny in-memory corpus with every annotation layer, for testing widget logic.

Three short documents from two outlets; every span is found with ``str.index`` so
offsets are right by construction.
"""

from __future__ import annotations

from pathlib import Path

from kjpacts.annotations.records import Annotations, Claim, ClaimOccurrence, Entity, Framing, Mention, Outcome, Quote, Span, Timex
from kjpacts.corpus.cleaning import Edit, apply_edits
from kjpacts.corpus.load import Corpus
from kjpacts.corpus.model import Document, Segment

RAW = {
    "alpha-2011-01-10": (
        "Home > News\n"
        "Japan and Korea agree on \u201cmilitary pact\u201d\n\n"
        "Seoul said on Monday that Japan and Korea will sign a military pact soon, officials said.\n\n\n"
        "Defence Minister Kim Kwan-jin said the pact was possibly ready in March 2010.\n"
        "Views: 42\n"
    ),
    "beta-2011-01-11": (
        "Korea and Japan talk\n\n"
        "Japan and Korea will sign a military pact soon, a senior official said on Tuesday.\n\n"
        "Analyst Yun said the talks began in 1965.\n"
    ),
    "gamma-2012-05": (
        "Pacts delayed\n\n"
        "The military pact was not signed in May 2012, the ministry said.\n"
    ),
}
META = {
    "alpha-2011-01-10": ("Outlet A", "2011-01-10", "day"),
    "beta-2011-01-11": ("Outlet B", "2011-01-11", "day"),
    "gamma-2012-05": ("Outlet A", "2012-05", "month"),
}


def _edits_for(doc_id: str, raw: str) -> list[Edit]:
    """Furniture lines removed, curly quotes straightened, extra blank line dropped."""
    edits = []
    for line, cat in (("Home > News\n", "navigation"), ("Views: 42\n", "view-counter")):
        i = raw.find(line)
        if i >= 0:
            edits.append(Edit(i, i + len(line), line, "", cat, "test furniture"))
    for ch, new in (("\u201c", '"'), ("\u201d", '"')):
        i = raw.find(ch)
        if i >= 0:
            edits.append(Edit(i, i + 1, ch, new, "quote-normalised", "test quote"))
    i = raw.find("\n\n\n")
    if i >= 0:
        edits.append(Edit(i + 2, i + 3, "\n", "", "blank-lines", "test blank line"))
    return sorted(edits, key=lambda e: e.raw_start)


def _doc(doc_id: str) -> Document:
    raw = RAW[doc_id]
    text, edits = apply_edits(raw, _edits_for(doc_id, raw))
    outlet, published, precision = META[doc_id]
    segs, pos = [], 0
    for n, block in enumerate(text.rstrip("\n").split("\n\n")):
        start = text.index(block, pos)
        segs.append(Segment("headline" if n == 0 else "paragraph", start, start + len(block), block))
        pos = start + len(block)
    headline = segs[0].text
    meta = {"doc_id": doc_id, "outlet": outlet, "headline": headline, "published": published,
            "published_precision": precision, "byline": None, "agency": None}
    return Document(doc_id, text, raw, meta, tuple(segs), (), tuple(edits))


def span(doc: Document, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def tiny_corpus() -> Corpus:
    docs = {d: _doc(d) for d in sorted(RAW)}
    corpus = Corpus(Path("/nonexistent-tiny-corpus"), docs)
    a, b, g = docs["alpha-2011-01-10"], docs["beta-2011-01-11"], docs["gamma-2012-05"]
    ann = Annotations(doc_ids=tuple(docs), present=frozenset({"entities", "mentions", "quotes", "timex",
                                                             "claims", "framing"}))
    ann.entities = {
        "japan": Entity("japan", "Japan", "country", ("Japan",), "JP", "Japan."),
        "south-korea": Entity("south-korea", "South Korea", "country", ("Korea", "South Korea"), "KR", "South Korea."),
        "seoul": Entity("seoul", "Seoul", "place", ("Seoul",), "KR", "Capital of South Korea."),
        "kim-kwan-jin": Entity("kim-kwan-jin", "Kim Kwan-jin", "person", ("Kim Kwan-jin",), "KR", "Minister."),
    }

    def mention(doc, mid, needle, entity, nth=0, metonymy=None, refers_to=None):
        s = span(doc, needle, nth)
        return Mention(doc.doc_id, mid, s.start, s.end, s.text, entity, metonymy, refers_to)

    ann.mentions = {
        a.doc_id: [mention(a, "m1", "Japan", "japan"), mention(a, "m2", "Korea", "south-korea"),
                   mention(a, "m3", "Seoul", "seoul", metonymy="capital-for-government", refers_to="south-korea"),
                   mention(a, "m4", "Kim Kwan-jin", "kim-kwan-jin")],
        b.doc_id: [mention(b, "m1", "Japan", "japan", nth=1)],
        g.doc_id: [],
    }

    def quote(doc, qid, content, cue, source, speaker, stype, named, kind="indirect", reason=None):
        return Quote(doc.doc_id, qid, kind, span(doc, content), span(doc, cue) if cue else None,
                     span(doc, source) if source else None, speaker, None, speaker, stype, named, reason,
                     "KR", source is None, "")

    ann.quotes = {
        a.doc_id: [quote(a, "q1", "Japan and Korea will sign a military pact soon", "said", "Seoul",
                         "South Korean government", "government-official", True),
                   quote(a, "q2", "the pact was possibly ready in March 2010", "said", "Defence Minister Kim Kwan-jin",
                         "Kim Kwan-jin", "government-official", True)],
        b.doc_id: [quote(b, "q1", "Japan and Korea will sign a military pact soon", "said", "a senior official",
                         "senior official", "government-official", False),
                   quote(b, "q2", "the talks began in 1965", "said", "Analyst Yun", "Yun", "analyst", True)],
        g.doc_id: [quote(g, "q1", "The military pact was not signed in May 2012", "said", "the ministry",
                         "ministry", "government-official", True)],
    }

    def timex(doc, tid, needle, ttype, value, mod=None, function=None, anchor="published"):
        s = span(doc, needle)
        return Timex(doc.doc_id, tid, s.start, s.end, s.text, ttype, value, mod, anchor, function, "")

    ann.timexes = {
        a.doc_id: [timex(a, "t1", "Monday", "DATE", "2011-01-10"), timex(a, "t2", "soon", "DATE", "FUTURE_REF"),
                   timex(a, "t3", "March 2010", "DATE", "2010-03", anchor="absolute")],
        b.doc_id: [timex(b, "t1", "soon", "DATE", "FUTURE_REF"), timex(b, "t2", "Tuesday", "DATE", "2011-01-11",
                                                                    function="CREATION_TIME"),
                   timex(b, "t3", "1965", "DATE", "1965", anchor="absolute")],
        g.doc_id: [timex(g, "t1", "May 2012", "DATE", "2012-05", anchor="absolute")],
    }

    def occ(doc, oid, claim_id, needle, attributed, independent, quote_id=None):
        s = span(doc, needle)
        return ClaimOccurrence(claim_id, oid, doc.doc_id, s.start, s.end, s.text, attributed, quote_id,
                               independent, "test")

    ann.claims = [
        Claim("pact-soon", "Japan and Korea will sign a military pact soon.", "prediction", "prediction-failed",
              Outcome("It was not signed then.", "high", "outside record (test)"),
              (occ(a, "o1", "pact-soon", "Japan and Korea will sign a military pact soon", "Seoul", None, "q1"),
               occ(b, "o2", "pact-soon", "Japan and Korea will sign a military pact soon", "Seoul", False, "q1"),
               occ(g, "o3", "pact-soon", "The military pact was not signed", "the ministry", True, "q1"))),
        Claim("talks-1965", "Talks began in 1965.", "shared", "single-source", None,
              (occ(b, "o1", "talks-1965", "the talks began in 1965", "Yun", None, "q2"),)),
    ]

    def framing(doc, fid, needle, category, voice="reporter", quote_id=None):
        s = span(doc, needle)
        return Framing(doc.doc_id, fid, s.start, s.end, s.text, category, "", voice, quote_id)

    ann.framing = {
        a.doc_id: [framing(a, "f1", "possibly", "hedge", "quoted-speaker", "q2")],
        b.doc_id: [],
        g.doc_id: [framing(g, "f1", "Pacts delayed", "naming-choice", "headline")],
    }
    corpus.__dict__["annotations"] = ann  # what the cached property would hold
    return corpus
