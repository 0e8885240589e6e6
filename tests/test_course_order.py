"""The course's order is one order: the contents page, each notebook's navigation lines and the
website all run lessons 00-10, then the workbench (91), then the widget gallery (90)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
#: written by hand: the lessons in number order, the workbench after them, the gallery (a reference) last
ORDER = ["00-start-here", "01-pages-as-found", "02-dating-documents", "03-from-page-to-data",
         "04-close-reading-at-scale", "05-who-speaks", "06-corroboration-or-echo", "07-words-that-frame",
         "08-time-and-what-happened-next", "09-people-places-and-names", "10-capstone", "91-your-story",
         "90-widget-gallery"]
LINK = r"\]\((\d\d-[a-z0-9-]+)\.ipynb\)"


def test_contents_lists_the_workbench_after_the_lessons_and_the_gallery_last():
    text = (NOTEBOOKS / "CONTENTS.md").read_text(encoding="utf-8")
    assert re.findall(LINK, text) == ORDER
    after = text.split("## After the lessons", 1)[1]
    assert re.search(r"^\| 91 \| \[Your own story: a workbench\]\(91-your-story\.ipynb\) \|", after, re.M)


@pytest.mark.parametrize("i", range(len(ORDER)), ids=ORDER)
def test_each_notebook_navigates_to_its_neighbours_in_that_order(i):
    cells = json.loads((NOTEBOOKS / f"{ORDER[i]}.ipynb").read_text(encoding="utf-8"))["cells"]
    first, last = "".join(cells[0]["source"]), "".join(cells[-1]["source"])
    for where, text in (("first cell", first.split("\n", 1)[0]), ("last cell", last.rsplit("\n", 1)[-1])):
        prev = re.search(r"\[← [^\]]+" + LINK, text)
        nxt = re.search(r"\[[^\]]+ →" + LINK, text)
        assert "[Contents](CONTENTS.md)" in text, f"{ORDER[i]} {where}: no link to the contents"
        assert (prev.group(1) if prev else None) == (ORDER[i - 1] if i else None), f"{ORDER[i]} {where}: previous"
        assert (nxt.group(1) if nxt else None) == (ORDER[i + 1] if i + 1 < len(ORDER) else None), f"{ORDER[i]} {where}: next"


def test_a_notebook_after_the_lessons_without_its_metadata_is_named(tmp_path):
    from kjpacts.teaching.notebook_sync import appendices

    (tmp_path / "92-notes.ipynb").write_text(json.dumps({"cells": [], "metadata": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"92-notes\.ipynb: metadata\.kjpacts\.appendix needs a title and a role"):
        appendices(tmp_path)
