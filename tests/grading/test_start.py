"""``kjpacts grade start``: the copy goes where ``make lab`` opens JupyterLab, and the printed path
is the one its file browser shows."""

from __future__ import annotations

import shutil

from .conftest import EXERCISES, grade

PS = "ps02-cleaning-and-tokens"


def test_start_copies_into_my_work_and_prints_the_lab_path(tmp_path):
    repo = tmp_path / "repo"  # a clone: Makefile and notebooks/ at the top (what `make lab` opens)
    (repo / "notebooks").mkdir(parents=True)
    (repo / "Makefile").write_text("lab:\n")
    course = repo / "exercises"
    course.mkdir()
    shutil.copy2(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "release" / PS, course / "release" / PS)
    out = grade(course, "start", PS)
    nb = repo / "my-work" / PS / f"{PS}.ipynb"
    assert nb.is_file()
    assert f"file browser (make lab): my-work/{PS}/{PS}.ipynb" in out.stdout
    assert (repo / "my-work" / ".gitignore").read_text().strip().endswith("*"), "students' work is never committed"
    again = grade(course, "start", PS, check=False)
    assert again.returncode == 1 and "already exists" in again.stderr


def test_start_elsewhere_prints_the_full_path(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy2(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "release" / PS, course / "release" / PS)
    out = grade(course, "start", PS, "--dest", str(tmp_path / "work"))
    assert f"your copy: {tmp_path / 'work' / PS / (PS + '.ipynb')}" in out.stdout
