"""Lesson 10, Capstone: the try-its. The citation helpers it teaches live in :mod:`kjpacts.nlp.citations`."""

from __future__ import annotations

import warnings

from kjpacts.annotations.vocabulary import CLAIM_STATUSES
from kjpacts.nlp import citations
from kjpacts.nlp.citations import citations_in, closest_span, find_span, speaker_at
from kjpacts.teaching.checks import Feedback, TryIt, describe, number
from kjpacts.teaching.checks import shipped_corpus as _corpus


# ---------------------------------------------------------------- try-its

SETUP = """
import kjpacts
import pandas as pd
from kjpacts.nlp.citations import citations_in, verify_citations
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
                          f"speaker there: {speaker_at(corpus, doc_id, *span)}.")


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


def __getattr__(name: str):
    """``from kjpacts.teaching.lessons.l10 import verify_citations`` (older notebooks) still works, with a warning."""
    if name in citations.__all__:
        warnings.warn(f"kjpacts.teaching.lessons.l10.{name} has moved to kjpacts.nlp.citations.{name}; "
                      "import it from there (the old name goes in kjpacts 0.3)", DeprecationWarning, stacklevel=2)
        return getattr(citations, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
