"""Pre-flight checks of submissions (no nbgrader run: fast)."""

from __future__ import annotations

import shutil

import nbformat
import pytest

from kjpacts.grading.course import Course
from kjpacts.grading.preflight import preflight, read_notebook, tamper_flags

from . import subs
from .conftest import EXERCISES

pytestmark = pytest.mark.grading

PS = "ps01-provenance-and-dating"


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy2(EXERCISES / "nbgrader_config.py", root)
    for part in ("source", "release"):
        shutil.copytree(EXERCISES / part / PS, root / part / PS)
    return Course(root)


def submit(course, student, content, name=f"{PS}.ipynb"):
    folder = course.submitted / student / PS
    folder.mkdir(parents=True)
    if isinstance(content, bytes):
        (folder / name).write_bytes(content)
    else:
        nbformat.write(content, folder / name)


def by_student(course):
    return {c.student: c for c in preflight(course, PS)}


def test_statuses(course):
    prob = subs.Problem(EXERCISES, PS)
    submit(course, "ok", prob.solution())
    submit(course, "badjson", b'{"cells": [')
    submit(course, "empty", b"")
    submit(course, "notnb", b'{"hello": 1}')
    submit(course, "latin1", "caf\xe9".encode("latin-1"))
    submit(course, "renamed", prob.solution(), name="Copy of ps01.ipynb")
    other = subs.Problem(EXERCISES, "ps02-cleaning-and-tokens").solution()
    submit(course, "wrongnb", other)
    submit(course, "nothing", b"pdf", name="answers.pdf")
    got = by_student(course)
    assert got["ok"].status == "ok" and got["ok"].flags == []
    for s in ("badjson", "empty", "notnb", "latin1", "wrongnb"):
        assert got[s].status == "corrupt", (s, got[s])
    assert "invalid JSON at line 1" in got["badjson"].message
    assert "empty" in got["empty"].message
    assert "not a notebook" in got["notnb"].message
    assert "UTF-8" in got["latin1"].message
    assert "graded cells" in got["wrongnb"].message
    assert got["renamed"].status == "renamed" and "Copy of ps01.ipynb" in got["renamed"].message
    assert (course.submitted / "renamed" / PS / f"{PS}.ipynb").is_file()
    assert (course.submitted / "renamed" / PS / "Copy of ps01.ipynb").is_file(), "the student's file is kept"
    assert got["nothing"].status == "missing"


def test_cell_and_tamper_flags(course):
    prob = subs.Problem(EXERCISES, PS)
    submit(course, "edited", prob.variant("edited-tests", course.root)[0])
    submit(course, "deleted", prob.variant("deleted-tests", course.root)[0])
    submit(course, "eq", prob.variant("always-equal", course.root)[0])
    submit(course, "helpers", prob.variant("redefined-helpers", course.root)[0])
    got = by_student(course)
    assert any(f.startswith("edited-locked-cells:q1-test") for f in got["edited"].flags)
    assert any(f.startswith("deleted-cells:q1-test") for f in got["deleted"].flags)
    assert "overrides-eq" in got["eq"].flags
    assert "redefines-helpers" in got["helpers"].flags


@pytest.mark.parametrize("code,flag", [
    ("import sys\nsys._getframe(1).f_locals", "frame-inspection"),
    ("get_ipython().events.register('pre_run_cell', print)", "patches-ipython"),
    ("import builtins\nbuiltins.len = lambda x: 3", "touches-builtins"),
    ("open('../../../gradebook.db')", "reads-course-files"),
    ("import os\nos._exit(0)", "kills-kernel"),
    ("import kjpacts\nkjpacts.load = lambda: None", "patches-modules"),
    ("len = lambda x: 0", "redefines-helpers"),
])
def test_tamper_patterns(code, flag):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    assert flag in tamper_flags(nb)


def test_ordinary_code_is_not_flagged():
    code = "def date_record(doc_id):\n    meta = corpus[doc_id].meta\n    return (meta['published'], len(meta), type(meta) is dict)"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    assert tamper_flags(nb) == []


def test_read_notebook_accepts_release():
    read_notebook(EXERCISES / "release" / PS / f"{PS}.ipynb")
