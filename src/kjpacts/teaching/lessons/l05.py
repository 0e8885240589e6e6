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

import math
import re

from kjpacts.nlp import sentences
from kjpacts.teaching.checks import Feedback, TryIt, describe, is_number, number, plain
from kjpacts.teaching.checks import shipped_corpus as _corpus
from kjpacts.teaching.judging import JudgeItem, in_context

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

    pattern = cue_regex(cues)
    return {(doc.doc_id, s.start) for s in sentences(doc) if pattern.search(s.text)}


# -- the gold layer in the same units ---------------------------------------------

def gold_quote_spans(corpus, kinds=("direct",)) -> set[tuple[str, int, int]]:
    """Content spans of the gold quotes of the given kinds."""
    return {(doc_id, q.content.start, q.content.end)
            for doc_id, quotes in corpus.annotations.quotes.items() for q in quotes if q.kind in kinds}


def gold_cue_sentences(corpus) -> set[tuple[str, int]]:
    """Sentences that contain the cue of at least one gold attribution."""

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


# -- judge first: named or anonymous? ----------------------------------------------

#: The attributions the student judges before seeing the attribution layer: (doc_id, quote id).
JUDGE_QUOTES = [("koreaherald-2012-05", "q4"), ("ahram-2011-01-10", "q2"), ("yonhap-2012-06-27", "q3"),
                ("koreaherald-2012-05-13", "q6"), ("yonhap-2012-06-27", "q15"), ("yonhap-2012-06-27", "q12"),
                ("ahram-2011-01-10", "q10")]
JUDGE_LABELS = ("named", "anonymous")


def judge_items(corpus=None) -> list:
    """One item per attribution in :data:`JUDGE_QUOTES`: its printed source in context; the gold
    label and reason come from the attribution layer (``named`` and the annotators' note)."""

    corpus = corpus if corpus is not None else _corpus()
    items = []
    for n, (doc_id, qid) in enumerate(JUDGE_QUOTES, 1):
        q = next(x for x in corpus.annotations.quotes[doc_id] if x.id == qid)
        text = in_context(corpus[doc_id].text, q.source.start, q.source.end)
        items.append(JudgeItem(str(n), text, "named" if q.named else "anonymous", q.note,
                               f"{doc_id} ({corpus[doc_id].outlet}), quote {qid}"))
    return items


# -- checks ------------------------------------------------------------------------

SETUP = """
import re
import kjpacts
from nltk.metrics import precision, recall, f_measure
from kjpacts.teaching.lessons import l05
corpus = kjpacts.load()
yonhap = corpus["yonhap-2012-06-27"]
wapo = corpus["wapo-2011-01-11"]
gold = l05.gold_quote_spans(corpus)
found = l05.all_found_quotes(corpus)
quotes = corpus.frame("quotes")
"""


def _unquote(stretch: str) -> str:
    """A match that kept its quotation marks (pattern without round brackets), without them."""
    return stretch[1:-1] if len(stretch) >= 2 and stretch[0] == stretch[-1] == '"' else stretch


def _quoted_diagnosis(stretches: list[str], expected: list[str]) -> str:
    """What is wrong with a list of quoted stretches that is not the expected one, in one hint."""
    n, total = len(stretches), len(expected)
    runs_on = [s for s in stretches if '"' in s]
    if runs_on or stretches == wapo_quoted_greedy():
        return (f"Some stretches run on past a closing quotation mark (you found {n}; there are {total}). "
                "That is the greedy .*: it runs on to the LAST quotation mark of the line and swallows two quotes "
                "and the text between them. Use [^\"]* (anything but a quotation mark) instead.")
    if 0 < n < total and stretches == expected[:n]:
        return (f"Your {n} stretches are right, but the list stops there: there are {total}. Did you keep a slice "
                "such as [:3] from the cell above? Give the whole list that re.findall returns.")
    outside = [s for s in stretches if not any(s in e for e in expected)]
    if outside:
        return (f"Some stretches are not inside quotation marks, e.g. {outside[0].strip()[:50]!r}: the pattern got "
                "out of step and read a closing mark as an opening one. End the pattern with a quotation mark, and "
                "between the marks allow every character except a quotation mark: [^\"]*.")
    if stretches and not any(stretches):
        return ("Your matches are all empty: the pattern stops right after the opening mark. End it with a closing "
                "quotation mark, and allow every character except a quotation mark in between: [^\"]*.")
    cut = [(s, e) for s in stretches if s and s not in expected for e in expected if s in e]
    if cut:
        s, e = cut[0]
        return (f"Some quotes are cut short, not in full: {s!r} is only part of {e!r}. Between the marks your "
                "pattern must allow every character except a quotation mark (spaces, commas and full stops too), "
                "up to the closing mark: [^\"]*.")
    if n == 0:
        return ("Your list is empty: the pattern matched nothing. The clean text has straight quotation marks (\"); "
                "between two of them allow every character except a quotation mark: [^\"]*.")
    missing = [e for e in expected if e not in stretches]
    if missing:
        odd = " and ".join(sorted({c for c in missing[0] if not (c.isalnum() or c == " ")}))
        why = f" It contains the character(s) {odd}, which your pattern may not allow between the marks." if odd else ""
        return (f"You found {n} of the {total} quoted stretches; missing, e.g., {missing[0][:50]!r}.{why} Between the "
                "marks allow every character except a quotation mark: [^\"]*.")
    return (f"You found {n} stretches; there are {total}, each once and in text order. Use re.findall on wapo.text "
            "with a pattern that starts and ends with a quotation mark and matches [^\"]* in between.")


def _check_quoted(answer) -> Feedback:
    if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
        return Feedback(False, f"re.findall(...) gives a list of strings; give that list. You gave {describe(answer)}.")
    expected = wapo_quoted()
    stretches = [_unquote(a) for a in answer]
    if stretches == expected:
        marks = (" Your matches keep the quotation marks themselves; round brackets around [^\"]* would return "
                 "only what stands between them.") if stretches != answer else ""
        return Feedback(True, f"Right: {len(expected)} quoted stretches. [^\"]* means 'any characters "
                              f"except a quotation mark', so each match stops at the next closing mark.{marks}")
    others = {d.doc_id for d in _corpus() if d.doc_id != "wapo-2011-01-11" and re.findall(QUOTE_PATTERN, d.text) == stretches}
    if others:
        return Feedback(False, f"Those are the quotes of {sorted(others)[0]}. Search the Washington Post text, wapo.text.")
    return Feedback(False, _quoted_diagnosis(stretches, expected))


def _check_precision(answer) -> Feedback:
    corpus = _corpus()
    gold, found = gold_quote_spans(corpus), all_found_quotes(corpus)
    p, r = quote_finder_precision(), quote_finder_recall()
    false_alarms = len(found - gold)
    answer = plain(answer)
    if isinstance(answer, (tuple, list)) and answer and all(is_number(v) for v in answer):
        among = " The precision is among them." if any(math.isclose(v, p) for v in answer) else ""
        return Feedback(False, f"The answer is only the precision, one number; you gave {len(answer)} number(s) in "
                               f"{describe(answer)}.{among} Give precision(gold, found) alone as the answer, and "
                               "compute recall and f_measure in a cell of their own.")
    return number(answer, p,
                  "Call precision(gold, found) with the two sets from the cell above: the gold set first, "
                  "then the set the finder found.",
                  f"Right: precision {p:.3f}. {false_alarms} of the {len(found)} 'quotes' the rule finds are not "
                  "direct quotes: scare quotes and fragments inside paraphrases and statements.",
                  wrong={r: "That is the recall. Precision asks: of the spans we FOUND, how many are in the gold "
                            "set? Give precision(gold, found)."} if r != p else None)


def _check_cues(answer) -> Feedback:
    if isinstance(answer, str):
        return Feedback(False, "Give a list of cue words, like [\"said\", \"told\"], not one text.")
    if not isinstance(answer, list) or not answer or not all(isinstance(a, str) for a in answer):
        return Feedback(False, f"Give a list of cue words as strings, e.g. [\"said\", \"told\"]; you gave {describe(answer)}.")
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


def _named_counts(doc_id: str) -> tuple[int, int]:
    frame = _corpus().frame("quotes")
    rows = frame[frame["doc_id"] == doc_id]
    return int(rows["named"].sum()), len(rows)


def _check_anonymous(answer) -> Feedback:
    if type(answer).__name__ == "Series":
        return Feedback(False, "That is the share for every document. Give only the id of the document with the "
                               "smallest share (.idxmin() gives it).")
    if not isinstance(answer, str):
        return Feedback(False, f"Give the document id as a string, e.g. \"wapo-2011-01-11\"; you gave {describe(answer)}.")
    expected = most_anonymous_document()
    named, total = _named_counts(expected)
    if answer.strip() == expected:
        return Feedback(True, f"Right: in {expected} only {named} of {total} attributions come from named speakers.")
    frame = _corpus().frame("quotes")
    most_named = str(frame.groupby("doc_id")["named"].mean().idxmax())
    if answer.strip() == most_named:
        return Feedback(False, "That document has the LARGEST share of named speakers. You want the smallest.")
    counts = frame[~frame["named"]].groupby("doc_id").size()
    if answer.strip() in counts.index and answer.strip() == str(counts.idxmax()) and answer.strip() != expected:
        return Feedback(False, "That page has the most anonymous attributions in number, not the smallest share "
                               "of named ones. Compare shares (a mean), not counts.")
    if answer.strip() in frame["doc_id"].values:
        n, t = _named_counts(answer.strip())
        return Feedback(False, f"In {answer.strip()} {n} of {t} attributions are named. One page has an even smaller share.")
    return Feedback(False, "Compute the share of named attributions per document and take the smallest.")


def _check_japanese(answer) -> Feedback:
    expected = japanese_direct_quotes()
    none = ("none. Japanese speakers are paraphrased (Noda, 'Japan has argued', Kan), one is given a two-word "
            "fragment (Kan's 'deep remorse'), and a Japanese newspaper is cited; no Japanese official speaks in "
            "his own words.") if expected == 0 else f"{expected}."
    return number(answer, expected,
                  "Keep the rows that meet two conditions at once: the country is \"JP\" and the kind is \"direct\"; "
                  "then count them.",
                  f"Right: {none}",
                  wrong={japanese_quotes_any_kind(): "That counts every attribution to a Japanese speaker, of any "
                                                     "kind. Keep only the rows whose kind is \"direct\" as well.",
                         len(_corpus().frame("quotes")): "That is every attribution in the corpus: the filter kept "
                                                          "every row."})


TRYITS = [
    TryIt(
        id="05.1",
        skill="write a non-greedy regular expression",
        prompt="With re.findall, list every stretch of the Washington Post clean text that stands between "
               "straight double quotation marks: the whole list, each stretch in full from its opening to its "
               "closing mark (with or without the marks themselves).",
        check=_check_quoted,
        answer="answer = re.findall(r'\"([^\"]*)\"', wapo.text)",
        wrongs=(("answer = re.findall(r'\"(.*)\"', wapo.text)", "greedy"),
                ("answer = re.findall(r'\"([^\"]*)\"', wapo.text)[:3]", "the list stops there"),
                ("answer = re.findall(r'\"([\\w ]*)\"', wapo.text)", "may not allow"),
                ("answer = re.findall(r'\"(\\w+ \\w+)', wapo.text)", "cut short"),
                ("answer = re.findall(r'\"([^\"]*)', wapo.text)", "not inside quotation marks"),
                ("answer = re.findall(r'\"([^\"]*)\"', wapo.text)[0]", "list of strings"),
                ("answer = re.findall(r'\"([^\"]*)\"', yonhap.text)", "wapo.text")),
        explanation="Seven stretches. [^\"]* cannot run past a closing mark. The greedy .* runs on to the "
                    "last mark of the line, so in the Mullen paragraph it returns 'recognize the importance\" "
                    "of cooperation without being \"hung up ...' as one stretch, and the same happens to "
                    "Yun's two quotes and to the ministry's two fragments.",
        open_code=False,
    ),
    TryIt(
        id="05.2",
        skill="score a finder: precision",
        prompt="What is the precision of the quotation-mark finder against the gold direct quotes, over the "
               "whole corpus? The answer is only the precision, one number; compute recall and F-measure "
               "afterwards, in a cell of their own.",
        check=_check_precision,
        answer="answer = precision(gold, found)",
        wrongs=(("answer = recall(gold, found)", "recall"), ("answer = round(precision(gold, found), 2)", "rounded"),
                ("answer = len(gold & found)", "Call precision"), ('answer = "0.625"', "text"),
                ("answer = (precision(gold, found), recall(gold, found), f_measure(gold, found))",
                 "only the precision, one number")),
        explanation="Recall is 1.0 (every direct quote is inside quotation marks) but precision is 0.625 "
                    "(15 of 24): scare quotes ('comfort women', 'mature, future-oriented') and quoted "
                    "fragments inside paraphrases and statements ('deep remorse', 'close coordination', "
                    "'expand and deepen') are found too.",
    ),
    TryIt(
        id="05.3",
        skill="improve a rule against a gold layer",
        prompt="Extend the list of cue words so that the cue-sentence finder reaches recall and precision "
               "of at least 0.90 against the gold attribution layer.",
        check=_check_cues,
        answer="answer = " + repr(GOOD_CUES),
        wrongs=(("answer = " + repr(STARTER_CUES), "recall must reach"),
                ("answer = " + repr(GOOD_CUES + ["agreed", "expected", "report", "the"]), "precision fell"),
                ('answer = "said"', "not one text")),
        explanation="The starter list (said, according to) finds most attributions: 'said' is by far "
                    "the commonest cue. The rest need the verbs the guidelines list (told, added, urged, "
                    "denounced, reported, ...), and the headline colon of Yonhap is beyond a word list.",
    ),
    TryIt(
        id="05.4",
        skill="compare shares across documents (groupby)",
        prompt="Which document has the smallest share of attributions to named speakers?",
        check=_check_anonymous,
        answer='share = quotes.groupby("doc_id")["named"].mean()\nanswer = share.idxmin()',
        wrongs=(('answer = quotes.groupby("doc_id")["named"].mean().idxmax()', "LARGEST share"),
                ('answer = quotes.groupby("doc_id")["named"].mean()', "every document"),
                ('answer = "koreaherald-2012-05"', "even smaller share")),
        explanation="yonhap-2012-06-27: 5 named attributions of 18. The story rests on one official who "
                    "is never named.",
    ),
    TryIt(
        id="05.5",
        skill="filter a table on two conditions",
        prompt="How many direct quotes in the corpus come from a Japanese speaker (country \"JP\")?",
        check=_check_japanese,
        answer='answer = len(quotes[(quotes["country"] == "JP") & (quotes["kind"] == "direct")])',
        wrongs=(('def answer():\n    return len(quotes[(quotes["country"] == "JP") and (quotes["kind"] == "direct")])',
                 "& instead of and"),
                ('answer = len(quotes[quotes["country"] == "JP"])', "of any kind"),
                ('answer = quotes[(quotes["country"] == "JP") & (quotes["kind"] == "direct")]', "len(...)"),
                ('answer = ((quotes["country"] == "JP") & (quotes["kind"] == "direct")).sum() + 1',
                 "two conditions at once")),
        explanation="None. All Japanese voices are paraphrased or cited second-hand; the closest is Kan's "
                    "'deep remorse', a quoted fragment in a paraphrase (kind mixed).",
    ),
]
