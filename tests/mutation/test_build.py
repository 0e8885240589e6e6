"""kjpacts.corpus.build in process: structure segments and the dateline from hand-written texts,
GUIDELINES.md and the agreement files on small folders, and build() against the shipped files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kjpacts.corpus.build import GUIDELINES_INTRO, PAGE_LEVEL, agreement_files, build, guidelines_text, segments
from kjpacts.errors import CorpusError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_segments_and_the_dateline():
    clean = "Head\n\nBy Kim\n\nSEOUL, June 27 -- Text.\n\nMore.\n"
    assert segments(clean, ["headline", "byline", "paragraph", "paragraph"],
                    {"doc_id": "d", "dateline_as_printed": "SEOUL, June 27 --"}) == [
        {"kind": "headline", "start": 0, "end": 4, "text": "Head"},
        {"kind": "byline", "start": 6, "end": 12, "text": "By Kim"},
        {"kind": "paragraph", "start": 14, "end": 37, "text": "SEOUL, June 27 -- Text."},
        {"kind": "dateline", "start": 14, "end": 31, "text": "SEOUL, June 27 --"},
        {"kind": "paragraph", "start": 39, "end": 44, "text": "More."},
    ]
    assert [s["kind"] for s in segments(clean, ["headline", "byline", "paragraph", "paragraph"], {"doc_id": "d"})] == [
        "headline", "byline", "paragraph", "paragraph"]
    with pytest.raises(CorpusError) as err:
        segments(clean, ["headline", "byline", "paragraph", "paragraph"], {"doc_id": "d", "dateline_as_printed": "TOKYO -"})
    assert str(err.value) == "documents.json: d.dateline_as_printed: 'TOKYO -' does not open the first body paragraph"


def test_guidelines_text_joins_the_sections_in_order(tmp_path):
    assert guidelines_text(tmp_path) is None
    (tmp_path / "guidelines").mkdir()
    (tmp_path / "guidelines" / "time.md").write_text("\n# Time\n\nT.\n\n", encoding="utf-8")
    (tmp_path / "guidelines" / "entities.md").write_text("# Entities\n", encoding="utf-8")
    (tmp_path / "guidelines" / "notes.md").write_text("# Not a section\n", encoding="utf-8")
    assert guidelines_text(tmp_path) == "\n".join([GUIDELINES_INTRO, "# Entities\n", "# Time\n\nT.\n", PAGE_LEVEL])


def test_the_shipped_guidelines_and_agreement_files_are_what_build_makes():
    assert guidelines_text(CORPUS) == (CORPUS / "GUIDELINES.md").read_text(encoding="utf-8")
    files = agreement_files(CORPUS)
    assert sorted(files) == ["DATASHEET.md", "agreement/agreement.json"]
    for rel, text in files.items():
        assert text == (CORPUS / rel).read_text(encoding="utf-8"), rel


def test_agreement_files_need_both_passes_and_the_datasheet(corpus_copy):
    sheet = (corpus_copy / "DATASHEET.md").read_text(encoding="utf-8")
    (corpus_copy / "DATASHEET.md").write_text(sheet.replace("<!-- agreement:end -->", "stale\n<!-- agreement:end -->"),
                                              encoding="utf-8")
    assert agreement_files(corpus_copy)["DATASHEET.md"] == sheet  # the block between the markers is rewritten
    for missing in ("agreement/pass2", "agreement/pass1", "DATASHEET.md"):
        path = corpus_copy / missing
        shutil.rmtree(path) if path.is_dir() else path.unlink()
        assert agreement_files(corpus_copy) == {}, missing


def test_build_writes_only_what_differs_and_check_writes_nothing(corpus_copy):
    assert build(corpus_copy, check=True) == [] and build(corpus_copy) == []
    clean = corpus_copy / "clean" / "wapo-2011-01-11.txt"
    clean.write_bytes(b"\xffstale")
    (corpus_copy / "structure" / "yonhap-2012-06-27.json").unlink()
    assert build(corpus_copy, check=True) == ["structure/yonhap-2012-06-27.json", "clean/wapo-2011-01-11.txt"]  # documents.json order
    assert clean.read_bytes() == b"\xffstale"
    assert build(corpus_copy) == ["structure/yonhap-2012-06-27.json", "clean/wapo-2011-01-11.txt"]  # documents.json order
    assert clean.read_bytes() == (CORPUS / "clean" / "wapo-2011-01-11.txt").read_bytes()
    assert (corpus_copy / "structure" / "yonhap-2012-06-27.json").read_bytes() == \
        (CORPUS / "structure" / "yonhap-2012-06-27.json").read_bytes()


def test_each_page_derives_to_the_committed_clean_log_and_structure_files():
    """derive_document on each raw page gives, byte for byte, the reviewed files committed beside it
    (the expected values are the files in the repository, read directly)."""
    import json

    from kjpacts.corpus.build import derive_document

    corpus = Path(__file__).resolve().parents[2] / "corpus"
    docs = json.loads((corpus / "documents.json").read_text(encoding="utf-8"))
    docs = docs["documents"] if isinstance(docs, dict) else docs
    assert len(docs) == 5
    for meta in docs:
        raw = (corpus / meta["source_file"]).read_bytes().decode("utf-8")
        files = derive_document(raw, meta)
        assert sorted(files) == sorted([f"clean/{meta['doc_id']}.txt", f"cleaning/{meta['doc_id']}.json",
                                        f"structure/{meta['doc_id']}.json"])
        for rel, text in files.items():
            assert (corpus / rel).read_bytes() == text.encode("utf-8"), rel


def test_a_stale_guidelines_file_is_one_build_rewrites(corpus_copy):
    (corpus_copy / "GUIDELINES.md").write_text("stale\n", encoding="utf-8")
    assert build(corpus_copy, check=True) == ["GUIDELINES.md"]
    assert (corpus_copy / "GUIDELINES.md").read_text(encoding="utf-8") == "stale\n"  # check writes nothing
