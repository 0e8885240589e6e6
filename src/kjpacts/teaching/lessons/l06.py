"""Lesson 06, "Corroboration or echo": try-it checks.

Every expected value is computed from the shipped corpus (the claims layer and
:func:`kjpacts.nlp.shared_ngrams`), so the checks follow the annotations if they change.
"""

from __future__ import annotations

import numbers

from kjpacts.teaching.checks import Feedback, TryIt
from kjpacts.teaching.checks import shipped_corpus as _corpus

CLAIM_24 = "gsomia-24-countries"
AHRAM, WAPO = "ahram-2011-01-10", "wapo-2011-01-11"


def _is_int(x) -> bool:
    return isinstance(x, numbers.Integral) and not isinstance(x, bool)


def _claim(claim_id: str):
    return next(c for c in _corpus().annotations.claims if c.claim_id == claim_id)


def documents_and_sources(claim_id: str) -> tuple[int, int]:
    """(documents that state the claim, independent sources behind it).

    The sources are the first occurrence plus every occurrence marked
    ``independent: true``; an echo (``false``) adds a document but no source.
    """
    occ = _claim(claim_id).occurrences
    return len({o.doc_id for o in occ}), sum(1 for o in occ if o.independent is not False)


def _unanswered(answer) -> bool:
    return answer is None or answer is Ellipsis


# 06.1 ---------------------------------------------------------------------------

def _check_sources(answer) -> Feedback:
    docs, sources = documents_and_sources(CLAIM_24)
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if not isinstance(answer, tuple) or len(answer) != 2:
        return Feedback(False, "Give two numbers in round brackets, like (5, 2): first the documents, then the sources.")
    d, s = answer
    if not (_is_int(d) and _is_int(s)):
        return Feedback(False, "Both parts must be whole numbers (no quotes around them).")
    if d != docs:
        return Feedback(False, "Count the different values in the doc_id column of `rows` "
                               "(rows.doc_id.nunique() does it for you).")
    if s != sources:
        if s == docs:
            return Feedback(False, f"{docs} documents are not automatically {docs} sources. Read the `independent` "
                                   "column: the first occurrence counts as a source, an echo (False) does not.")
        return Feedback(False, "Count the first occurrence (independent is None) plus every row where "
                               "independent is True; rows marked False are echoes.")
    noun = "source" if sources == 1 else "sources"
    return Feedback(True, f"{docs} documents, {sources} {noun}: the later occurrences echo the ministry's own count.")


# 06.3: shared wording ------------------------------------------------------------

def _shared(n: int) -> int:
    from kjpacts.nlp import shared_ngrams

    c = _corpus()
    return len(shared_ngrams(c[AHRAM], c[WAPO], n))


def _shared_4grams() -> int:
    return _shared(4)


def _check_shared(answer) -> Feedback:
    expected = _shared_4grams()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if isinstance(answer, dict):
        return Feedback(False, "That is the dictionary of shared sequences itself; wrap it in len(...) to count them.")
    if not _is_int(answer):
        return Feedback(False, "Give a whole number: the len(...) of what shared_ngrams returns.")
    if answer == expected:
        return Feedback(True, "Only a handful of 4-word sequences, and they are names and 'said in a statement': "
                              "the two texts were written separately.")
    if answer in {_shared(n) for n in (2, 3, 5, 6)}:
        return Feedback(False, "That is the count for another n. Pass 4 as the third argument: "
                               "shared_ngrams(ahram, wapo, 4).")
    return Feedback(False, "Call shared_ngrams with the Ahram document, the Washington Post document and 4, "
                           "then count the result with len(...).")


# 06.4: echo claims ---------------------------------------------------------------

def _echo_claims() -> list[str]:
    return sorted(c.claim_id for c in _corpus().annotations.claims if c.status == "echo")


def _check_echo(answer) -> Feedback:
    expected = _echo_claims()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if hasattr(answer, "tolist") and not isinstance(answer, list):
        return Feedback(False, "That is a pandas column; add .tolist() at the end to turn it into a list.")
    if not isinstance(answer, list) or not all(isinstance(x, str) for x in answer):
        return Feedback(False, 'Give a list of claim ids (text), like ["claim-a", "claim-b"].')
    if sorted(answer) == expected:
        return Feedback(True, f"{len(expected)} claims look supported by several reports but rest on one source each.")
    statuses = {c.claim_id: c.status for c in _corpus().annotations.claims}
    wrong = [a for a in answer if statuses.get(a) != "echo"]
    if wrong:
        return Feedback(False, f"Some of these do not have the status 'echo' (e.g. {wrong[0]!r}). Filter the "
                               'claims table with claims_table.status == "echo".')
    return Feedback(False, f"Some echo claims are missing ({len(expected) - len(set(answer))}). Keep every row whose "
                           "status is 'echo', not only the first ones.")


# 06.2: outlets -------------------------------------------------------------------

def _outlets_24() -> int:
    c = _corpus()
    return len({c[o.doc_id].outlet for o in _claim(CLAIM_24).occurrences})


def _check_outlets(answer) -> Feedback:
    expected = _outlets_24()
    if _unanswered(answer):
        return Feedback(False, "Replace the ... with your answer, then run the cell again.")
    if isinstance(answer, (list, set, tuple)):
        return Feedback(False, "That is a collection of outlets; give how many different outlets there are: len(set(...)).")
    if not _is_int(answer):
        return Feedback(False, "Give a whole number.")
    if answer == expected:
        docs, sources = documents_and_sources(CLAIM_24)
        return Feedback(True, f"{docs} documents, {expected} outlets, {sources} independent source(s).")
    if answer == len({o.doc_id for o in _claim(CLAIM_24).occurrences}):
        return Feedback(False, "That is the number of documents. Two of them come from the same outlet: "
                               "look at the outlet names, not the doc ids.")
    return Feedback(False, "Make the list of outlets, turn it into a set (which drops repeats), and count it with len.")


TRYITS = [
    TryIt(
        id="06.1",
        prompt="For the claim gsomia-24-countries, how many documents state it, and how many independent sources "
               "stand behind it? Answer with a pair: (documents, sources).",
        check=_check_sources,
        answer='(rows.doc_id.nunique(), int((rows.independent != False).sum()))  # or simply (3, 1)',
        right=lambda: documents_and_sources(CLAIM_24),
        wrong=lambda: (documents_and_sources(CLAIM_24)[0],) * 2,
        explanation="The first occurrence (Korea Herald, May 2012) names the defence ministry. The other two are "
                    "marked False: a ministry's count of its own agreements can only come from that ministry, "
                    "whether or not a later article says so.",
    ),
    TryIt(
        id="06.2",
        prompt="The '24 countries' figure is in three documents. How many different outlets published them?",
        check=_check_outlets,
        answer="outlets = [corpus[d].outlet for d in rows.doc_id]\nlen(set(outlets))",
        right=_outlets_24,
        wrong=lambda: len({o.doc_id for o in _claim(CLAIM_24).occurrences}),
        explanation="Two Korea Herald articles and one Yonhap article: 'in three reports' is not 'from three "
                    "outlets', and neither is 'from three sources'.",
    ),
    TryIt(
        id="06.3",
        prompt="How many distinct 4-word sequences do the Ahram (AFP) and the Washington Post articles share?",
        check=_check_shared,
        answer='len(shared_ngrams(corpus["ahram-2011-01-10"], corpus["wapo-2011-01-11"], 4))',
        right=_shared_4grams,
        wrong=lambda: _shared(3),
        explanation="Almost no shared wording, yet both articles rest on the same South Korean defence ministry "
                    "statement. N-gram overlap finds copying; it cannot find a common source behind two rewrites.",
    ),
    TryIt(
        id="06.4",
        prompt="Make a list of the claim ids whose status is 'echo'.",
        check=_check_echo,
        answer='claims_table[claims_table.status == "echo"].claim_id.tolist()',
        right=_echo_claims,
        wrong=lambda: _echo_claims()[:1],
        explanation="Each of these appears in two or more documents, and every later occurrence traces back to a "
                    "source already counted.",
    ),
]
