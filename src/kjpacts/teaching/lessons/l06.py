"""Lesson 06, "Corroboration or echo": try-it checks.

Every expected value is computed from the shipped corpus (the claims layer and
:func:`kjpacts.nlp.shared_ngrams`), so the checks follow the annotations if they change.
"""

from __future__ import annotations

from kjpacts.nlp import shared_ngrams
from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    describe,
    is_number,
    number,
    pair,
    table_shape_hint,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.judging import JudgeItem, in_context

CLAIM_24 = "gsomia-24-countries"
AHRAM, WAPO = "ahram-2011-01-10", "wapo-2011-01-11"


def _claim(claim_id: str):
    return next(c for c in _corpus().annotations.claims if c.claim_id == claim_id)


def documents_and_sources(claim_id: str) -> tuple[int, int]:
    """(documents that state the claim, independent sources behind it).

    The sources are the first occurrence plus every occurrence marked
    ``independent: true``; an echo (``false``) adds a document but no source.
    """
    occ = _claim(claim_id).occurrences
    return len({o.doc_id for o in occ}), sum(1 for o in occ if o.independent is not False)


# -- judge first: independent or echo? ---------------------------------------------

#: Later occurrences the student judges before seeing the claim registry: (claim_id, occurrence id).
JUDGE_OCCURRENCES = [("gsomia-24-countries", "o2"), ("jan-2011-talks-outcome", "o5"),
                     ("comfort-women-unresolved", "o3"), ("acsa-function", "o6"),
                     ("kim-visit-japan-may-2012", "o2"), ("nk-threat-drives-cooperation", "o5")]
JUDGE_LABELS = ("independent", "echo")


def judge_items(corpus=None) -> list:
    """One item per occurrence in :data:`JUDGE_OCCURRENCES`: the claim's first occurrence, then
    the later one in context. Gold: the registry's ``independent`` and its ``reason``."""

    corpus = corpus if corpus is not None else _corpus()
    claims = {c.claim_id: c for c in corpus.annotations.claims}
    items = []
    for n, (claim_id, occ_id) in enumerate(JUDGE_OCCURRENCES, 1):
        occs = claims[claim_id].occurrences
        first, o = occs[0], next(x for x in occs if x.id == occ_id)
        d0, d1 = corpus[first.doc_id], corpus[o.doc_id]
        text = (f"FIRST ({d0.doc_id}, {d0.outlet}, {d0.published}): {d0.text[first.start:first.end]} "
                f"LATER ({d1.doc_id}, {d1.outlet}, {d1.published}): {in_context(d1.text, o.start, o.end, 70)}")
        items.append(JudgeItem(str(n), text, "independent" if o.independent else "echo", o.reason,
                               f"claim {claim_id}, occurrence {occ_id}"))
    return items


SETUP = """
import kjpacts
import pandas as pd
from kjpacts.nlp import shared_ngrams
corpus = kjpacts.load()
claims_table = corpus.frame("claims")
occ = corpus.frame("claim_occurrences")
rows = occ[occ.claim_id == "gsomia-24-countries"]
ahram, wapo = corpus["ahram-2011-01-10"], corpus["wapo-2011-01-11"]
"""


# 06.1 ---------------------------------------------------------------------------

def _check_sources(answer) -> Feedback:
    docs, sources = documents_and_sources(CLAIM_24)
    if isinstance(answer, tuple) and len(answer) == 2 and all(is_number(x) for x in answer):
        d, s = answer
        if (d, s) == (sources, docs) and d != s:
            return Feedback(False, "Right numbers, wrong order: first the documents, then the sources.")
        if d != docs:
            return Feedback(False, "Count the different documents in the doc_id column of `rows`.")
        if s == docs and s != sources:
            return Feedback(False, f"{docs} documents are not automatically {docs} sources. Read the `independent` "
                                   "column: the first occurrence counts as a source, an echo (False) does not.")
    noun = "source" if sources == 1 else "sources"
    return pair(answer, (docs, sources),
                "Count the first occurrence (independent is None) plus every row where independent is True; "
                "rows marked False are echoes.",
                f"{docs} documents, {sources} {noun}: the later occurrences echo the ministry's own count.",
                names=("documents", "sources"))


# 06.3: shared wording ------------------------------------------------------------

def _shared(n: int) -> int:

    c = _corpus()
    return len(shared_ngrams(c[AHRAM], c[WAPO], n))


def _shared_4grams() -> int:
    return _shared(4)


def _check_shared(answer) -> Feedback:
    expected = _shared_4grams()
    if isinstance(answer, dict):
        return Feedback(False, "That is the dictionary of shared sequences itself; count its items with len(...).")
    others = {_shared(n): f"That is the count for n = {n}. Count the 4-word sequences." for n in (2, 3, 5, 6)
              if _shared(n) != expected}
    return number(answer, expected,
                  "Compare the Ahram document with the Washington Post document with shared_ngrams, for n = 4, "
                  "and count what it returns.",
                  f"Only {expected} 4-word sequences, and they are names and 'said in a statement': the two texts "
                  "were written separately.", wrong=others)


# 06.4: echo claims ---------------------------------------------------------------

def _echo_claims() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.status == "echo")


def _check_echo(answer) -> Feedback:
    expected = _echo_claims()
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, f'Give a list of claim ids (text), like ["claim-a", "claim-b"]; you gave {describe(answer)}.')
    if sorted(answer) == expected:
        return Feedback(True, f"{len(expected)} claims look supported by several reports but rest on one source each.")
    statuses = {c.claim_id: c.status for c in _corpus().annotations.claims}
    wrong = [a for a in answer if statuses.get(a) != "echo"]
    if wrong:
        return Feedback(False, f"Some of these do not have the status 'echo' (e.g. {wrong[0]!r}, which is "
                               f"{statuses.get(wrong[0], 'not a claim id')!r}). Keep only the rows whose status is 'echo'.")
    return Feedback(False, f"Some echo claims are missing ({len(expected) - len(set(answer))}). Keep every row whose "
                           "status is 'echo', not only the first ones.")


# 06.2: outlets -------------------------------------------------------------------

def _outlets_24() -> int:
    c = _corpus()
    return len({c[o.doc_id].outlet for o in _claim(CLAIM_24).occurrences})


def _check_outlets(answer) -> Feedback:
    expected = _outlets_24()
    docs, sources = documents_and_sources(CLAIM_24)
    if isinstance(answer, (list, set, tuple)):
        return Feedback(False, "That is a collection of outlets; give how many DIFFERENT outlets there are: "
                               "a set keeps each value once, len(...) counts it.")
    return number(answer, expected, "Make the list of outlets, keep each outlet once, and count.",
                  f"{docs} documents, {expected} outlets, {sources} independent source(s).",
                  wrong={docs: "That is the number of documents. Two of them come from the same outlet: "
                               "look at the outlet names, not the doc ids."} if docs != expected else None)


TRYITS = [
    TryIt(
        id="06.1",
        skill="count documents and independent sources separately",
        prompt="For the claim gsomia-24-countries, how many documents state it, and how many independent sources "
               "stand behind it? Answer with a pair: (documents, sources).",
        check=_check_sources,
        answer="answer = (rows.doc_id.nunique(), int((rows.independent != False).sum()))  # or simply (3, 1)",
        wrongs=(("answer = (3, 3)", "not automatically"), ("answer = (1, 3)", "wrong order"),
                ("answer = [3, 1]", "round brackets"), ("answer = (len(rows) + 1, 1)", "different documents"),
                ('answer = ("3", "1")', "must be numbers")),
        explanation="The first occurrence (Korea Herald, May 2012) names the defence ministry. The other two are "
                    "marked False: a ministry's count of its own agreements can only come from that ministry, "
                    "whether or not a later article says so.",
    ),
    TryIt(
        id="06.2",
        skill="count distinct outlets (a set)",
        prompt="The '24 countries' figure is in three documents. How many different outlets published them?",
        check=_check_outlets,
        answer="outlets = [corpus[d].outlet for d in rows.doc_id]\nanswer = len(set(outlets))",
        wrongs=(("answer = len([corpus[d].outlet for d in rows.doc_id])", "number of documents"),
                ("answer = set(corpus[d].outlet for d in rows.doc_id)", "collection of outlets"),
                ('answer = "2"', "it is text")),
        explanation="Two Korea Herald articles and one Yonhap article: 'in three reports' is not 'from three "
                    "outlets', and neither is 'from three sources'.",
    ),
    TryIt(
        id="06.3",
        skill="measure shared wording (n-grams)",
        prompt="How many distinct 4-word sequences do the Ahram (AFP) and the Washington Post articles share?",
        check=_check_shared,
        answer="answer = len(shared_ngrams(ahram, wapo, 4))",
        wrongs=(("answer = shared_ngrams(ahram, wapo, 4)", "dictionary"), ("answer = len(shared_ngrams(ahram, wapo, 3))", "n = 3"),
                ("answer = len(shared_ngrams(ahram, wapo, 4)) + 1", "shared_ngrams")),
        explanation="Almost no shared wording, yet both articles rest on the same South Korean defence ministry "
                    "statement. N-gram overlap finds copying; it cannot find a common source behind two rewrites.",
        open_code=False,
    ),
    TryIt(
        id="06.4",
        skill="filter the claim registry by status",
        prompt="Make a list of the claim ids whose status is 'echo'.",
        check=_check_echo,
        answer='answer = claims_table[claims_table.status == "echo"].claim_id.tolist()',
        wrongs=(('answer = claims_table[claims_table.status == "echo"].claim_id', "pandas column"),
                ('answer = claims_table[claims_table.status == "echo"].claim_id.tolist()[:1]', "missing"),
                ('answer = claims_table.claim_id.tolist()', "do not have the status"),
                ('answer = claims_table[claims_table.status == "echo"]', "filtered table")),
        explanation="Each of these appears in two or more documents, and every later occurrence traces back to a "
                    "source already counted.",
    ),
]
