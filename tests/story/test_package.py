"""datapackage.json of a story keeps the story's own title through `kjpacts build`; the shipped
corpus's package is untouched by it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import PAGES, SOURCES

TITLE = "Seoul-Tokyo pact, June 2012: two wire reports"
DESCRIPTION = "Two wire reports of the postponed signing, for a seminar."


def _package(root: Path) -> dict:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def test_story_title_and_description_survive_build(tmp_path):
    from kjpacts.cli import main

    root = tmp_path / "story"
    pages = [PAGES / "yonhap-2012-06-29.txt", PAGES / "upi-2012-06-29.txt"]
    assert main(["new", str(root), *map(str, pages), "--urls", str(SOURCES),
                 "--title", TITLE, "--description", DESCRIPTION]) == 0
    assert (_package(root)["title"], _package(root)["description"]) == (TITLE, DESCRIPTION)
    assert main(["build", "--corpus", str(root)]) == 0
    package = _package(root)
    assert (package["name"], package["title"], package["description"]) == ("kjpacts-story", TITLE, DESCRIPTION)
    assert main(["validate", str(root)]) == 0


def test_story_without_description_is_described_by_its_page_count(story):
    from kjpacts.cli import main

    assert main(["build", "--corpus", str(story)]) == 0
    package = _package(story)
    assert package["title"] == "Test story"  # conftest builds it with --title "Test story"
    assert package["description"].startswith(f"{len(list(PAGES.glob('*.txt')))} saved news pages")


def test_shipped_corpus_package_is_byte_identical_after_build(tmp_path):
    from kjpacts.cli import main
    from kjpacts.paths import shipped_corpus_dir

    copy = tmp_path / "corpus"
    shutil.copytree(shipped_corpus_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = (copy / "datapackage.json").read_bytes()
    assert main(["build", "--corpus", str(copy)]) == 0
    assert (copy / "datapackage.json").read_bytes() == before
    assert json.loads(before)["title"].startswith("Korea-Japan military pacts")
