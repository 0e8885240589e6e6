"""The course is complete: lessons, try-its that accept right answers and reject wrong ones,
generated navigation and contents, instructor material."""

from __future__ import annotations

import json
import re

import pytest

from kjpacts.teaching.notebook_sync import lessons, sync
from kjpacts.teaching.checks import check, registry

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
LESSONS = lessons(NOTEBOOKS)
TRYITS = registry()


def test_navigation_contents_and_answers_are_generated_and_current():
    assert sync(NOTEBOOKS, check=True) == [], "run `kjpacts course` to regenerate headers, footers and CONTENTS.md"


@pytest.mark.parametrize("tryit_id", sorted(TRYITS), ids=str)
def test_tryit_accepts_a_right_answer_and_rejects_a_wrong_one(tryit_id):
    t = TRYITS[tryit_id]
    assert check(tryit_id, t.right()).ok, f"{tryit_id}: the model answer is rejected"
    wrong = check(tryit_id, t.wrong())
    assert not wrong.ok and wrong.message, f"{tryit_id}: a wrong answer is accepted"
    assert "Traceback" not in wrong.message
    assert not check(tryit_id, ...).ok


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.number)
def test_each_lesson_has_its_parts(lesson):
    nb = json.loads(lesson.path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    ids = re.findall(r"check\(\s*[\"'](\d\d\.\d+)[\"']", code)
    assert len(set(ids)) >= 3, f"{lesson.name}: at least three try-it cells"
    for tid in ids:
        assert tid in TRYITS and tid.startswith(lesson.number + "."), tid
    assert "kjpacts.teaching.widgets" in code, f"{lesson.name}: use a widget"
    assert "Challenge" in md and "<details>" in md, f"{lesson.name}: a challenge with a solution"
    assert lesson.meta.get("further_reading"), f"{lesson.name}: further reading"
    assert (ROOT / "docs" / "instructors" / "lessons" / f"{lesson.path.stem}.md").is_file(), "instructor notes"
    assert nb["metadata"].get("kjpacts", {}).get("interactions"), f"{lesson.name}: declare a browser interaction"


def test_eleven_lessons_with_problem_set_links():
    assert [l.number for l in LESSONS] == [f"{i:02d}" for i in range(11)]
    for lesson in LESSONS[1:10]:
        ps = lesson.meta.get("problem_set")
        assert ps and (ROOT / "exercises" / "release" / ps / f"{ps}.ipynb").is_file(), lesson.name


def test_outside_context_is_labelled():
    """A year after 2012 may appear only in a passage marked as outside context. 2021 is
    exempt: it is a date printed on the Ahram page itself (its 'Last Update' header)."""
    later = re.compile(r"\b(201[3-9]|2020|202[2-9])\b")
    for lesson in LESSONS:
        nb = json.loads(lesson.path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown" or "kjpacts-" in str(cell.get("metadata", {}).get("tags")):
                continue
            for para in "".join(cell["source"]).split("\n\n"):
                if later.search(para):
                    assert re.search(r"[Oo]utside (context|record)", para), f"{lesson.name}: unlabelled later fact: {para[:160]}"


def test_make_lab_opens_the_start_notebook_with_the_repo_as_root():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^lab:.*?(?=^\S)", makefile, re.S | re.M).group()
    url = re.search(r"--LabApp\.default_url=/lab/tree/(\S+)", target).group(1)
    assert (ROOT / url).is_file() and url == "notebooks/00-start-here.ipynb"
    assert '--ServerApp.root_dir="$(CURDIR)"' in target  # so ../exercises and ../docs links resolve
