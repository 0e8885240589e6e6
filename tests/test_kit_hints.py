"""Kit functions that students call explain the commonest wrong types in one line (issue 14)."""

from __future__ import annotations

import pytest

from kjpacts.nlp import corpus_words, keyness, log_likelihood, sentences, shared_ngrams, words
from kjpacts.nlp.names import find_names


def test_one_doc_id_where_a_list_is_due(corpus):
    with pytest.raises(TypeError, match=r"corpus_words takes a list of doc ids: write \['yonhap-2012-06-27'\]"):
        corpus_words(corpus, "yonhap-2012-06-27")


@pytest.mark.parametrize("call", [sentences, words, lambda d: shared_ngrams(d, d, 4)], ids=["sentences", "words", "shared_ngrams"])
def test_a_doc_id_where_a_document_is_due(call):
    with pytest.raises(TypeError, match=r"takes a document, for example corpus\['wapo-2011-01-11'\]"):
        call("wapo-2011-01-11")


def test_shared_ngrams_needs_a_whole_n(corpus):
    with pytest.raises(TypeError, match="whole number of words"):
        shared_ngrams(corpus["wapo-2011-01-11"], corpus["ahram-2011-01-10"], "4")


def test_keyness_and_log_likelihood_name_what_they_take(corpus):
    with pytest.raises(TypeError, match="two lists of words"):
        keyness("the text", ["a"])
    with pytest.raises(TypeError, match="four numbers .* not list"):
        log_likelihood(["official"], 2, 640, 1797)
    assert round(log_likelihood(9, 2, 640, 1797), 2) == 14.85  # hand-checked in lesson 04's answer key
    import numpy as np

    assert round(log_likelihood(np.int64(9), np.int64(2), 640, 1797), 2) == 14.85  # pandas counts are numpy ints


def test_find_names_names_its_arguments():
    with pytest.raises(TypeError, match="the gazetteer must be a dict"):
        find_names("Seoul", ["Seoul"])
    with pytest.raises(TypeError, match="give the text as a string"):
        find_names(None, {"Seoul": "place"})
