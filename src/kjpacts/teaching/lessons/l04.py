"""Lesson 04 · Close reading at scale: try-it checks and helpers.

Helpers the notebook calls (general-purpose; candidates for :mod:`kjpacts.nlp`):

- :func:`documents_by_date`: the documents in order of publication date;
- :func:`corpus_text`: one ``nltk.Text`` of every document, in date order, with punctuation,
  for ``concordance``, ``collocations``, ``similar`` and ``dispersion_plot``;
- :func:`count_table`: how often each of some words occurs in each document, by date.
"""

from __future__ import annotations


from kjpacts.teaching.checks import Feedback, TryIt, equal
from kjpacts.teaching.checks import shipped_corpus as _corpus

WANTED = "Replace the ... with your answer, then run the cell again."


def documents_by_date(corpus) -> list:
    """Documents sorted by their publication date (ISO strings: '2012-05' sorts before '2012-05-13')."""
    return sorted(corpus, key=lambda d: (d.published, d.doc_id))


def corpus_text(corpus):
    """An ``nltk.Text`` of all documents in date order (``nltk.word_tokenize`` tokens, punctuation kept)."""
    import nltk

    from kjpacts.nlp import words

    tokens = [t for d in documents_by_date(corpus) for t in words(d)]
    return nltk.Text(tokens, name="the five pages, oldest first")


def count_table(corpus, wanted: list[str]):
    """A table: one row per document (oldest first), its date, outlet and number of words,
    then how often each word in ``wanted`` occurs (case ignored, whole tokens)."""
    import nltk
    import pandas as pd

    from kjpacts.nlp import is_word, words

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

    from kjpacts.nlp import corpus_words

    stop = _stopwords()
    fd = nltk.FreqDist(w for w in corpus_words(_corpus(), [doc_id]) if w not in stop)
    return fd.most_common(1)[0][0]


def _finder():
    from nltk.collocations import BigramCollocationFinder

    from kjpacts.nlp import corpus_words

    stop = _stopwords()
    finder = BigramCollocationFinder.from_words(corpus_words(_corpus()))
    finder.apply_freq_filter(2)
    finder.apply_word_filter(lambda w: w in stop)
    return finder


def top_bigram(measure: str = "pmi") -> tuple[str, str]:
    from nltk.collocations import BigramAssocMeasures

    return tuple(_finder().nbest(getattr(BigramAssocMeasures(), measure), 1)[0])


def _split(target: list[str]):
    from kjpacts.nlp import corpus_words

    corpus = _corpus()
    rest = [d for d in corpus.fileids() if d not in target]
    return corpus_words(corpus, target), corpus_words(corpus, rest)


def top_keyword(doc_id: str = "yonhap-2012-06-27") -> str:
    from kjpacts.nlp import keyness

    target, reference = _split([doc_id])
    return keyness(target, reference)[0].word


def g2_official() -> float:
    from kjpacts.nlp import log_likelihood

    target, reference = _split(["yonhap-2012-06-27"])
    return log_likelihood(target.count("official"), reference.count("official"), len(target), len(reference))


# -- checks --------------------------------------------------------------------

def _check_top_word(answer) -> Feedback:
    expected = top_content_word()
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if isinstance(answer, tuple) and answer and answer[0] == expected:
        return Feedback(False, "Nearly: most_common gives (word, count) pairs. Give only the word: "
                               "fd.most_common(1)[0][0].")
    if not isinstance(answer, str):
        return Feedback(False, "Give the word as a string, e.g. \"pact\".")
    if answer.strip().lower() == expected:
        return Feedback(True, "Right: 'japan' (19 times). Type japan into the concordance explorer to see "
                              "in which roles Japan appears in this story.")
    if answer.strip().lower() in _stopwords():
        return Feedback(False, "That is a stopword. Remove the stopwords first, as in the cell above, "
                               "but for the Yonhap page only.")
    return Feedback(False, "Make a FreqDist of the Yonhap page's words without stopwords "
                           "(corpus_words(corpus, [\"yonhap-2012-06-27\"])) and ask for most_common(1).")


def _check_bigram(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if isinstance(answer, list) and len(answer) == 1 and isinstance(answer[0], tuple):
        return Feedback(False, "nbest(..., 1) gives a list with one pair in it; take the pair with [0].")
    if isinstance(answer, list) and tuple(answer) == top_bigram("pmi"):
        return Feedback(False, "Right words, but give the pair as nbest returns it: a tuple, "
                               "finder.nbest(measures.pmi, 1)[0].")
    if answer == top_bigram("likelihood_ratio"):
        return Feedback(False, "That is the top bigram by likelihood ratio. Change the measure to "
                               "measures.pmi and look again.")
    return equal(answer, top_bigram("pmi"),
                 "Use the finder from the cell above (frequency filter 2, stopwords filtered) with "
                 "finder.nbest(measures.pmi, 1)[0]. The answer is a pair of lower-case words.",
                 "Right: ('uranium', 'enrichment'). PMI rewards pairs whose words almost never occur apart; "
                 "likelihood ratio rewards pairs that are frequent too.")


def _check_keyword(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if not isinstance(answer, str):
        return Feedback(False, "Give the word as a string. keyness(...) returns a list of Keyword rows; "
                               "the first row's word is keyness(...)[0].word.")
    expected = top_keyword()
    if answer.strip().lower() == expected:
        return Feedback(True, "Right: 'government' (6 times in Yonhap, never in the other pages). Read it in "
                              "the concordance: the government keeps the approval secret and is criticised.")
    if answer.strip().lower() == top_keyword("ahram-2011-01-10"):
        return Feedback(False, "That is Ahram's strongest keyword. Put the Yonhap words first (the target) "
                               "and the other four pages second (the reference).")
    return Feedback(False, "Call keyness(target, reference) with the Yonhap words as the target and the "
                           "other four pages as the reference; the first row is the strongest keyword.")


def _check_g2(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if isinstance(answer, bool) or not isinstance(answer, float):
        return Feedback(False, "log_likelihood(...) returns a decimal number (a float); give that number.")
    expected = g2_official()
    if abs(answer - expected) < 0.01:
        return Feedback(True, f"Right: G2 = {expected:.2f}, well above 3.84, the usual 'significant' line. "
                              "Read it as 'not chance within these texts': the concordance showed that "
                              "nine of the eleven 'official' come from one unnamed source.")
    if abs(answer - 2 * expected) < 0.01 or abs(answer - expected / 2) < 0.01:
        return Feedback(False, "Off by a factor of two: let log_likelihood do the whole calculation.")
    return Feedback(False, "Four arguments, in this order: the count in Yonhap, the count in the rest, the "
                           "number of words in Yonhap, the number of words in the rest. Use .count(\"official\") "
                           "and len(...) on the two word lists of try it 04.3.")


TRYITS = [
    TryIt(
        id="04.1",
        prompt="Which content word (not a stopword) is the most frequent in the Yonhap page?",
        check=_check_top_word,
        answer='yonhap_words = corpus_words(corpus, ["yonhap-2012-06-27"])\n'
               'fd_yonhap = nltk.FreqDist(w for w in yonhap_words if w not in stop)\n'
               'answer = fd_yonhap.most_common(1)[0][0]',
        right=top_content_word,
        wrong=lambda: "the",
        explanation="'japan', 19 times, ahead of 'military' (17) and 'said' (11). 'said' is not in the "
                    "stopword list, and in a news story it is a content word of sorts: it marks attribution.",
    ),
    TryIt(
        id="04.2",
        prompt="With the same bigram finder (frequency filter 2, stopwords filtered), which pair ranks "
               "first by PMI instead of likelihood ratio?",
        check=_check_bigram,
        answer="answer = finder.nbest(measures.pmi, 1)[0]",
        right=lambda: top_bigram("pmi"),
        wrong=lambda: top_bigram("likelihood_ratio"),
        explanation="('uranium', 'enrichment'): both words occur only together, twice, in Ahram. PMI "
                    "favours such rare exclusive pairs; likelihood ratio favours frequent ones like "
                    "('south', 'korea'). Neither is 'the' right measure: they answer different questions.",
    ),
    TryIt(
        id="04.3",
        prompt="What is the strongest keyword of the Yonhap page against the other four pages?",
        check=_check_keyword,
        answer='target = corpus_words(corpus, ["yonhap-2012-06-27"])\n'
               'reference = corpus_words(corpus, [d for d in corpus.fileids() if d != "yonhap-2012-06-27"])\n'
               'answer = keyness(target, reference)[0].word',
        right=top_keyword,
        wrong=lambda: top_keyword("ahram-2011-01-10"),
        explanation="'government' (G2 about 16): 6 times in Yonhap, 0 elsewhere. Then come 'pact' and "
                    "'official'. The keywords point to what is specific to the story: a government "
                    "criticised at home and one anonymous official speaking for it.",
    ),
    TryIt(
        id="04.4",
        prompt="Compute G2 for 'official' in the Yonhap page against the other four pages with "
               "log_likelihood(a, b, total_a, total_b).",
        check=_check_g2,
        answer='answer = log_likelihood(target.count("official"), reference.count("official"),\n'
               '                        len(target), len(reference))',
        right=g2_official,
        wrong=lambda: 9.0,
        explanation="About 14.85: 9 of Yonhap's 640 words against 2 of the other pages' 1,797. If Yonhap "
                    "used 'official' at the rate of the whole corpus it would have about 2.9 of them. The "
                    "gap is real within these texts, and the concordance explains it: one anonymous "
                    "official, quoted again and again.",
    ),
]
