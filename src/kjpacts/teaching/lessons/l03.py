"""Lesson 03 · From page to data: try-it checks and two small helpers.

The notebook calls :func:`untrained_punkt` (a Punkt sentence splitter that has
learnt nothing, to compare with the kit's trained one) and :func:`abbreviations`
(the abbreviations the kit's Punkt parameters know).
"""

from __future__ import annotations

from kjpacts.paths import package_data
from kjpacts.teaching.checks import (
    Feedback,
    TryIt,
    doc_id_list_hint,
    number,
    same_items,
)
from kjpacts.teaching.checks import shipped_corpus as _corpus


def untrained_punkt():
    """A Punkt sentence tokenizer with empty parameters: no abbreviations, no training."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer()


def abbreviations() -> list[str]:
    """The abbreviations (lower case, without the final period) in the kit's Punkt parameters."""

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

SETUP = """
import nltk
import kjpacts
from kjpacts.teaching.lessons import l03
corpus = kjpacts.load()
kh = corpus["koreaherald-2012-05"]
yonhap = corpus["yonhap-2012-06-27"]
wapo = corpus["wapo-2011-01-11"]
ahram = corpus["ahram-2011-01-10"]
untrained = l03.untrained_punkt()
"""


def _check_curly(answer) -> Feedback:
    expected = curly_quote_documents()
    hint = doc_id_list_hint(answer, "Look for the category 'quote-normalised' in each document's edits.")
    if hint is not None:
        return hint
    if isinstance(answer, (list, tuple, set)) and answer and set(answer) < set(expected):
        return Feedback(False, f"Right so far, but {len(expected) - len(set(answer))} more page(s) had curly "
                               "quotes: some pages had only curly double quotes (“ ”), no curly apostrophes (’). "
                               "Look for the category 'quote-normalised' in every document's edits.")
    outlets = sorted({_corpus()[d].outlet for d in expected})
    return same_items(answer, expected,
                      "Look at the edit counts per document: the pages with 'quote-normalised' edits had "
                      "curly quotes. The clean text cannot tell you; the cleaning log can.",
                      f"Right: {len(expected)} pages, all from {', '.join(outlets)}. Their curly quotes are "
                      "house-style evidence that the clean text no longer shows.")


def _check_raw_offset(answer) -> Feedback:
    expected = first_seouls_raw_offset()
    doc = _corpus()["koreaherald-2012-05"]
    return number(answer, expected,
                  "Find the clean offset of \"Seoul's\" in kh.text, then convert it with kh.to_raw(...).",
                  f"Right. kh.raw[{expected}:{expected + 7}] is {doc.raw[expected:expected + 7]!r}, with the "
                  "apostrophe the page really printed.",
                  wrong={first_seouls_clean_offset(): "That is where \"Seoul's\" starts in the clean text. The raw "
                         "page is longer at the top (the navigation line was removed), so convert it with "
                         "kh.to_raw(...)."})


def _check_extra(answer) -> Feedback:
    expected = extra_untrained_sentences()
    text = _corpus()["yonhap-2012-06-27"].text
    return number(answer, expected,
                  "Count the sentences both ways (the untrained tokenizer and nltk.sent_tokenize) and subtract: "
                  "untrained minus kit.",
                  f"Right: {expected} extra 'sentences', each from a period that is not a sentence end "
                  f"(U.S. {text.count('U.S. ')} times in the text, Rep. {text.count('Rep. ')}).",
                  wrong={len(untrained_punkt().tokenize(text)): "That is the untrained tokenizer's count alone. "
                         "Subtract the kit's count from it."})


def _check_furniture(answer) -> Feedback:
    expected = furniture_tokens()
    return number(answer, expected,
                  "Tokenize both texts with nltk.word_tokenize, count each list with len(...), and subtract "
                  "the clean count from the raw count.",
                  f"Right: {expected} tokens of page furniture, among them the 'Last Update' date, the view "
                  "counters and the photo credit.",
                  wrong={furniture_characters(): "That is the difference in characters (len of the strings). "
                         "Count tokens: tokenize with nltk.word_tokenize first.",
                         _raw_ahram_tokens(): "That is the raw page's count alone. Subtract the clean count."})


TRYITS = [
    TryIt(
        id="03.1",
        skill="read the cleaning log",
        prompt="Which documents' raw pages used curly quotation marks? Give a list of document ids.",
        check=_check_curly,
        answer='answer = [d.doc_id for d in corpus if any(e.category == "quote-normalised" for e in d.edits)]',
        wrongs=(('answer = ["koreaherald-2012-05"]', "more page"), ('answer = "koreaherald-2012-05"', "not a single string"),
                ('answer = ["wapo-2011-01-11"]', "should not be there")),
        explanation="Both Korea Herald pages used curly quotes: koreaherald-2012-05 curly apostrophes and "
                    "double quotes, koreaherald-2012-05-13 curly double quotes only. The other three pages "
                    "used straight marks. After cleaning, every page has straight marks, so only the "
                    "cleaning log keeps this house-style evidence.",
    ),
    TryIt(
        id="03.2",
        skill="measure what cleaning removed, in tokens",
        prompt="How many more tokens does nltk.word_tokenize find in the raw Ahram page than in its clean text?",
        check=_check_furniture,
        answer="answer = len(nltk.word_tokenize(ahram.raw)) - len(nltk.word_tokenize(ahram.text))",
        wrongs=(("answer = len(ahram.raw) - len(ahram.text)", "difference in characters"),
                ("answer = len(nltk.word_tokenize(ahram.text)) - len(nltk.word_tokenize(ahram.raw))", "wrong sign"),
                ("answer = len(nltk.word_tokenize(ahram.raw))", "raw page's count alone"),
                ("def answer():\n    return nltk.word_tokenize(ahram.raw) - nltk.word_tokenize(ahram.text)",
                 "len(...) first")),
        explanation="56 tokens: the 'Last Update' header with its 2021 date, the photo title and caption "
                    "(with AP's credit), two view counters, 'Short link:' and the "
                    "copyright line. Without cleaning they would all be counted as the article's words.",
    ),
    TryIt(
        id="03.3",
        skill="convert a clean offset to a raw offset",
        prompt="At which offset of the raw page does the first \"Seoul's\" of koreaherald-2012-05 start?",
        check=_check_raw_offset,
        answer='answer = kh.to_raw(kh.text.index("Seoul\'s"))',
        wrongs=(('answer = kh.text.index("Seoul\'s")', "clean text"), ('answer = str(kh.to_raw(kh.text.index("Seoul\'s")))', "it is text"),
                ('def answer():\n    return kh.raw.index("Seoul\'s")', "substring not found")),
        open_code=False,
        explanation="The clean offset is 284; the raw offset is 297, because 'Back To Top' and a blank "
                    "line (13 characters) were removed from the top of the page. doc.to_raw() walks the "
                    "cleaning log to convert between the two.",
    ),
    TryIt(
        id="03.4",
        skill="compare two sentence tokenizers",
        prompt="How many more sentences does an untrained Punkt tokenizer find in the Yonhap page than "
               "the kit's nltk.sent_tokenize?",
        check=_check_extra,
        answer="answer = len(untrained.tokenize(yonhap.text)) - len(nltk.sent_tokenize(yonhap.text))",
        wrongs=(("answer = 0", "Count the sentences both ways"), ("answer = len(untrained.tokenize(yonhap.text))", "alone"),
                ("answer = len(nltk.sent_tokenize(yonhap.text)) - len(untrained.tokenize(yonhap.text))", "wrong sign")),
        explanation="Six extra breaks: after 'U.S.' five times ('U.S. forces', 'the U.S. Forces Japan', "
                    "'the U.S. Forces Korea', '28,500 U.S. troops', '35,000 U.S. troops') and after 'Rep.' "
                    "before Kim Eul-dong. The kit's parameters list u.s and rep as abbreviations.",
    ),
]
