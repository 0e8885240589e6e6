"""Lesson 03 · From page to data: try-it checks and two small helpers.

The notebook calls :func:`untrained_punkt` (a Punkt sentence splitter that has
learnt nothing, to compare with the kit's trained one) and :func:`abbreviations`
(the abbreviations the kit's Punkt parameters know).
"""

from __future__ import annotations


from kjpacts.teaching.checks import Feedback, TryIt, equal, same_items
from kjpacts.teaching.checks import shipped_corpus as _corpus

WANTED = "Replace the ... with your answer, then run the cell again."


def untrained_punkt():
    """A Punkt sentence tokenizer with empty parameters: no abbreviations, no training."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer()


def abbreviations() -> list[str]:
    """The abbreviations (lower case, without the final period) in the kit's Punkt parameters."""
    from kjpacts.paths import package_data

    path = package_data("punkt_tab/english/abbrev_types.txt")
    return sorted(w for w in path.read_text(encoding="utf-8").split() if w)


# -- expected values, computed from the corpus --------------------------------

def curly_quote_documents() -> list[str]:
    """Documents whose raw page had curly quotation marks (the cleaning log records them)."""
    return sorted(d.doc_id for d in _corpus() if any(e.category == "quote-normalised" for e in d.edits))


def first_seouls_raw_offset() -> int:
    doc = _corpus()["koreaherald-2012-05"]
    return doc.to_raw(doc.text.index("Seoul's"))


def first_seouls_clean_offset() -> int:
    return _corpus()["koreaherald-2012-05"].text.index("Seoul's")


def extra_untrained_sentences() -> int:
    import nltk

    text = _corpus()["yonhap-2012-06-27"].text
    return len(untrained_punkt().tokenize(text)) - len(nltk.sent_tokenize(text))


def furniture_tokens() -> int:
    """How many more tokens nltk.word_tokenize finds in the raw Ahram page than in its clean text."""
    import nltk

    doc = _corpus()["ahram-2011-01-10"]
    return len(nltk.word_tokenize(doc.raw)) - len(nltk.word_tokenize(doc.text))


def _raw_ahram_tokens() -> int:
    import nltk

    return len(nltk.word_tokenize(_corpus()["ahram-2011-01-10"].raw))


def furniture_characters() -> int:
    doc = _corpus()["ahram-2011-01-10"]
    return len(doc.raw) - len(doc.text)


# -- checks --------------------------------------------------------------------

def _check_curly(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    expected = curly_quote_documents()
    if isinstance(answer, str):
        return Feedback(False, 'Give a list of document ids, like ["koreaherald-2012-05"], not a single string.')
    if isinstance(answer, (list, tuple, set)) and set(answer) <= set(expected) and answer:
        if set(answer) != set(expected):
            return Feedback(False, "Right so far, but one more page had curly quotes: some pages had only "
                                   "curly double quotes (“ ”), no curly apostrophes (’). Look for the "
                                   "category 'quote-normalised' in every document's edits.")
    return same_items(answer, expected,
                      "Look at the edit counts per document: the pages with 'quote-normalised' edits had "
                      "curly quotes. The clean text cannot tell you; the cleaning log can.",
                      "Right: only the two Korea Herald pages. Their curly quotes are house-style evidence "
                      "that the clean text no longer shows.")


def _check_raw_offset(answer) -> Feedback:
    if isinstance(answer, str):
        return Feedback(False, "Give the offset as a number, without quotes: kh.to_raw(...) gives one.")
    if type(answer) is int and answer == first_seouls_clean_offset():
        return Feedback(False, "That is where \"Seoul's\" starts in the clean text. The raw page is longer at the "
                               "top (the navigation line was removed), so convert it with doc.to_raw(...).")
    return equal(answer, first_seouls_raw_offset(),
                 "Find the clean offset with doc.text.index(\"Seoul's\"), then pass it to doc.to_raw(...). "
                 "The answer is a whole number (an int).",
                 "Right. doc.raw[297:304] is 'Seoul’s', with the curly apostrophe the page really printed.")


def _check_extra(answer) -> Feedback:
    expected = extra_untrained_sentences()
    if type(answer) is int and answer == -expected:
        return Feedback(False, "Your number has the wrong sign: subtract the kit's count from the untrained count.")
    if isinstance(answer, str):
        return Feedback(False, "Give a number, without quotes: subtract one len(...) from the other.")
    if type(answer) is int and answer == len(untrained_punkt().tokenize(_corpus()["yonhap-2012-06-27"].text)):
        return Feedback(False, "That is the untrained tokenizer's count alone. Subtract the kit's count, "
                               "len(nltk.sent_tokenize(yonhap.text)), from it.")
    return equal(answer, expected,
                 "Count both: len(untrained.tokenize(yonhap.text)) and len(nltk.sent_tokenize(yonhap.text)), "
                 "then subtract. The answer is a whole number.",
                 "Right: every extra 'sentence' comes from a period that is not a sentence end "
                 "(U.S. five times, Rep. once).")


def _check_furniture(answer) -> Feedback:
    if answer is None or answer is Ellipsis:
        return Feedback(False, WANTED)
    if type(answer) is int and answer == furniture_characters():
        return Feedback(False, "That is the difference in characters (len of the strings). Count tokens: "
                               "len(nltk.word_tokenize(...)) of the raw page minus that of the clean text.")
    if type(answer) is int and answer == -furniture_tokens():
        return Feedback(False, "Your number has the wrong sign: raw minus clean.")
    if isinstance(answer, str):
        return Feedback(False, "Give a number, without quotes: subtract one len(...) from the other.")
    if type(answer) is int and answer == _raw_ahram_tokens():
        return Feedback(False, "That is the raw page's count alone. Subtract the clean count, "
                               "len(nltk.word_tokenize(ahram.text)), from it.")
    return equal(answer, furniture_tokens(),
                 "Tokenize both texts with nltk.word_tokenize, count each list with len(...), and subtract "
                 "the clean count from the raw count. The answer is a whole number.",
                 "Right: 56 tokens of page furniture, among them '2021', 'Views', '858' (twice) and 'AP'.")


TRYITS = [
    TryIt(
        id="03.1",
        prompt="Which documents' raw pages used curly quotation marks? Give a list of document ids.",
        check=_check_curly,
        answer='answer = ["koreaherald-2012-05", "koreaherald-2012-05-13"]\n'
               '# or: [d.doc_id for d in corpus if any(e.category == "quote-normalised" for e in d.edits)]',
        right=lambda: ["koreaherald-2012-05-13", "koreaherald-2012-05"],
        wrong=lambda: ["koreaherald-2012-05"],
        explanation="Both Korea Herald pages used curly quotes: koreaherald-2012-05 curly apostrophes and "
                    "double quotes, koreaherald-2012-05-13 curly double quotes only. The other three pages "
                    "used straight marks. After cleaning, every page has straight marks, so only the "
                    "cleaning log keeps this house-style evidence.",
    ),
    TryIt(
        id="03.3",
        prompt="At which offset of the raw page does the first \"Seoul's\" of koreaherald-2012-05 start?",
        check=_check_raw_offset,
        answer='kh = corpus["koreaherald-2012-05"]\nanswer = kh.to_raw(kh.text.index("Seoul\'s"))',
        right=first_seouls_raw_offset,
        wrong=first_seouls_clean_offset,
        explanation="The clean offset is 284; the raw offset is 297, because 'Back To Top' and a blank "
                    "line (13 characters) were removed from the top of the page. doc.to_raw() walks the "
                    "cleaning log to convert between the two.",
    ),
    TryIt(
        id="03.4",
        prompt="How many more sentences does an untrained Punkt tokenizer find in the Yonhap page than "
               "the kit's nltk.sent_tokenize?",
        check=_check_extra,
        answer='untrained = l03.untrained_punkt()\nyonhap = corpus["yonhap-2012-06-27"]\n'
               'answer = len(untrained.tokenize(yonhap.text)) - len(nltk.sent_tokenize(yonhap.text))',
        right=extra_untrained_sentences,
        wrong=lambda: 0,
        explanation="Six extra breaks: after 'U.S.' five times ('U.S. forces', 'the U.S. Forces Japan', "
                    "'the U.S. Forces Korea', '28,500 U.S. troops', '35,000 U.S. troops') and after 'Rep.' "
                    "before Kim Eul-dong. The kit's parameters list u.s and rep as abbreviations.",
    ),
    TryIt(
        id="03.2",
        prompt="How many more tokens does nltk.word_tokenize find in the raw Ahram page than in its clean text?",
        check=_check_furniture,
        answer='ahram = corpus["ahram-2011-01-10"]\n'
               'answer = len(nltk.word_tokenize(ahram.raw)) - len(nltk.word_tokenize(ahram.text))',
        right=furniture_tokens,
        wrong=furniture_characters,
        explanation="56 tokens: the 'Last Update' header with its 2021 date, the photo title and caption "
                    "(with AP's credit), two view counters, 'Short link:' and the "
                    "copyright line. Without cleaning they would all be counted as the article's words.",
    ),
]
