"""Sentences and words, with offsets into the clean text.

Sentences are split by structure first (headline, byline and date lines are
never merged with the body, since Punkt ignores line breaks), then by Punkt.

>>> import kjpacts
>>> from kjpacts.nlp import sentences
>>> doc = kjpacts.load()["wapo-2011-01-11"]
>>> [s.text for s in sentences(doc)][:2]
['Japan, S. Korea seek to boost military relations', 'Washington Post Foreign Service']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from kjpacts.nltk_setup import setup_nltk

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus
    from kjpacts.corpus.model import Document


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    start: int
    end: int
    text: str
    segment: str  # the structure kind it belongs to


def _punkt():
    from nltk.tokenize.punkt import PunktTokenizer

    setup_nltk()
    return PunktTokenizer("english")


_tokenizer = None


def need_document(doc: object, function: str, needs: str = "segments") -> None:
    """A one-line TypeError when a student passes a doc id (or text) where a document is due.
    ``needs``: the attribute the function reads (any object with it will do)."""
    if isinstance(doc, str):
        raise TypeError(f"{function} takes a document, for example corpus[{doc[:40]!r}], not text or an id")
    if not hasattr(doc, needs):
        raise TypeError(f"{function} takes a document from the corpus (corpus[\"doc-id\"]), not {type(doc).__name__}")


def sentences(doc: "Document") -> list[Sentence]:
    """Every sentence of ``doc`` with clean-text offsets, split by structure then Punkt."""
    need_document(doc, "sentences")
    global _tokenizer
    if _tokenizer is None:
        _tokenizer = _punkt()
    out = []
    for seg in doc.segments:
        if seg.kind == "dateline":
            continue
        for start, end in _tokenizer.span_tokenize(seg.text):
            out.append(Sentence(doc.doc_id, seg.start + start, seg.start + end, seg.text[start:end], seg.kind))
    return out


def words(doc: "Document", lower: bool = False) -> list[str]:
    """Word tokens of ``doc`` (``nltk.word_tokenize`` per sentence), punctuation included."""
    import nltk

    need_document(doc, "words")
    toks = [t for s in sentences(doc) for t in nltk.word_tokenize(s.text)]
    return [t.lower() for t in toks] if lower else toks


def is_word(token: str) -> bool:
    """True for tokens with a letter or digit (drops punctuation)."""
    return any(ch.isalnum() for ch in token)


def corpus_words(corpus: "Corpus", doc_ids: Iterable[str] | None = None, lower: bool = True) -> list[str]:
    """Alphanumeric word tokens over several documents (``doc_ids``: a list of ids; None: all)."""
    if isinstance(doc_ids, str):  # the commonest slip: one id where a list of ids is due
        raise TypeError(f"corpus_words takes a list of doc ids: write [{doc_ids!r}] with square brackets, "
                        f"not {doc_ids!r} alone")
    ids = list(doc_ids) if doc_ids is not None else corpus.fileids()
    return [w for d in ids for w in words(corpus[d], lower=lower) if is_word(w)]
