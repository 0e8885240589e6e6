"""The instructor guide's minutes agree with each lesson notebook's own metadata (the one source)."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("[0-8][0-9]-*.ipynb"))
GUIDE = (ROOT / "docs" / "instructors" / "README.md").read_text(encoding="utf-8")


def minutes(nb_path) -> int:
    return json.loads(nb_path.read_text(encoding="utf-8"))["metadata"]["kjpacts"]["lesson"]["minutes"]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_guide_table_and_section_give_the_notebooks_minutes(nb):
    want = minutes(nb)
    row = re.search(rf"^\| {nb.name[:2]} \| \[[^\]]+\]\(\.\./\.\./notebooks/{re.escape(nb.name)}\) \| (\d+) \|", GUIDE, re.M)
    assert row and int(row.group(1)) == want, f"README table row for {nb.name}"
    section = re.search(rf"^(\d+) minutes · .*\(\.\./\.\./notebooks/{re.escape(nb.name)}\)", GUIDE, re.M)
    assert section and int(section.group(1)) == want, f"README section line for {nb.name}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_lesson_notes_give_the_notebooks_minutes_and_their_timing_table_adds_up(nb):
    want = minutes(nb)
    notes = (ROOT / "docs" / "instructors" / "lessons" / nb.name.replace(".ipynb", ".md")).read_text(encoding="utf-8")
    head = "\n".join(notes.splitlines()[:6])
    stated = re.search(r"(\d+) minutes", head)
    if stated:  # not every header states the time; the Timing heading always does
        assert int(stated.group(1)) == want, f"{nb.name}: the notes' header"
    timing = re.search(r"^## Timing \((\d+) minutes\)\n(.*?)(?=^## )", notes, re.M | re.S)
    assert timing, f"{nb.name}: the notes have no '## Timing (N minutes)' section"
    assert int(timing.group(1)) == want, f"{nb.name}: the Timing heading"
    rows = re.findall(r"^\|[^|\n]+\| (\d+) \|", timing.group(2), re.M)
    assert rows and sum(map(int, rows)) == want, f"{nb.name}: timing rows add up to {sum(map(int, rows))}"


def test_the_total_is_the_sum_of_the_lessons():
    total = sum(minutes(nb) for nb in NOTEBOOKS)
    assert f"| | **total** | **{total}** " in GUIDE
    assert f"The full course is {total} minutes of lesson time" in GUIDE
