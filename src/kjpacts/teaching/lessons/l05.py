"""Lesson 05 · Who speaks: a rule-based quote finder, its scoring, and the try-it checks.

Helpers the notebook calls (general-purpose; candidates for :mod:`kjpacts.nlp`):

- :func:`find_quotes`: spans inside straight double quotation marks (the rule every student
  writes first), with the trailing comma left out as the attribution guidelines do;
- :func:`find_cue_sentences`: sentences that contain one of a list of cue words;
- :func:`gold_quote_spans`, :func:`gold_cue_sentences`: the same units from the gold
  attribution layer, so that ``nltk.metrics.precision/recall/f_measure`` can compare them.

Spans are ``(doc_id, start, end)`` in clean-text offsets; sentences are ``(doc_id, start)``.
"""

from __future__ import annotations

import re

from kjpacts.teaching.checks import Feedback, TryIt, equal
from kjpacts.teaching.checks import shipped_corpus as _corpus

WANTED = "Replace the ... with your answer, then run the cell again."
QUOTE_PATTERN = r'"([^"]*)"'
#: The cue words the notebook starts from.
STARTER_CUES = ["said", "according to"]


# -- the rule-based finders ------------------------------------------------------

def find_quotes(doc) -> set[tuple[str, int, int]]:
    """Every stretch inside a pair of straight double quotes, as (doc_id, start, end).

    A comma just before the closing mark (``"...," he said``) is the reporter's
    punctuation and is left out, as in the gold layer.
    """
    found = set()
    for m in re.finditer(QUOTE_PATTERN, doc.text):
        start, end = m.span(1)
        if end > start and doc.text[end - 1] == ",":
            end -= 1
        if end > start:
            found.add((doc.doc_id, start, end))
    return found


def cue_regex(cues: list[str]) -> re.Pattern:
    """A case-insensitive pattern matching any cue as a whole word or phrase."""
    words = sorted({c.strip() for c in cues if c and c.strip()}, key=len, reverse=True)
    if not words:
        raise ValueError("give at least one cue word")
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


def find_cue_sentences(doc, cues: list[str]) -> set[tuple[str, int]]:
    """Sentences of ``doc`` (kit sentences) that contain a cue word, as (doc_id, start)."""
    from kjpacts.nlp import sentences

    pattern = cue_regex(cues)
    return {(doc.doc_id, s.start) for s in sentences(doc) if pattern.search(s.text)}


# -- the gold layer in the same units ---------------------------------------------

def gold_quote_spans(corpus, kinds=("direct",)) -> set[tuple[str, int, int]]:
    """Content spans of the gold quotes of the given kinds."""
    return {(doc_id, q.content.start, q.content.end)
            for doc_id, quotes in corpus.annotations.quotes.items() for q in quotes if q.kind in kinds}


def gold_cue_sentences(corpus) -> set[tuple[str, int]]:
    """Sentences that contain the cue of at least one gold attribution."""
    from kjpacts.nlp import sentences

    out = set()
    for doc in corpus:
        cues = [q.cue for q in corpus.annotations.quotes[doc.doc_id] if q.cue is not None]
        for s in sentences(doc):
            if any(s.start <= c.start < s.end for c in cues):
                out.add((doc.doc_id, s.start))
    return out


def all_found_quotes(corpus) -> set[tuple[str, int, int]]:
    return set().union(*(find_quotes(d) for d in corpus))


def all_cue_sentences(corpus, cues: list[str]) -> set[tuple[str, int]]:
    return set().union(*(find_cue_sentences(d, cues) for d in corpus))


def scores(gold: set, found: set) -> dict[str, float]:
    """Precision, recall and F1 with ``nltk.metrics`` (0.0 instead of None for empty sets)."""
    from nltk.metrics import f_measure, precision, recall

    return {"precision": precision(gold, found) or 0.0, "recall": recall(gold, found) or 0.0,
            "f1": f_measure(gold, found) or 0.0}


# -- expected values -------------------------------------------------------------

def wapo_quoted() -> list[str]:
    return re.findall(QUOTE_PATTERN, _corpus()["wapo-2011-01-11"].text)


def wapo_quoted_greedy() -> list[str]:
    return re.findall(r'"(.*)"', _corpus()["wapo-2011-01-11"].text)


def quote_finder_precision() -> float:
    from nltk.metrics import precision

    corpus = _corpus()
    return precision(gold_quote_spans(corpus), all_found_quotes(corpus))


def quote_finder_recall() -> float:
    from nltk.metrics import recall

    corpus = _corpus()
    return recall(gold_quote_spans(corpus), all_found_quotes(corpus))


def cue_scores(cues: list[str]) -> dict[str, float]:
    corpus = _corpus()
    return scores(gold_cue_sentences(corpus), all_cue_sentences(corpus, cues))


GOOD_CUES = ["said", "according to", "added", "told", "replied", "urged", "urging", "note", "described",
             "denounced", "reported", "disclosed", "pressed", "demanded", "argued", "maintains", "accepted",
             "saying", "citing", "encouraged", "criticism", "allegedly", "express"]


def most_anonymous_document() -> str:
    frame = _corpus().frame("quotes")
    share_named = frame.groupby("doc_id")["named"].mean()
    return str(share_named.idxmin())


def japanese_direct_quotes() -> int:
    frame = _corpus().frame("quotes")
    return int(((frame["country"] == "JP") & (frame["kind"] == "direct")).sum())


def japanese_quotes_any_kind() -> int:
    frame = _corpus().frame("quotes")
    return int((frame["country"] == "JP").sum())


# -- checks ------------------------------------------------------------------------

def _check_quoted(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        return Feedback(False, "re.findall(...) gives a list of strings; give that list.")
    expected = wapo_quoted()
    stripped = [a[1:-1] if len(a) >= 2 and a[0] == a[-1] == '"' else a for a in answer]
    if stripped == expected:
        return Feedback(True, f"Right: {len(expected)} quoted stretches. [^\"]* means 'any characters "
                              "except a quotation mark', so each match stops at the next closing mark.")
    if stripped == wapo_quoted_greedy() or len(answer) < len(expected):
        return Feedback(False, f"You found {len(answer)} stretches; there are {len(expected)}. If you used .* "
                               "the pattern is greedy: it runs on to the LAST quotation mark of the line and "
                               "swallows two quotes and the text between them. Use [^\"]* (anything but a "
                               "quotation mark) instead.")
    return Feedback(False, "Use re.findall with a pattern that starts and ends with a quotation mark and "
                           "matches [^\"]* in between, on wapo.text.")


def _check_precision(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if isinstance(answer, bool) or not isinstance(answer, float):
        return Feedback(False, "precision(...) returns a decimal number (a float) between 0 and 1; give it.")
    p, r = quote_finder_precision(), quote_finder_recall()
    if abs(answer - p) < 1e-9:
        return Feedback(True, f"Right: precision {p:.3f}. Nine of the 24 'quotes' the rule finds are not "
                              "direct quotes: scare quotes and fragments inside paraphrases and statements.")
    if abs(answer - r) < 1e-9:
        return Feedback(False, "That is the recall. Precision asks: of the spans we FOUND, how many are in "
                               "the gold set? Use precision(gold, found).")
    return Feedback(False, "Call precision(gold, found) with the two sets from the cell above: the gold "
                           "set first, then the set the finder found.")


def _check_cues(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if not isinstance(answer, list) or not answer or not all(isinstance(a, str) for a in answer):
        return Feedback(False, "Give a list of cue words as strings, e.g. [\"said\", \"told\"].")
    s = cue_scores(answer)
    summary = f"(precision {s['precision']:.2f}, recall {s['recall']:.2f})"
    if s["recall"] >= 0.9 and s["precision"] >= 0.9:
        return Feedback(True, f"Well done {summary}. Every cue you added is a verb the guidelines count as "
                              "a speech act; the rest are the headline colon and sentences your list misses.")
    if s["recall"] < 0.9:
        return Feedback(False, f"Not enough yet {summary}: recall must reach 0.90. Look at the missed "
                               "sentences printed above and add their reporting verbs, in the form the "
                               "text uses ('urged', not 'urge').")
    return Feedback(False, f"Recall is fine but precision fell below 0.90 {summary}: some cue matches "
                           "sentences that report no speech. Remove the most general words.")


def _check_anonymous(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if not isinstance(answer, str):
        return Feedback(False, "Give the document id as a string, e.g. \"wapo-2011-01-11\". "
                               "share.idxmin() gives the id with the smallest value.")
    expected = most_anonymous_document()
    if answer == expected:
        return Feedback(True, "Right: in the Yonhap page 13 of 18 attributions come from speakers who are "
                              "not named, 11 of them from one official.")
    if answer == "koreaherald-2012-05":
        return Feedback(False, "Close: 5 of its 8 attributions are anonymous (two of them agentless "
                               "'are said to'). One page has an even smaller share of named speakers.")
    return Feedback(False, "Compute the share of named attributions per document "
                           "(quotes.groupby(\"doc_id\")[\"named\"].mean()) and take the smallest.")


def _check_japanese(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if type(answer) is not int:
        return Feedback(False, "Give a whole number (an int). len(...) of a filtered table gives one.")
    if answer == japanese_quotes_any_kind():
        return Feedback(False, "That counts every attribution to a Japanese speaker, of any kind. Keep "
                               "only the rows whose kind is \"direct\" as well.")
    return equal(answer, japanese_direct_quotes(),
                 "Filter the quotes table on two conditions at once: country is \"JP\" and kind is "
                 "\"direct\" (join them with &, each in round brackets).",
                 "Right: none. Japanese speakers are paraphrased (Noda, 'Japan has argued', Kan), one is given "
                 "a two-word fragment (Kan's 'deep remorse'), and a Japanese newspaper is cited; no Japanese "
                 "official speaks in his own words.")


TRYITS = [
    TryIt(
        id="05.1",
        prompt="With re.findall, list every stretch of the Washington Post clean text that stands between "
               "straight double quotation marks.",
        check=_check_quoted,
        answer="answer = re.findall(r'\"([^\"]*)\"', wapo.text)",
        right=wapo_quoted,
        wrong=wapo_quoted_greedy,
        explanation="Seven stretches. [^\"]* cannot run past a closing mark. The greedy .* runs on to the "
                    "last mark of the line, so in the Mullen paragraph it returns 'recognize the importance\" "
                    "of cooperation without being \"hung up ...' as one stretch, and the same happens to "
                    "Yun's two quotes and to the ministry's two fragments.",
    ),
    TryIt(
        id="05.2",
        prompt="What is the precision of the quotation-mark finder against the gold direct quotes, over the "
               "whole corpus?",
        check=_check_precision,
        answer="answer = precision(gold, found)",
        right=quote_finder_precision,
        wrong=quote_finder_recall,
        explanation="Recall is 1.0 (every direct quote is inside quotation marks) but precision is 0.625 "
                    "(15 of 24): scare quotes ('comfort women', 'mature, future-oriented') and quoted "
                    "fragments inside paraphrases and statements ('deep remorse', 'close coordination', "
                    "'expand and deepen') are found too.",
    ),
    TryIt(
        id="05.3",
        prompt="Extend the list of cue words so that the cue-sentence finder reaches recall and precision "
               "of at least 0.90 against the gold attribution layer.",
        check=_check_cues,
        answer="answer = " + repr(GOOD_CUES),
        right=lambda: list(GOOD_CUES),
        wrong=lambda: list(STARTER_CUES),
        explanation="The starter list (said, according to) finds most attributions: 'said' is by far "
                    "the commonest cue. The rest need the verbs the guidelines list (told, added, urged, "
                    "denounced, reported, ...), and the headline colon of Yonhap is beyond a word list.",
    ),
    TryIt(
        id="05.4",
        prompt="Which document has the smallest share of attributions to named speakers?",
        check=_check_anonymous,
        answer='share = quotes.groupby("doc_id")["named"].mean()\nanswer = share.idxmin()',
        right=most_anonymous_document,
        wrong=lambda: "koreaherald-2012-05",
        explanation="yonhap-2012-06-27: 5 named attributions of 18. The story rests on one official who "
                    "is never named.",
    ),
    TryIt(
        id="05.5",
        prompt="How many direct quotes in the corpus come from a Japanese speaker (country \"JP\")?",
        check=_check_japanese,
        answer='answer = len(quotes[(quotes["country"] == "JP") & (quotes["kind"] == "direct")])',
        right=japanese_direct_quotes,
        wrong=japanese_quotes_any_kind,
        explanation="None. All Japanese voices are paraphrased or cited second-hand; the closest is Kan's "
                    "'deep remorse', a quoted fragment in a paraphrase (kind mixed).",
    ),
]
