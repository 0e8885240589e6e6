"""Lesson 04 · Close reading at scale: try-it checks and helpers.

Helpers the notebook calls (general-purpose; candidates for :mod:`kjpacts.nlp`):

- :func:`documents_by_date`: the documents in order of publication date;
- :func:`corpus_text`: one ``nltk.Text`` of every document, in date order, with punctuation,
  for ``concordance``, ``collocations``, ``similar`` and ``dispersion_plot``;
- :func:`count_table`: how often each of some words occurs in each document, by date.
"""

from __future__ import annotations

from kjpacts.nlp import corpus_words, is_word, keyness, log_likelihood, words
from kjpacts.teaching.checks import Feedback, TryIt, describe, equal, number
from kjpacts.teaching.checks import shipped_corpus as _corpus


def documents_by_date(corpus) -> list:
    """Documents sorted by their publication date (ISO strings: '2012-05' sorts before '2012-05-13')."""
    return sorted(corpus, key=lambda d: (d.published, d.doc_id))


def corpus_text(corpus):
    """An ``nltk.Text`` of all documents in date order (``nltk.word_tokenize`` tokens, punctuation kept)."""
    import nltk


    tokens = [t for d in documents_by_date(corpus) for t in words(d)]
    return nltk.Text(tokens, name="the five pages, oldest first")


def count_table(corpus, wanted: list[str]):
    """A table: one row per document (oldest first), its date, outlet and number of words,
    then how often each word in ``wanted`` occurs (case ignored, whole tokens)."""
    import nltk
    import pandas as pd


    rows = []
    for d in documents_by_date(corpus):
        toks = [t for t in words(d, lower=True) if is_word(t)]
        fd = nltk.FreqDist(toks)
        row = {"doc_id": d.doc_id, "published": d.published, "outlet": d.outlet, "words": len(toks)}
        row.update({w: fd[w.lower()] for w in wanted})
        rows.append(row)
    return pd.DataFrame(rows).set_index("doc_id")


# -- expected values -----------------------------------------------------------

def _stopwords() -> set[str]:
    import nltk

    return set(nltk.corpus.stopwords.words("english"))


def top_content_word(doc_id: str = "yonhap-2012-06-27") -> str:
    import nltk


    stop = _stopwords()
    fd = nltk.FreqDist(w for w in corpus_words(_corpus(), [doc_id]) if w not in stop)
    return fd.most_common(1)[0][0]


def _finder():
    from nltk.collocations import BigramCollocationFinder


    stop = _stopwords()
    finder = BigramCollocationFinder.from_words(corpus_words(_corpus()))
    finder.apply_freq_filter(2)
    finder.apply_word_filter(lambda w: w in stop)
    return finder


def top_bigram(measure: str = "pmi") -> tuple[str, str]:
    from nltk.collocations import BigramAssocMeasures

    return tuple(_finder().nbest(getattr(BigramAssocMeasures(), measure), 1)[0])


def _split(target: list[str]):

    corpus = _corpus()
    rest = [d for d in corpus.fileids() if d not in target]
    return corpus_words(corpus, target), corpus_words(corpus, rest)


def top_keyword(doc_id: str = "yonhap-2012-06-27") -> str:

    target, reference = _split([doc_id])
    return keyness(target, reference)[0].word


def g2_official() -> float:

    target, reference = _split(["yonhap-2012-06-27"])
    return log_likelihood(target.count("official"), reference.count("official"), len(target), len(reference))


# -- checks --------------------------------------------------------------------

SETUP = """
import nltk
import kjpacts
from kjpacts.nlp import corpus_words, keyness, log_likelihood
from nltk.collocations import BigramCollocationFinder, BigramAssocMeasures
corpus = kjpacts.load()
tokens = corpus_words(corpus)
stop = nltk.corpus.stopwords.words("english")
measures = BigramAssocMeasures()
finder = BigramCollocationFinder.from_words(tokens)
finder.apply_freq_filter(2)
finder.apply_word_filter(lambda w: w in stop)
"""

_YONHAP_SPLIT = """
target = corpus_words(corpus, ["yonhap-2012-06-27"])
reference = corpus_words(corpus, [d for d in corpus.fileids() if d != "yonhap-2012-06-27"])
"""


def _yonhap_count(word: str) -> int:

    return corpus_words(_corpus(), ["yonhap-2012-06-27"]).count(word)


def _check_top_word(answer) -> Feedback:
    expected = top_content_word()
    if isinstance(answer, tuple) and answer and answer[0] == expected:
        return Feedback(False, "Nearly: most_common gives (word, count) pairs. Give only the word, the pair's [0].")
    if isinstance(answer, list) and answer and isinstance(answer[0], tuple):
        return Feedback(False, "most_common(1) gives a list with one (word, count) pair: take [0][0].")
    if not isinstance(answer, str):
        return Feedback(False, f"Give the word as a string, e.g. \"pact\"; you gave {describe(answer)}.")
    word = answer.strip().lower()
    if word == expected:
        return Feedback(True, f"Right: '{expected}' ({_yonhap_count(expected)} times). Type it into the concordance "
                              "explorer to see in which roles it appears in this story.")
    if word in _stopwords():
        return Feedback(False, "That is a stopword. Remove the stopwords first, as in the cell above, "
                               "but for the Yonhap page only.")
    if top_content_word_of_corpus() == word:
        return Feedback(False, f"That is the top content word of the whole corpus ({_yonhap_count(word)} times in "
                               "Yonhap). Count the Yonhap page's words only.")
    return Feedback(False, f"'{word}' occurs {_yonhap_count(word)} times in the Yonhap page; another content word "
                           "occurs more often. Make a FreqDist of the Yonhap words without stopwords.")


def top_content_word_of_corpus() -> str:
    import nltk


    stop = _stopwords()
    return nltk.FreqDist(w for w in corpus_words(_corpus()) if w not in stop).most_common(1)[0][0]


def _check_bigram(answer) -> Feedback:
    expected = top_bigram("pmi")
    if isinstance(answer, list) and len(answer) == 1 and isinstance(answer[0], tuple):
        return Feedback(False, "nbest(..., 1) gives a list with one pair in it; take the pair with [0].")
    if isinstance(answer, list) and tuple(answer) == expected:
        return Feedback(False, "Right words, but give the pair as nbest returns it: a tuple.")
    if isinstance(answer, tuple) and answer == top_bigram("likelihood_ratio"):
        return Feedback(False, "That pair ranks first by likelihood ratio. Rank the finder by PMI instead.")
    if isinstance(answer, tuple) and answer == expected[::-1]:
        return Feedback(False, "Right words, wrong order: give the pair as nbest returns it.")
    if not isinstance(answer, tuple):
        return Feedback(False, f"Give a pair of words, a tuple like ('south', 'korea'); you gave {describe(answer)}.")
    return equal(answer, expected, "Rank the same finder with measures.pmi and take the first pair.",
                 f"Right: {expected}. PMI favours rare pairs whose words occur only together.")


def _check_keyword(answer) -> Feedback:

    if not isinstance(answer, str):
        if type(answer).__name__ == "Keyword":
            return Feedback(False, "That is the whole keyword row; give only its .word.")
        return Feedback(False, f"Give the word as a string; you gave {describe(answer)}. keyness(...) returns "
                               "a list of Keyword rows, each with a .word.")
    expected = top_keyword()
    if answer.strip().lower() == expected:
        others = corpus_words(_corpus(), [d for d in _corpus().fileids() if d != "yonhap-2012-06-27"]).count(expected)
        return Feedback(True, f"Right: '{expected}' ({_yonhap_count(expected)} times in Yonhap, {others} in the other "
                              "pages). Read it in the concordance before you explain it.")
    if answer.strip().lower() == top_keyword("ahram-2011-01-10"):
        return Feedback(False, "That is Ahram's strongest keyword. Put the Yonhap words first (the target) "
                               "and the other four pages second (the reference).")
    return Feedback(False, "Call keyness(target, reference) with the Yonhap words as the target and the "
                           "other four pages as the reference; the first row is the strongest keyword.")


def _g2_swapped() -> float:

    target, reference = _split(["yonhap-2012-06-27"])
    return log_likelihood(reference.count("official"), target.count("official"), len(target), len(reference))


def _check_g2(answer) -> Feedback:
    expected = g2_official()
    return number(answer, expected,
                  "Four arguments, in this order: the count in Yonhap, the count in the rest, the number of "
                  "words in Yonhap, the number of words in the rest.",
                  f"Right: G2 = {expected:.2f}, well above 3.84, the usual 'significant' line. Read it as 'not "
                  "chance within these texts': the concordance showed where the occurrences come from.",
                  wrong={2 * expected: "Off by a factor of two: let log_likelihood do the whole calculation.",
                         expected / 2: "Off by a factor of two: let log_likelihood do the whole calculation.",
                         _g2_swapped(): "The counts are in the wrong order: first the count in Yonhap (target), "
                                        "then the count in the rest (reference)."})


TRYITS = [
    TryIt(
        id="04.1",
        skill="count content words in one document",
        prompt="Which content word (not a stopword) is the most frequent in the Yonhap page alone?",
        check=_check_top_word,
        answer='yonhap_words = corpus_words(corpus, ["yonhap-2012-06-27"])\n'
               'fd_yonhap = nltk.FreqDist(w for w in yonhap_words if w not in stop)\n'
               'answer = fd_yonhap.most_common(1)[0][0]',
        wrongs=(('answer = "the"', "stopword"),
                ('def answer():\n    return corpus_words(corpus, "yonhap-2012-06-27")', "square brackets"),
                ('answer = nltk.FreqDist(w for w in corpus_words(corpus, ["yonhap-2012-06-27"]) if w not in stop)'
                 '.most_common(1)[0]', "only the word"),
                ('answer = "said"', "11 times"),
                ('answer = nltk.FreqDist(w for w in tokens if w not in stop).most_common(1)[0][0]', "whole corpus")),
        explanation="'japan', 19 times, ahead of 'military' (17) and 'said' (11). 'said' is not in the "
                    "stopword list, and in a news story it is a content word of sorts: it marks attribution.",
    ),
    TryIt(
        id="04.2",
        skill="rank collocations by another measure",
        prompt="With the same bigram finder (frequency filter 2, stopwords filtered), which pair ranks "
               "first by PMI instead of likelihood ratio?",
        check=_check_bigram,
        answer="answer = finder.nbest(measures.pmi, 1)[0]",
        wrongs=(("answer = finder.nbest(measures.pmi, 1)", "take the pair"),
                ("answer = finder.nbest(measures.likelihood_ratio, 1)[0]", "likelihood ratio"),
                ("answer = list(finder.nbest(measures.pmi, 1)[0])", "a tuple"),
                ("answer = tuple(reversed(finder.nbest(measures.pmi, 1)[0]))", "wrong order")),
        explanation="('uranium', 'enrichment'): both words occur only together, twice, in Ahram. PMI "
                    "favours such rare exclusive pairs; likelihood ratio favours frequent ones like "
                    "('south', 'korea'). Neither is 'the' right measure: they answer different questions.",
    ),
    TryIt(
        id="04.3",
        skill="find the keywords of one document against the rest",
        prompt="What is the strongest keyword of the Yonhap page against the other four pages? Keep the two "
               "word lists as `target` and `reference`: try it 04.4 uses them again.",
        check=_check_keyword,
        answer=_YONHAP_SPLIT.strip() + "\nanswer = keyness(target, reference)[0].word",
        wrongs=(("answer = keyness(corpus_words(corpus, [\"ahram-2011-01-10\"]), corpus_words(corpus, "
                 "[d for d in corpus.fileids() if d != \"ahram-2011-01-10\"]))[0].word", "Ahram's strongest"),
                (_YONHAP_SPLIT + "answer = keyness(target, reference)[0]", "only its .word"),
                (_YONHAP_SPLIT + "answer = keyness(target, reference)", "a list")),
        explanation="'government' (G2 about 16): 6 times in Yonhap, 0 elsewhere. Then come 'pact' and "
                    "'official'. The keywords point to what is specific to the story: a government "
                    "criticised at home and one anonymous official speaking for it.",
    ),
    TryIt(
        id="04.4",
        skill="compute a log-likelihood (G2) by hand",
        prompt="Compute G2 for 'official' in the Yonhap page against the other four pages with "
               "log_likelihood(a, b, total_a, total_b).",
        check=_check_g2,
        given=_YONHAP_SPLIT,
        answer='answer = log_likelihood(target.count("official"), reference.count("official"),\n'
               '                        len(target), len(reference))',
        wrongs=(('answer = round(log_likelihood(target.count("official"), reference.count("official"), '
                 'len(target), len(reference)), 2)', "rounded"),
                ('answer = log_likelihood(reference.count("official"), target.count("official"), '
                 'len(target), len(reference))', "wrong order"),
                ('answer = 2 * log_likelihood(target.count("official"), reference.count("official"), '
                 'len(target), len(reference))', "factor of two"),
                ('answer = "14.85"', "text")),
        explanation="About 14.85: 9 of Yonhap's 640 words against 2 of the other pages' 1,797. If Yonhap "
                    "used 'official' at the rate of the whole corpus it would have about 2.9 of them. The "
                    "gap is real within these texts, and the concordance explains it: one anonymous "
                    "official, quoted again and again.",
        open_code=False,
    ),
]
