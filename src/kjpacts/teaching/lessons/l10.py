"""Lesson 10, Capstone: helpers for citing evidence in a source-criticism memo, and the try-its.

A memo cites evidence as ``(doc_id: "exact words from the clean text")``, e.g.
``(yonhap-2012-06-27: "as early as this week")``. General-purpose helpers
(candidates for :mod:`kjpacts.corpus` or a ``kjpacts.cite`` module):

- :func:`citations_in` finds every citation of that form in a piece of text;
- :func:`find_span` locates a quoted span in one document (curly quotes and runs of
  spaces are forgiven, nothing else) and :func:`verify_citations` checks a list of
  citations, saying for each whether it exists, where, and who speaks there;
- :func:`closest_span` suggests the nearest real wording for a misquoted span.

>>> import kjpacts
>>> corpus = kjpacts.load()
>>> citations_in('The plan was to sign (yonhap-2012-06-27: "as early as this week").')
[('yonhap-2012-06-27', 'as early as this week')]
>>> find_span(corpus, "yonhap-2012-06-27", "as early as this week")
(148, 169)
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Iterable

from kjpacts.annotations.vocabulary import CLAIM_STATUSES
from kjpacts.teaching.checks import Feedback, TryIt, describe, number
from kjpacts.teaching.checks import shipped_corpus as _corpus

if TYPE_CHECKING:
    import pandas as pd

    from kjpacts.corpus.load import Corpus

#: ``(doc_id: "span")``; the span may itself contain quotation marks.
CITATION = re.compile(r"\(\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*:\s*[\"“](.+?)[\"”]\s*\)", re.DOTALL)
_QUOTES = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u2018"): "'", ord("\u2019"): "'"}


def _norm(text: str) -> str:
    """Straight quotes, one space for any run of white space, Markdown '>' quote marks at line starts dropped."""
    text = re.sub(r"\n[ \t]*>+[ \t]?", "\n", text)
    return " ".join(text.translate(_QUOTES).split())


def citations_in(text: str) -> list[tuple[str, str]]:
    """Every ``(doc_id: "span")`` citation in ``text``, in order, as ``(doc_id, span)`` pairs."""
    return [(m.group(1), m.group(2)) for m in CITATION.finditer(text)]


def find_span(corpus: "Corpus", doc_id: str, quoted: str) -> tuple[int, int] | None:
    """Clean-text offsets of the first occurrence of ``quoted`` in ``doc_id``, or ``None``.

    Exact match first; then curly quotes are read as straight ones and runs of
    white space as one space (the clean texts use straight quotes only), and a
    Markdown block-quote mark (``>``) at the start of a continued line is ignored.
    """
    if doc_id not in corpus.documents or not quoted.strip():
        return None
    text = corpus[doc_id].text
    i = text.find(quoted)
    if i >= 0:
        return i, i + len(quoted)
    words = _norm(quoted).split(" ")
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text.translate(_QUOTES))
    return (m.start(), m.end()) if m else None


def closest_span(corpus: "Corpus", doc_id: str, quoted: str) -> str | None:
    """The stretch of ``doc_id`` (same number of words) that looks most like ``quoted``."""
    if doc_id not in corpus.documents:
        return None
    words = corpus[doc_id].text.split()
    n = max(1, len(_norm(quoted).split(" ")))
    windows = [" ".join(words[i:i + n]) for i in range(max(1, len(words) - n + 1))]
    best = difflib.get_close_matches(_norm(quoted), windows, n=1, cutoff=0.5)
    return best[0].strip(",.;:") if best else None


def _speaker_at(corpus: "Corpus", doc_id: str, start: int, end: int) -> str:
    for q in corpus.annotations.quotes.get(doc_id, []):
        if q.content.start <= start and end <= q.content.end:
            who = "named" if q.named else "anonymous"
            return f"{q.speaker} ({q.speaker_type}, {who}; quote {q.id})"
    return "reporter (not inside an annotated quote)"


def verify_citations(corpus: "Corpus", citations: Iterable[tuple[str, str]]) -> "pd.DataFrame":
    """Check each ``(doc_id, span)``: does the document exist, is the span really in it, who speaks there?

    Columns: ``doc_id``, ``quoted``, ``found`` (True/False), ``start``, ``end``,
    ``speaker`` (from the quotes layer) and ``advice`` (what to fix when not found).
    """
    import pandas as pd

    rows = []
    for doc_id, quoted in citations:
        row = {"doc_id": doc_id, "quoted": quoted, "found": False, "start": None, "end": None,
               "speaker": "", "advice": ""}
        if doc_id not in corpus.documents:
            row["advice"] = f"No document {doc_id!r}; the ids are: {', '.join(corpus.fileids())}."
        else:
            span = find_span(corpus, doc_id, quoted)
            if span:
                row.update(found=True, start=span[0], end=span[1], speaker=_speaker_at(corpus, doc_id, *span))
            else:
                near = closest_span(corpus, doc_id, quoted)
                row["advice"] = ("Not in this document. " + (f"Closest wording: {near!r}." if near else
                                 "Copy the words from the clean text (corpus[doc_id].text)."))
        rows.append(row)
    frame = pd.DataFrame(rows, columns=["doc_id", "quoted", "found", "start", "end", "speaker", "advice"])
    for col in ("start", "end"):
        frame[col] = frame[col].astype("Int64")
    return frame


#: The capstone rubric: criterion -> (what it looks for, {points: level description}).
RUBRIC_LEVELS = ("Exemplary (5)", "Proficient (4)", "Developing (2)", "Beginning (1)", "Missing (0)")
RUBRIC = {
    "Provenance and dating": (
        "Who produced each page, when, and how we know",
        ("Every page's outlet, author or agency and date, each with the evidence and a confidence; "
         "republication (AFP on Ahram) and inferred dates explained",
         "Outlet, author and date for every page, with evidence for most",
         "Some pages dated or attributed, with little evidence",
         "Dates or outlets stated without evidence, or wrong",
         "Not addressed")),
    "Who speaks, who is missing": (
        "Named and anonymous sources, institutions, missing voices",
        ("Counts of named and anonymous speakers by page, the reasons given for anonymity, and a "
         "reasoned account of who is not heard (with evidence)",
         "Speakers compared across pages and one missing voice identified",
         "A few speakers listed, no comparison",
         "Speakers mentioned in passing",
         "Not addressed")),
    "Corroboration or echo": (
        "Whether repeated claims are independent",
        ("At least two registered claims traced to their sources, independence argued from the text, "
         "counting documents, outlets and sources separately",
         "One claim traced to its source, with a clear judgement of echo or corroboration",
         "Repetition noted, but treated as confirmation",
         "Claims listed without tracing",
         "Not addressed")),
    "Framing and word choice": (
        "How wording shapes the story, and in whose voice",
        ("Several framing choices compared across outlets, each with its voice (reporter, headline, "
         "quoted speaker) and its effect",
         "Framing choices identified with their voice",
         "Loaded words listed without voice or effect",
         "General impression only",
         "Not addressed")),
    "Predictions and outcomes": (
        "What the pages expected, and what happened",
        ("Predictions quoted and compared with the outside record, every outside fact labelled with its "
         "confidence, and what the failure or delay tells us about the sources",
         "Predictions compared with outcomes, outside facts labelled",
         "Outcomes stated, outside facts not labelled",
         "Predictions mentioned only",
         "Not addressed")),
    "Evidence and citation": (
        "Every point supported by (doc_id: \"exact span\")",
        ("Every claim in the memo cited; all citations verified by the checker; quotations short and apt",
         "Most claims cited; all citations verified",
         "Some citations; some do not match the texts",
         "Evidence paraphrased without citations",
         "No evidence")),
    "Reasoning and limits": (
        "Confidence, alternatives, the limits of five pages",
        ("Judgements are weighed and hedged; alternative explanations considered; the limits of the "
         "corpus and of the annotations stated",
         "Judgements have reasons; some limits stated",
         "Judgements asserted with little reasoning",
         "Opinion without reasons",
         "Not addressed")),
    "Clarity and structure": (
        "A reader can follow and check the memo",
        ("Follows the template; concise; each section starts with its finding; within the word limit",
         "Follows the template; mostly clear",
         "Hard to follow in places; sections missing",
         "Unstructured notes",
         "Not submitted")),
}
RUBRIC_POINTS = (5, 4, 2, 1, 0)


# ---------------------------------------------------------------- try-its

SETUP = """
import kjpacts
import pandas as pd
from kjpacts.teaching.lessons.l10 import citations_in, verify_citations
corpus = kjpacts.load()
claims = corpus.frame("claims")
"""


def _check_citation(answer) -> Feedback:
    if isinstance(answer, str):
        found = citations_in(answer)
        if found:
            return Feedback(False, "That is a citation written as memo text. Give the pair itself: "
                                   f"{found[0]!r}.")
        return Feedback(False, 'Give a pair of two strings in round brackets: ("doc-id", "exact words"); you gave one text.')
    if not (isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, str) for x in answer)):
        return Feedback(False, f'Give a pair of two strings in round brackets: ("doc-id", "exact words"); '
                               f"you gave {describe(answer)}.")
    doc_id, quoted = answer
    corpus = _corpus()
    if doc_id not in corpus.documents:
        return Feedback(False, f"There is no document {doc_id!r}. Use one of: {', '.join(corpus.fileids())}.")
    if len(quoted.split()) < 3:
        return Feedback(False, "Quote at least three words, so that a reader can find the place and judge it.")
    span = find_span(corpus, doc_id, quoted)
    if span is None:
        near = closest_span(corpus, doc_id, quoted)
        elsewhere = [d for d in corpus.fileids() if d != doc_id and find_span(corpus, d, quoted)]
        return Feedback(False, "These words are not in that document's clean text. "
                        + (f"They are in {elsewhere[0]}: check the document id. " if elsewhere else "")
                        + (f"Did you mean {near!r}? " if near and not elsewhere else "")
                        + "Copy them exactly.")
    return Feedback(True, f"Found in {doc_id} at characters {span[0]}-{span[1]}; "
                          f"speaker there: {_speaker_at(corpus, doc_id, *span)}.")


def _claim_status(claim_id: str) -> str | None:
    return next((c.status for c in _corpus().annotations.claims if c.claim_id == claim_id), None)


def _check_claim(answer) -> Feedback:

    if not (isinstance(answer, tuple) and len(answer) == 2 and all(isinstance(x, str) for x in answer)):
        return Feedback(False, f'Give a pair of two strings: ("claim-id", "status"); you gave {describe(answer)}.')
    claim_id, status = (x.strip() for x in answer)
    actual = _claim_status(claim_id)
    if actual is None and _claim_status(status) is not None:
        return Feedback(False, "Wrong order: first the claim id, then its status.")
    if actual is None:
        return Feedback(False, f"There is no claim {claim_id!r}. Copy an id from the claim_id column of "
                               "corpus.frame(\"claims\").")
    if status not in CLAIM_STATUSES:
        return Feedback(False, f"{status!r} is not a status. The statuses are: {', '.join(CLAIM_STATUSES)}.")
    if status != actual:
        return Feedback(False, f"That is not the status recorded for {claim_id}. Find its row in the claims "
                               "table and read the status column (or choose it in the claim tracker).")
    return Feedback(True, f"Yes: {claim_id} is '{actual}' ({CLAIM_STATUSES[actual]}).")


def _failed_predictions() -> int:
    return sum(1 for c in _corpus().annotations.claims if c.status == "prediction-failed")


def _check_failed(answer) -> Feedback:
    predictions = sum(1 for c in _corpus().annotations.claims if c.kind == "prediction")
    return number(answer, _failed_predictions(), "Keep the claims whose status is 'prediction-failed' and count them.",
                  f"Yes: {_failed_predictions()} of {predictions} predictions failed by the outside record; say what "
                  "the record cannot settle rather than guessing.",
                  wrong={predictions: "That is the number of all predictions. Keep only those whose status is "
                                      "'prediction-failed'."} if predictions != _failed_predictions() else None)


TRYITS = [
    TryIt(
        id="10.1",
        skill="cite evidence as (doc_id, exact words)",
        prompt='Cite one piece of evidence for your memo as a pair ("doc-id", "exact words"), '
               "at least three words copied from the clean text.",
        check=_check_citation,
        answer='answer = ("yonhap-2012-06-27", "as early as this week")',
        wrongs=(('answer = ("yonhap-2012-06-27", "as soon as this week")', "Did you mean"),
                ('answer = ("wapo-2011-01-11", "as early as this week")', "check the document id"),
                ('answer = ("yonhap-2012-06-27", "this week")', "at least three words"),
                ('answer = \'(yonhap-2012-06-27: "as early as this week")\'', "memo text"),
                ('answer = ("yonhap", "as early as this week")', "no document")),
        explanation="Any span that really is in the named document is accepted. The checker forgives curly "
                    "quotes and extra spaces, nothing else: a citation must let a reader find the exact words.",
    ),
    TryIt(
        id="10.2",
        skill="read a claim's recorded status",
        prompt='Choose a claim from the claim registry and give its id and status as a pair ("claim-id", "status").',
        check=_check_claim,
        answer='answer = ("gsomia-24-countries", claims[claims.claim_id == "gsomia-24-countries"].status.iloc[0])',
        wrongs=(('answer = ("gsomia-24-countries", "corroborated")', "not the status recorded"),
                ('answer = ("echo", "gsomia-24-countries")', "Wrong order"),
                ('answer = ("gsomia-24", "echo")', "no claim"),
                ('answer = ("gsomia-24-countries", "true")', "not a status")),
        explanation="A figure repeated in three pages is not three confirmations: the registry records "
                    "whether each repetition is independent. Quote the status exactly as recorded.",
    ),
    TryIt(
        id="10.3",
        skill="count claims by status",
        prompt="How many claims in the registry are predictions that failed (status 'prediction-failed')?",
        check=_check_failed,
        answer='answer = len(claims[claims["status"] == "prediction-failed"])',
        wrongs=(('answer = len(claims[claims["kind"] == "prediction"])', "all predictions"),
                ('answer = claims[claims["status"] == "prediction-failed"]', "len(...)"),
                ('answer = str(len(claims[claims["status"] == "prediction-failed"]))', "it is text")),
        explanation="Not every prediction can be judged: for some, the outside record used by the kit says "
                    "nothing ('prediction-unresolved'). Say so rather than guessing.",
    ),
]
