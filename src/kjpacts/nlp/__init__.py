"""Text analysis on stock NLTK, with offsets into the clean text.

- :mod:`.tokens`: sentences (structure first, then Punkt) and words (``nltk.word_tokenize``);
- :mod:`.keywords`: Dunning's log-likelihood keywords;
- :mod:`.reuse`: shared word n-grams between documents (text reuse);
- :mod:`.citations`: ``(doc_id: "exact words")`` citations found and checked against the texts.

NLTK is imported on first use, so importing this package is cheap.
"""

from __future__ import annotations

from .keywords import Keyword, keyness, log_likelihood
from .reuse import ngrams_with_offsets, shared_ngrams
from .tokens import Sentence, corpus_words, is_word, sentences, words

__all__ = ["Keyword", "Sentence", "corpus_words", "is_word", "keyness", "log_likelihood", "ngrams_with_offsets",
           "sentences", "shared_ngrams", "words"]
