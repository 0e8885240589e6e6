"""Foundation: raw layer, clean layer, cleaning log, metadata facts, loader."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import subprocess
import sys

import pytest

from kjpacts.corpus.build import build_files
from kjpacts.corpus.cleaning import EDIT_CATEGORIES, rebuild_raw

from .conftest import CORPUS, ROOT, SEEDS, in_ci

DOC_IDS = ["ahram-2011-01-10", "koreaherald-2012-05", "koreaherald-2012-05-13", "wapo-2011-01-11", "yonhap-2012-06-27"]


def test_raw_pages_are_the_seeds_byte_for_byte(corpus):
    if not SEEDS.is_dir():
        if in_ci():
            pytest.fail(f"{SEEDS} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{SEEDS} not present")
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        ours = CORPUS / "raw" / seed.name
        assert ours.read_bytes() == seed.read_bytes(), seed.name
        meta = next(d.meta for d in corpus if d.meta["source_file"] == f"raw/{seed.name}")
        assert meta["raw_sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()


def test_document_ids_are_outlet_plus_date(corpus):
    assert corpus.fileids() == DOC_IDS
    for doc in corpus:
        assert doc.doc_id.endswith("-" + doc.meta["published"])
        assert re.fullmatch(r"[a-z]+-\d{4}-\d{2}(-\d{2})?", doc.doc_id)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clean_text_plus_log_rebuilds_the_raw_page_exactly(corpus, doc_id):
    doc = corpus[doc_id]
    assert rebuild_raw(doc.text, doc.edits) == doc.raw
    assert doc.raw.encode("utf-8") == (CORPUS / doc.meta["source_file"]).read_bytes()


def test_build_reproduces_the_committed_derived_files():
    for rel, text in build_files(CORPUS).items():
        assert (CORPUS / rel).read_bytes() == text.encode("utf-8"), f"{rel} differs from a fresh build: run `kjpacts build`"


def test_every_edit_has_a_known_category_and_a_reason(corpus):
    for doc in corpus:
        for e in doc.edits:
            assert e.category in EDIT_CATEGORIES
            assert e.reason
            assert doc.raw[e.raw_start:e.raw_end] == e.raw_text
            assert doc.text[e.clean_start:e.clean_end] == e.clean_text


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_clean_offsets_map_back_to_the_same_characters_in_raw(corpus, doc_id):
    doc = corpus[doc_id]
    edited = set()
    for e in doc.edits:
        edited.update(range(e.clean_start, e.clean_end))
    checked = 0
    for i, ch in enumerate(doc.text):
        if i not in edited:
            assert doc.raw[doc.to_raw(i)] == ch, i
            checked += 1
    assert checked > 0.9 * len(doc.text)
    for seg in doc.segments:
        start, end = doc.raw_span(seg.start, seg.end)
        assert doc.raw[start:end].replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'") \
            .removeprefix("(3rd LD) ") == seg.text


def test_typography_policy_holds_in_clean_text(corpus):
    for doc in corpus:
        assert not re.search("[\u201c\u201d\u2018\u2019\u00a0]", doc.text), doc.doc_id
        assert "\n\n\n" not in doc.text and doc.text.endswith("\n") and not doc.text.endswith("\n\n")
        assert all(line == line.rstrip() for line in doc.text.split("\n"))


FURNITURE = ["Back To Top", "Views: 858", "Short link:", "Korea Herald Youtube", "Last Update", "select languages",
             "latestnews", "Home > National", "\u00a9", "(3rd LD)", "Korea protest", "(AP)"]


def test_page_furniture_is_removed_and_logged(corpus):
    for doc in corpus:
        for junk in FURNITURE:
            assert junk not in doc.text, (doc.doc_id, junk)
            if junk in doc.raw:
                assert any(junk in e.raw_text for e in doc.boilerplate), (doc.doc_id, junk)


def test_structure_fields(corpus):
    kh = corpus["koreaherald-2012-05-13"]
    assert [s.text for s in kh.segments_of("byline")] == ["By Song Sang-ho"]
    assert kh.segments[-1].kind == "byline"  # printed after the body
    assert [s.text for s in kh.segments_of("dateline")] == ["BEIJING --"]
    ahram = corpus["ahram-2011-01-10"]
    assert ahram.segments_of("standfirst")[0].text.startswith("S Korea and Japan push for deeper ties")
    assert ahram.captions[0]["credit"] == "AP" and ahram.captions[0]["title"] == "Korea protest"
    assert "South Korean protesters shout slogans" not in ahram.text
    wapo = corpus["wapo-2011-01-11"]
    assert [s.kind for s in wapo.segments[:3]] == ["headline", "byline", "date_line"]
    for doc in corpus:
        assert doc.paragraphs and all(p in doc.text for p in doc.paragraphs)
        assert doc.segments_of("headline")[0].text == doc.headline


# --- metadata facts, each checked against the page itself ---------------------------------

def test_printed_fields_appear_on_the_page(corpus):
    for doc in corpus:
        m = doc.meta
        raw_lines = doc.raw.split("\n")
        for field in ("headline", "byline", "standfirst"):
            if m[field]:
                assert any(m[field] in line for line in raw_lines), (doc.doc_id, field)
        if m["dateline_as_printed"]:
            assert m["dateline_as_printed"].startswith(m["dateline"])
            assert any(line.lstrip("\u00a0 ").startswith(m["dateline_as_printed"]) for line in raw_lines)
        if m["version_tag"]:
            assert f"({m['version_tag']})" in doc.raw
        for other in m["other_dates"]:
            assert other["text"] in doc.raw, (doc.doc_id, other["text"])


def test_byline_facts(corpus):
    assert corpus["koreaherald-2012-05"].meta["byline_truncated"] is True
    assert corpus["koreaherald-2012-05"].raw.endswith("By Choi He-suk (")
    assert corpus["koreaherald-2012-05-13"].raw.split("\n")[-2] == "By Song Sang-ho"
    assert corpus["yonhap-2012-06-27"].meta["byline"] is None


def test_wire_and_photo_agencies(corpus):
    ahram = corpus["ahram-2011-01-10"]
    assert ahram.meta["agency"] == "AFP" and "AFP, Monday 10 Jan 2011" in ahram.raw
    assert ahram.meta["photo_agency"] == "AP" and "(AP)" in ahram.raw
    for doc in corpus:
        if doc.meta["photo_agency"] is None:
            assert not doc.captions


def weekday(iso: str) -> str:
    return calendar.day_name[dt.date.fromisoformat(iso).weekday()]


def test_publication_dates_agree_with_the_pages(corpus):
    wapo = corpus["wapo-2011-01-11"]
    assert wapo.meta["published_inferred"] is False
    assert f"{weekday('2011-01-11')}, January 11, 2011" in wapo.raw
    yonhap = corpus["yonhap-2012-06-27"]
    assert "SEOUL, June 27 (Yonhap)" in yonhap.raw and "said Wednesday" in yonhap.raw
    assert weekday(yonhap.meta["published"]) == "Wednesday"
    kh = corpus["koreaherald-2012-05-13"]
    assert "on Sunday" in kh.raw and weekday(kh.meta["published"]) == "Sunday"
    month = corpus["koreaherald-2012-05"]
    assert month.meta["published_precision"] == "month" and month.meta["published"] == "2012-05"
    assert "end of May" in month.raw and "failed on April 13" in month.raw
    ahram = corpus["ahram-2011-01-10"]
    assert weekday(ahram.meta["published"]) == "Monday" and "agreed Monday" in ahram.raw
    kinds = {o["kind"] for o in ahram.meta["other_dates"]}
    assert {"scrape-header", "copyright-year", "last-update"} <= kinds


def test_evidence_quotes_are_on_the_pages(corpus):
    for doc in corpus:
        for line in doc.meta["published_evidence"]:
            for quoted in re.findall(r"'([^']{6,}?)'(?=[\s,.:;)]|$)", line):
                assert quoted in doc.text or quoted in doc.raw, (doc.doc_id, quoted)


def test_inferred_dates_carry_evidence_and_nulls_carry_reasons(corpus):
    for doc in corpus:
        m = doc.meta
        if m["published_inferred"]:
            assert len(m["published_evidence"]) >= 2
        for field, value in m.items():
            if value is None:
                assert m["null_reasons"].get(field), (doc.doc_id, field)


def test_metadata_frame(corpus):
    frame = corpus.frame()
    assert list(frame.index) == DOC_IDS
    assert frame.loc["ahram-2011-01-10", "agency"] == "AFP"
    assert frame.loc["koreaherald-2012-05", "published_precision"] == "month"


def test_importing_the_kit_reads_no_corpus_file():
    code = (
        "import sys\n"
        "opened = []\n"
        f"sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == 'open' and str(a[0]).startswith({str(CORPUS)!r}) else None)\n"
        "import kjpacts\n"
        "print(len(opened))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "0"


def test_load_another_folder(corpus_copy):
    import kjpacts

    other = kjpacts.load(corpus_copy)
    assert other.fileids() == DOC_IDS and other.root == corpus_copy
