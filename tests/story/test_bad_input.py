"""Bad pages: one line each, naming the file; nothing already in the story folder is lost."""

from __future__ import annotations


import pytest

from .conftest import PAGES, snapshot

KOREAN = ("한국과 일본은 23일 서울 국방부에서 군사정보보호협정에 서명했다. 협정은 서명과 동시에 발효되며 "
          "양국은 북한의 핵과 미사일에 관한 정보를 직접 교환하게 된다. 야당은 협정 체결에 강하게 반발했다.\n") * 3
JAPANESE = ("日本と韓国は二十三日、ソウルの韓国国防省で軍事情報包括保護協定に署名した。協定は署名と同時に発効し、"
            "両国は北朝鮮の核とミサイルに関する情報を直接交換することになる。\n") * 3


def _run(args: list[str], capsys) -> tuple[int, list[str]]:
    from kjpacts.cli import main

    code = main(args)
    return code, [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("warning:")]


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n \n\t\n", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "binary"),
    ("latin1.txt", "Seoul and Tokyo signed the pact on Wednesday, \u00e9t\u00e9.".encode("latin-1"), "not UTF-8"),
    ("korean.txt", KOREAN.encode("utf-8"), "Korean (ko)"),
    ("japanese.txt", JAPANESE.encode("utf-8"), "Japanese (ja)"),
    ("nav-only.txt", b"Home\nNews\nSports\nAdvertisement\nLogin\nCopyright 2016 Example News\n", "no article text"),
    ("nav-only.html", b"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><p>Login</p></body></html>",
     "no article text"),
])
def test_bad_page_is_one_warning_and_loses_nothing(story, tmp_path, capsys, name, data, words):
    page = tmp_path / name
    page.write_bytes(data)
    before = snapshot(story)
    code, warnings = _run(["new", str(story), str(page)], capsys)
    assert code == 1
    assert len(warnings) == 1 and str(page) in warnings[0] and words in warnings[0], warnings
    after = snapshot(story)
    assert {k: v for k, v in after.items() if k in before} == before or _only_derived_changed(before, after)


def _only_derived_changed(before: dict, after: dict) -> bool:
    # re-running rewrites derived files identically; raw pages, documents.json and the ledger never change
    keep = [k for k in before if k.startswith(("raw/", "review/decisions")) or k == "documents.json"]
    return all(after.get(k) == before[k] for k in keep) and set(before) <= set(after)


def test_huge_page(story, tmp_path, capsys, monkeypatch):
    from kjpacts.story import pages

    monkeypatch.setattr(pages, "MAX_BYTES", 1000)  # the limit itself is 5 MB; a smaller one keeps the test fast
    page = tmp_path / "huge.txt"
    page.write_bytes((PAGES / "reuters-2012-06-29.txt").read_bytes())
    code, warnings = _run(["new", str(story), str(page)], capsys)
    assert code == 1 and len(warnings) == 1 and "huge.txt" in warnings[0] and "limit" in warnings[0]


def test_duplicates_are_skipped_by_bytes_and_by_text(tmp_path, capsys):
    original = PAGES / "upi-2012-06-29.txt"
    copy = tmp_path / "same-bytes.txt"
    copy.write_bytes(original.read_bytes())
    respaced = tmp_path / "same-text.txt"
    respaced.write_text(original.read_text(encoding="utf-8").replace("\n\n", "\n\n\n"), encoding="utf-8")
    code, warnings = _run(["new", str(tmp_path / "s"), str(original), str(copy), str(respaced)], capsys)
    assert code == 0
    assert len(warnings) == 2
    assert "same-bytes.txt" in warnings[0] and "duplicate" in warnings[0]
    assert "same-text.txt" in warnings[1] and "same text" in warnings[1]
    assert len(list((tmp_path / "s" / "raw").iterdir())) == 1


def test_urls_file_naming_a_missing_page(tmp_path, capsys):
    urls = tmp_path / "urls.csv"
    urls.write_text("file,url\nupi-2012-06-29.txt,https://www.upi.com/x/2012/06/29/y/\nnot-here.txt,https://example.com/a\n",
                    encoding="utf-8")
    code, warnings = _run(["new", str(tmp_path / "s"), str(PAGES / "upi-2012-06-29.txt"), "--urls", str(urls)], capsys)
    assert code == 0
    assert len(warnings) == 1 and str(urls) in warnings[0] and "not-here.txt" in warnings[0]


def test_missing_page_and_bad_urls_columns(tmp_path, capsys):
    code, warnings = _run(["new", str(tmp_path / "s"), str(tmp_path / "gone.txt")], capsys)
    assert code == 1 and len(warnings) == 1 and "gone.txt: page not found" in warnings[0]
    assert not (tmp_path / "s").exists()  # nothing written for nothing
    bad = tmp_path / "bad.csv"
    bad.write_text("page,link\na,b\n", encoding="utf-8")
    from kjpacts.cli import main

    assert main(["new", str(tmp_path / "s"), str(PAGES / "upi-2012-06-29.txt"), "--urls", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.csv" in err[0] and "file,url" in err[0]


def test_story_folder_that_is_a_file(tmp_path, capsys):
    from kjpacts.cli import main

    target = tmp_path / "story"
    target.write_text("not a folder", encoding="utf-8")
    assert main(["new", str(target), str(PAGES / "upi-2012-06-29.txt")]) == 1
    assert target.read_text(encoding="utf-8") == "not a folder"
    assert "is a file" in capsys.readouterr().err


def test_windows_line_ends_are_read_and_kept_in_the_raw_page(tmp_path):
    from kjpacts.cli import main
    from kjpacts.corpus.validate import validate

    page = tmp_path / "crlf.txt"
    page.write_bytes((PAGES / "reuters-2012-06-29.txt").read_bytes().replace(b"\n", b"\r\n"))
    assert main(["new", str(tmp_path / "s"), str(page)]) == 0
    assert validate(tmp_path / "s") == []
    raw = next((tmp_path / "s" / "raw").iterdir())
    clean = next((tmp_path / "s" / "clean").iterdir())
    assert raw.read_bytes() == page.read_bytes()
    assert b"\r" not in clean.read_bytes() and "Lee Hae-chan" in clean.read_text(encoding="utf-8")


def test_a_dateline_the_cleaning_cannot_place_is_dropped_with_a_warning_and_the_page_kept(tmp_path, capsys):
    """An agency's name alone above the text, and no headline line: the rules take "YONHAP" for a
    dateline that the cleaning step cannot place. The page is kept without a dateline, with a warning,
    and the other page of the run is added as usual."""
    import json

    from kjpacts.corpus.validate import validate

    page = tmp_path / "credit.txt"
    page.write_text("YONHAP\n\nSouth Korea and Japan agreed on Friday to extend their military intelligence-sharing "
                    "agreement for another year, officials in Seoul said, after weeks of talks in which both "
                    "governments stressed the threat from North Korea's missiles.\n\nThe defense ministry said the "
                    "agreement would be renewed automatically unless either side gave notice.\n", encoding="utf-8")
    urls = tmp_path / "urls.csv"
    urls.write_text("file,url\ncredit.txt,https://example.org/news/2019/11/22/pact/\n", encoding="utf-8")
    code, warnings = _run(["new", str(tmp_path / "s"), str(page), str(PAGES / "upi-2012-06-29.txt"), "--urls", str(urls)],
                          capsys)
    assert code == 0
    assert warnings == [f"warning: {page}: the dateline 'YONHAP' found by the rules does not open the article text; "
                        "kept without a dateline (check documents.json)"]
    docs = json.loads((tmp_path / "s" / "documents.json").read_text(encoding="utf-8"))["documents"]
    assert len(docs) == 2
    credit = next(d for d in docs if d["published"] == "2019-11-22")
    assert (credit["dateline"], credit["dateline_as_printed"]) == (None, None)
    assert validate(tmp_path / "s") == []
