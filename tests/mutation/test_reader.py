"""kjpacts.corpus.reader in process: file ids, categories, tokenizers and the corpus-folder files,
with expected values read from the corpus folder directly (json, os) or written here by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.corpus.load import load
from kjpacts.corpus.reader import KitSentenceTokenizer, categories_of, corpus_reader

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DOCS = json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]


def test_categories_of_each_grouping_from_hand_written_metadata():
    meta = {"outlet_id": "yonhap", "agency": "Yonhap", "published": "2012-06-27"}
    assert categories_of(meta) == ["outlet:yonhap"]
    assert categories_of(meta, "agency") == ["agency:yonhap"]
    assert categories_of(meta, "year") == ["year:2012"]
    assert categories_of(meta, "all") == ["outlet:yonhap", "agency:yonhap", "year:2012"]
    staff = {"outlet_id": "korea-herald", "agency": None, "published": "2012-05"}
    assert categories_of(staff, "agency") == ["agency:none"]
    assert categories_of({"outlet_id": "x", "published": "2011-01-10"}, "agency") == ["agency:none"]


def test_unknown_grouping_is_a_one_line_error_naming_it_and_the_choices():
    with pytest.raises(ValueError) as err:
        categories_of({"outlet_id": "x", "published": "2011"}, "decade")
    assert str(err.value) == "unknown categories 'decade'; use one of: outlet, agency, year, all"


def test_file_ids_and_outlet_categories_match_documents_json(corpus):
    reader = corpus_reader(corpus)
    assert reader.fileids() == sorted(p.name for p in (CORPUS / "clean").glob("*.txt"))
    assert reader.categories() == sorted({f"outlet:{d['outlet_id']}" for d in DOCS})
    for d in DOCS:
        assert reader.categories(f"{d['doc_id']}.txt") == [f"outlet:{d['outlet_id']}"]


@pytest.mark.parametrize("grouping", ["agency", "year", "all"])
def test_other_groupings_put_each_file_where_documents_json_says(corpus, grouping):
    reader = corpus_reader(corpus, categories=grouping)
    for d in DOCS:
        every = {"outlet": f"outlet:{d['outlet_id']}", "agency": f"agency:{(d['agency'] or 'none').lower()}",
                 "year": f"year:{d['published'][:4]}"}
        want = sorted(every.values()) if grouping == "all" else [every[grouping]]
        assert sorted(reader.categories(f"{d['doc_id']}.txt")) == want


def test_default_tokenizers_are_punkt_sentences_and_wordpunct_words(corpus):
    import nltk
    from nltk.tokenize import WordPunctTokenizer

    reader = corpus_reader(corpus)
    fid = "yonhap-2012-06-27.txt"
    text = (CORPUS / "clean" / fid).read_text(encoding="utf-8")
    assert list(reader.words(fid)) == WordPunctTokenizer().tokenize(text)
    paras = [p for p in text.split("\n\n") if p.strip()]  # NLTK reads blank-line blocks, then sentences
    want = [" ".join(WordPunctTokenizer().tokenize(s)) for p in paras for s in nltk.sent_tokenize(p)]
    assert [" ".join(s) for s in reader.sents(fid)] == want
    assert KitSentenceTokenizer().tokenize("One. Two here.") == ["One.", "Two here."]


def test_tokenizers_passed_in_are_the_ones_used(corpus):
    from nltk.tokenize import LineTokenizer, WhitespaceTokenizer

    fid = "wapo-2011-01-11.txt"
    text = (CORPUS / "clean" / fid).read_text(encoding="utf-8")
    reader = corpus_reader(corpus, sent_tokenizer=LineTokenizer(), word_tokenizer=WhitespaceTokenizer())
    assert list(reader.words(fid)) == text.split()
    assert [" ".join(s) for s in reader.sents(fid)] == [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_readme_license_and_citation_are_the_corpus_folder_files(corpus):
    reader = corpus_reader(corpus)
    assert reader.readme() == (CORPUS / "DATASHEET.md").read_text(encoding="utf-8")
    assert reader.license() == (CORPUS / "RIGHTS.md").read_text(encoding="utf-8")
    assert reader.citation() == (CORPUS / "citation.bib").read_text(encoding="utf-8")


def test_a_fresh_corpus_folder_is_readable_and_a_missing_file_is_named(corpus_copy):
    (corpus_copy / "citation.bib").unlink()
    reader = corpus_reader(load(corpus_copy))  # a folder NLTK has not seen: the reader must add it
    fid = "ahram-2011-01-10.txt"
    assert reader.raw(fid) == (corpus_copy / "clean" / fid).read_text(encoding="utf-8")
    with pytest.raises(FileNotFoundError) as err:
        reader.citation()
    assert str(err.value) == f"{corpus_copy / 'citation.bib'}: the corpus folder has no citation.bib; restore it"
