"""kjpacts.corpus.load and kjpacts.corpus.files in process: the Corpus object against the corpus
files read directly, and the exact one-line error for each broken file (copies of the corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.corpus.files import load_documents_json, read_clean, read_clean_texts, read_raw
from kjpacts.corpus.load import Corpus, load, shared_corpus
from kjpacts.errors import CorpusError

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
IDS = sorted(d["doc_id"] for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"])
W = "wapo-2011-01-11"


def _error(root: Path) -> str:
    with pytest.raises(CorpusError) as err:
        load(root)
    return str(err.value)


def test_corpus_is_the_documents_in_id_order(corpus):
    assert corpus.fileids() == IDS and [d.doc_id for d in corpus] == IDS and len(corpus) == len(IDS)
    assert repr(corpus) == f"<Corpus {len(IDS)} documents from {corpus.root}>"
    assert corpus[W].text == (CORPUS / "clean" / f"{W}.txt").read_text(encoding="utf-8")
    with pytest.raises(KeyError) as err:
        corpus["wapo"]
    assert err.value.args[0] == f"no document 'wapo'; choose one of {', '.join(IDS)}"
    assert list(corpus.frame().index) == IDS and corpus.frame("timex").shape[0] > 0
    assert corpus.reader().fileids() == sorted(f"{d}.txt" for d in IDS)


def test_shared_corpus_is_one_per_folder(corpus_copy):
    assert shared_corpus() is shared_corpus(CORPUS) and shared_corpus(str(CORPUS)) is shared_corpus()
    other = shared_corpus(corpus_copy)
    assert other is not shared_corpus() and other.root == corpus_copy.resolve() and isinstance(other, Corpus)


def test_files_readers(corpus_copy):
    metas = load_documents_json(corpus_copy)
    assert [m["doc_id"] for m in metas] == [d["doc_id"] for d in json.loads((CORPUS / "documents.json").read_text("utf-8"))["documents"]]
    meta = next(m for m in metas if m["doc_id"] == W)
    assert read_raw(corpus_copy, meta) == (CORPUS / meta["source_file"]).read_text(encoding="utf-8")
    assert read_clean(corpus_copy, W) == (CORPUS / "clean" / f"{W}.txt").read_text(encoding="utf-8")
    assert read_clean_texts(corpus_copy) == {d: (CORPUS / "clean" / f"{d}.txt").read_text(encoding="utf-8") for d in
                                             [m["doc_id"] for m in metas]}
    (corpus_copy / meta["source_file"]).unlink()
    with pytest.raises(CorpusError) as err:
        read_raw(corpus_copy, meta)
    assert str(err.value) == f"{meta['source_file']}: source_file: raw page is missing; restore it from ../shared/seeds"
    (corpus_copy / "clean" / f"{W}.txt").unlink()
    with pytest.raises(CorpusError) as err:
        read_clean(corpus_copy, W)
    assert str(err.value) == f"clean/{W}.txt: -: file is missing; run `kjpacts build` to regenerate it"


def test_missing_folder_and_bad_ids(tmp_path, corpus_copy):
    assert _error(tmp_path / "nowhere") == f"{tmp_path / 'nowhere'}: -: corpus folder not found"
    path = corpus_copy / "documents.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"][2]["doc_id"] = data["documents"][0]["doc_id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _error(corpus_copy) == (f"documents.json: documents[2].doc_id: duplicate id {data['documents'][0]['doc_id']!r}; "
                                   "ids must be unique")
    data["documents"][2]["doc_id"] = ""
    path.write_text(json.dumps(data), encoding="utf-8")
    assert _error(corpus_copy) == "documents.json: documents[2].doc_id: missing document id"


def test_a_clean_text_that_does_not_match_its_log(corpus_copy):
    path = corpus_copy / "clean" / f"{W}.txt"
    path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert _error(corpus_copy) == (f"clean/{W}.txt: clean_sha256: clean text does not match the hash in "
                                   f"cleaning/{W}.json; run `kjpacts build`")


def _edit_log(root: Path, change) -> None:
    path = root / "cleaning" / f"{W}.json"
    log = json.loads(path.read_text(encoding="utf-8"))
    change(log["edits"])
    path.write_text(json.dumps(log, ensure_ascii=False), encoding="utf-8")


def test_a_log_that_does_not_rebuild_the_raw_page(corpus_copy):
    _edit_log(corpus_copy, lambda edits: edits.pop())
    assert _error(corpus_copy) == (f"cleaning/{W}.json: edits: clean text plus log does not rebuild the raw page; "
                                   "run `kjpacts build`")


def test_a_log_record_with_an_unknown_field(corpus_copy):
    _edit_log(corpus_copy, lambda edits: edits[0].update(colour="red"))
    assert _error(corpus_copy).startswith(f"cleaning/{W}.json: edits: ") and "colour" in _error(corpus_copy)
    assert _error(corpus_copy).endswith("; run `kjpacts build`")


def _edit_structure(root: Path, i: int, **changes) -> None:
    path = root / "structure" / f"{W}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][i].update(changes)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_structure_offsets_beyond_the_text_and_text_that_does_not_match(corpus_copy):
    length = len((CORPUS / "clean" / f"{W}.txt").read_text(encoding="utf-8"))
    _edit_structure(corpus_copy, 1, end=length + 1)
    seg = json.loads((corpus_copy / "structure" / f"{W}.json").read_text(encoding="utf-8"))["segments"][1]
    assert _error(corpus_copy) == (f"structure/{W}.json: segments[1].end: offset {seg['start']}-{length + 1} is beyond "
                                   f"the text (length {length}); run `kjpacts build`")
    _edit_structure(corpus_copy, 1, end=seg["start"] - 1)
    assert _error(corpus_copy).startswith(f"structure/{W}.json: segments[1].end: offset {seg['start']}-{seg['start'] - 1} ")
    _edit_structure(corpus_copy, 1, start=-1, end=5)
    assert _error(corpus_copy).startswith(f"structure/{W}.json: segments[1].end: offset -1-5 ")
    _edit_structure(corpus_copy, 1, start=0, end=length)  # fits, but is not the byline's text
    assert _error(corpus_copy) == (f"structure/{W}.json: segments[1].text: span text does not match the clean text; "
                                   "run `kjpacts build`")


def test_a_segment_may_end_at_the_end_of_the_text(corpus_copy):
    text = (CORPUS / "clean" / f"{W}.txt").read_text(encoding="utf-8")
    _edit_structure(corpus_copy, 1, start=len(text) - 3, end=len(text), text=text[-3:])
    assert load(corpus_copy)[W].segments[1].text == text[-3:]


def test_a_raw_page_that_is_not_utf8_is_named(tmp_path):
    import hashlib

    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "p.txt").write_bytes(b"ok \xff")
    meta = {"source_file": "raw/p.txt", "raw_sha256": hashlib.sha256(b"ok \xff").hexdigest()}
    with pytest.raises(CorpusError) as err:
        read_raw(tmp_path, meta)
    assert str(err.value) == "raw/p.txt: encoding: not valid UTF-8 (invalid start byte at byte 3); re-save it as UTF-8"
    meta["raw_sha256"] = "0" * 64
    with pytest.raises(CorpusError) as err:
        read_raw(tmp_path, meta)
    assert str(err.value) == ("raw/p.txt: raw_sha256: raw page does not match its recorded SHA-256; restore the original "
                              "bytes")


@pytest.mark.parametrize("doc_id", IDS)
def test_segments_captions_and_edits_are_the_files_read_directly(doc_id):
    from kjpacts.corpus.load import load_document

    structure = json.loads((CORPUS / "structure" / f"{doc_id}.json").read_text(encoding="utf-8"))
    log = json.loads((CORPUS / "cleaning" / f"{doc_id}.json").read_text(encoding="utf-8"))
    doc = load_document(CORPUS, next(m for m in load_documents_json(CORPUS) if m["doc_id"] == doc_id))
    assert [(s.kind, s.start, s.end, s.text) for s in doc.segments] == \
        [(s["kind"], s["start"], s["end"], s["text"]) for s in structure["segments"]]
    assert list(doc.captions) == structure["captions"]
    assert [e.to_json() for e in doc.edits] == log["edits"]
    assert doc.raw == (CORPUS / log["source_file"]).read_bytes().decode("utf-8")  # the page as scraped
    assert doc.text == (CORPUS / "clean" / f"{doc_id}.txt").read_bytes().decode("utf-8")


def test_the_ahram_page_keeps_its_photo_caption():
    from kjpacts.corpus.load import load_document

    meta = next(m for m in load_documents_json(CORPUS) if m["doc_id"] == "ahram-2011-01-10")
    assert len(load_document(CORPUS, meta).captions) == 1  # counted in structure/ahram-2011-01-10.json by hand


def test_a_missing_structure_file_is_named(corpus_copy):
    (corpus_copy / "structure" / f"{W}.json").unlink()
    assert f"structure/{W}.json" in _error(corpus_copy)


def test_an_unreadable_layer_file_means_not_as_built(corpus_copy):
    from kjpacts.corpus.load import annotations_as_built

    texts = read_clean_texts(corpus_copy)
    assert annotations_as_built(corpus_copy, texts) is True
    layer = corpus_copy / "annotations" / "quotes" / f"{W}.json"
    layer.unlink()
    layer.mkdir()  # the recorded name is still there, but it cannot be read
    assert annotations_as_built(corpus_copy, texts) is False
