"""`kjpacts new` on real saved pages: the shipped corpus format, provenance, and every kit tool."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from .conftest import PAGES, SOURCES

# Written by hand from the pages themselves (not from the code's output).
EXPECTED = {
    "yonhap-2012-06-29.txt": {"outlet": "Yonhap News Agency", "version_tag": "3rd LD", "published": "2012-06-29",
                              "dateline_as_printed": "SEOUL, June 29 (Yonhap) --", "byline": None,
                              "headline": "S. Korea postpones signing controversial military pact with Japan"},
    "upi-2023-03-16.txt": {"outlet": "UPI", "byline": "By Lee Haye-ah, Yonhap", "published": "2023-03-16",
                           "dateline_as_printed": "TOKYO, March 16 (UPI) --", "version_tag": None},
    "kyodo-2016-11-23.txt": {"outlet": "Kyodo News", "published": "2016-11-23",
                             "dateline_as_printed": "SEOUL, Nov. 23, Kyodo"},
    "antara-2012-06-29.txt": {"published": "2012", "published_precision": "year"},
    "yonhap-2019-11-22.txt": {"byline": "By Oh Seok-min", "published": "2019-11-22",
                              "headline": "First military pact between S. Korea, Japan pulled from brink of expiry"},
}


def _docs(root: Path) -> dict[str, dict]:
    story = json.loads((root / "story.json").read_text(encoding="utf-8"))
    by_id = {d["doc_id"]: d for d in json.loads((root / "documents.json").read_text(encoding="utf-8"))["documents"]}
    return {Path(p["file"]).name: by_id[p["doc_id"]] for p in story["pages"]}


def test_story_validates_and_keeps_raw_pages_byte_identical(story_built):
    from kjpacts.corpus.validate import validate

    assert validate(story_built) == []
    for name, meta in _docs(story_built).items():
        assert (story_built / meta["source_file"]).read_bytes() == (PAGES / name).read_bytes()


def test_cli_validate_passes(story_built, capsys):
    from kjpacts.cli import main

    assert main(["validate", str(story_built)]) == 0
    assert "all checks passed" in capsys.readouterr().out


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_provenance_matches_the_page(story_built, name):
    meta = _docs(story_built)[name]
    for field, value in EXPECTED[name].items():
        assert meta[field] == value, f"{name}: {field}"


def test_other_dates_and_evidence(story_built):
    docs = _docs(story_built)
    xinhua = docs["xinhua-2016-11-21.txt"]
    assert xinhua["published"] == "2016-11-21"  # the dateline's date, not the blog's 22 November
    kinds = {(o["kind"], o["value"]) for o in xinhua["other_dates"]}
    assert ("printed-publication-date", "2016-11-22") in kinds and ("dateline-date", "2016-11-21") in kinds
    assert any("Differs" in e for e in xinhua["published_evidence"])
    antara = docs["antara-2012-06-29.txt"]
    assert ("copyright-year", "2012") in {(o["kind"], o["value"]) for o in antara["other_dates"]}
    scraped = docs["yonhap-2019-11-22.txt"]
    assert any(o["kind"] == "scrape-header" and o["value"] == "2019-11-22" for o in scraped["other_dates"])


def test_boilerplate_is_logged_and_reversible(story_built):
    import kjpacts

    corpus = kjpacts.load(story_built)
    docs = _docs(story_built)
    doc = corpus[docs["yonhap-2012-06-29.txt"]["doc_id"]]
    assert "select languages" in doc.raw and "select languages" not in doc.text
    assert "(3rd LD)" not in doc.text
    upi = corpus[docs["upi-2023-03-16.txt"]["doc_id"]]
    assert "Phot by Yonhap" not in upi.text and len(upi.captions) == 2  # the page prints the caption twice
    ads = corpus[docs["upi-2012-06-29.txt"]["doc_id"]]
    assert [e.raw_text.strip() for e in ads.boilerplate] == ["Advertisement", "Advertisement", "Latest Headlines"]


def test_every_kit_tool_runs_on_the_story(story_built, tmp_path):
    import kjpacts
    from kjpacts.cli import main
    from kjpacts.teaching.widgets import (ClaimTracker, CompareDocs, Concordance, DocumentViewer, QuoteExplorer,
                                          RawVsClean, Timeline)

    corpus = kjpacts.load(story_built)
    assert len(corpus) == len(list(PAGES.glob("*.txt")))
    assert len(corpus.frame()) == len(corpus)
    for layer in ("mentions", "quotes", "timex", "claims", "claim_occurrences", "framing", "entities"):
        corpus.frame(layer)
    assert len(corpus.frame("quotes")) > 10 and len(corpus.frame("timex")) > 20
    reader = corpus.reader()
    assert sorted(reader.fileids()) == sorted(f"{d}.txt" for d in corpus.fileids())
    assert "Yasumasa" in reader.words()
    for widget in (DocumentViewer, RawVsClean, CompareDocs, Concordance, QuoteExplorer, ClaimTracker, Timeline):
        widget(corpus=corpus)
    for fmt in ("csv", "brat", "w3c"):
        assert main(["export", "--format", fmt, "--corpus", str(story_built), str(tmp_path / fmt)]) == 0
        assert any((tmp_path / fmt).iterdir())


def test_every_record_starts_as_machine(story_built):
    status = json.loads((story_built / "review" / "status.json").read_text(encoding="utf-8"))["records"]
    count = 0
    for path in (story_built / "annotations").rglob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        count += sum(len(v) for k, v in data.items() if isinstance(v, list))
    assert len(status) == count > 0
    assert {r["status"] for r in status} == {"machine"}


def test_claims_come_from_text_reuse(story_built):
    claims = json.loads((story_built / "annotations" / "claims.json").read_text(encoding="utf-8"))["claims"]
    assert claims, "the pages share verbatim runs (e.g. the two Yasumasa Nagamine signing sentences)"
    for c in claims:
        occ = c["occurrences"]
        assert len({o["doc_id"] for o in occ}) >= 2 and c["kind"] == "shared"
        first, second = (re.findall(r"[a-z0-9'-]+", o["text"].lower()) for o in occ[:2])
        shared = {tuple(first[i:i + 8]) for i in range(len(first) - 7)} & {tuple(second[i:i + 8]) for i in range(len(second) - 7)}
        assert shared, f"{c['claim_id']}: the occurrences share no 8-word run"


def test_urls_file_is_optional(tmp_path):
    from kjpacts.cli import main

    assert main(["new", str(tmp_path / "s"), str(PAGES / "upi-2012-06-29.txt")]) == 0
    meta = json.loads((tmp_path / "s" / "documents.json").read_text(encoding="utf-8"))["documents"][0]
    assert meta["outlet"] == "UPI"  # from the dateline's agency, with no URL
    # no URL and no year on the page: the latest year in the text (1945) is a weak lower bound, said so
    assert (meta["published"], meta["published_precision"], meta["published_confidence"]) == ("1945", "year", "low")
    assert any("'June 29'" in e for e in meta["published_evidence"])


def test_sources_csv_columns():
    with SOURCES.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {"file", "url", "outlet", "date", "how_found"} <= set(rows[0])
    assert {r["file"] for r in rows} == {p.name for p in PAGES.glob("*.txt")}


def test_hand_edited_datasheet_survives_a_rerun(story):
    from kjpacts.cli import main

    sheet = story / "DATASHEET.md"
    assert sheet.read_text(encoding="utf-8").startswith("<!-- generated")
    sheet.write_text("# Our story\n\nWritten by hand.\n", encoding="utf-8")
    extra = PAGES.parent / "heldout" / "pages" / "yonhap-2019-08-22.txt"
    assert main(["new", str(story), str(extra)]) == 0
    assert sheet.read_text(encoding="utf-8") == "# Our story\n\nWritten by hand.\n"
    assert (story / "RIGHTS.md").is_file()


def test_photo_dates_are_listed_not_used(tmp_path):
    from kjpacts.cli import main

    fresh = PAGES.parent / "fresh"
    assert main(["new", str(tmp_path / "s"), str(fresh / "pages" / "upi-2011-01-10.txt"), "--urls",
                 str(fresh / "sources.csv")]) == 0
    meta = json.loads((tmp_path / "s" / "documents.json").read_text(encoding="utf-8"))["documents"][0]
    assert meta["published"] == "2011-01-10"  # the dateline's Jan. 10, not the caption's January 9
    assert {(o["kind"], o["value"]) for o in meta["other_dates"]} >= {("photo-date", "2011-01-09"),
                                                                       ("dateline-date", "2011-01-10")}
