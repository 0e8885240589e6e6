"""Candidate claims shared across documents, with text-reuse evidence.

Two documents that share a run of at least :data:`MIN_WORDS` words verbatim
(:func:`kjpacts.nlp.reuse.shared_ngrams`, 5-grams joined into runs), at least
:data:`MIN_CONTENT` of them lower-case words that are not stopwords (so that a shared name such
as "the General Security of Military Information Agreement" is not a claim), make a candidate: the
sentence holding the run in each document is an occurrence. Verbatim reuse is evidence of an
echo (one source copied), so later occurrences get ``independent: false``; a reviewer who
knows better changes it. Only pairs of documents are compared, so a run shared by three
documents is one claim with three occurrences when the runs overlap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kjpacts.nlp.reuse import WORD, shared_ngrams

if TYPE_CHECKING:
    from kjpacts.corpus.model import Document

N = 5
MIN_WORDS = 8
MIN_CONTENT = 3
_FUNCTION = frozenset("a an the of to in on at by for with from and or but as is are was were be been has have had "
                      "will would that this which it its their his her they he she we".split())


def _content_words(text: str) -> int:
    return sum(1 for w in WORD.findall(text) if w.islower() and w not in _FUNCTION)


def _runs(spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Merge overlapping n-gram spans into runs ``(start, end, n-grams merged)``."""
    runs: list[list[int]] = []
    for a, b in sorted(spans):
        if runs and a <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], b)
            runs[-1][2] += 1
        else:
            runs.append([a, b, 1])
    return [tuple(r) for r in runs]  # type: ignore[misc]


def _sentence(sentences: list[tuple[int, int]], a: int, b: int) -> tuple[int, int]:
    hits = [(s, e) for s, e in sentences if s < b and a < e]
    return (hits[0][0], hits[-1][1]) if hits else (a, b)


def find_claims(docs: list["Document"], sentences: dict[str, list[tuple[int, int]]],
                quotes: dict[str, list[dict]]) -> list[dict]:
    """Claim records (kind ``shared``, status ``echo``) for verbatim runs shared by two documents."""
    order = sorted(docs, key=lambda d: (d.meta["published"], d.doc_id))
    claims: list[dict] = []
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            shared = shared_ngrams(a, b, N)
            runs_a = _runs([s for sa, _ in shared.values() for s in sa])
            runs_b = _runs([s for _, sb in shared.values() for s in sb])
            for ra in runs_a:
                if ra[2] + N - 1 < MIN_WORDS or _content_words(a.text[ra[0]:ra[1]]) < MIN_CONTENT:
                    continue
                grams = {g for g, (sa, _) in shared.items() if any(ra[0] <= s < ra[1] for s, _ in sa)}
                rb = next((r for r in runs_b if any(r[0] <= s < r[1] for g in grams for s, _ in shared[g][1])), None)
                if rb is None:
                    continue
                words = ra[2] + N - 1
                occs = []
                for doc, run, independent in ((a, ra, None), (b, rb, False)):
                    s, e = _sentence(sentences[doc.doc_id], run[0], run[1])
                    quote = next((q for q in quotes.get(doc.doc_id, []) if q["content"]["start"] <= run[0] < q["content"]["end"]), None)
                    occs.append({"doc_id": doc.doc_id, "start": s, "end": e, "text": doc.text[s:e],
                                 "attributed_to": quote["speaker"] if quote else "reporter",
                                 "quote_id": quote["id"] if quote else None, "independent": independent,
                                 "reason": (f"machine: first of the documents sharing {words} words verbatim" if independent is None
                                            else f"machine: shares {words} words verbatim with {a.doc_id} (text reuse: an echo?)")})
                claims.append({"claim_id": f"reuse-{a.doc_id}-{ra[0]}", "statement": occs[0]["text"][:300],
                               "kind": "shared", "status": "echo", "outcome": None, "occurrences": occs})
    return _merge(claims)


def _merge(claims: list[dict]) -> list[dict]:
    """Join claims whose first occurrence is the same sentence (a run shared by three documents)."""
    merged: dict[tuple, dict] = {}
    for c in claims:
        first = c["occurrences"][0]
        key = (first["doc_id"], first["start"], first["end"])
        if key in merged:
            have = {(o["doc_id"], o["start"]) for o in merged[key]["occurrences"]}
            merged[key]["occurrences"] += [o for o in c["occurrences"][1:] if (o["doc_id"], o["start"]) not in have]
        else:
            merged[key] = c
    out = []
    for c in merged.values():
        for n, o in enumerate(c["occurrences"], 1):
            o["id"] = f"o{n}"
        c["occurrences"] = [{k: o[k] for k in ("id", "doc_id", "start", "end", "text", "attributed_to", "quote_id",
                                               "independent", "reason")} for o in c["occurrences"]]
        out.append(c)
    return sorted(out, key=lambda c: c["claim_id"])
