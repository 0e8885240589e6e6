"""An error raised by the student's function reaches the student and the grader with its message
(ps05 Q3): in the autograded notebook and the feedback page, the call, the error and its text;
in the formgrader, a note on the question's answer cell. Not a generic failure."""

from __future__ import annotations

import html

import nbformat
import pytest

from . import subs
from .conftest import generated_course, grade

pytestmark = [pytest.mark.grading, pytest.mark.timeout(900)]

PS = "ps05-framing-and-keyness"
MESSAGE = "no reference words for my keyness table"
BROKEN = f'''def keywords(target_ids, reference_ids, k):
    raise ValueError("{MESSAGE}")'''


def test_the_students_error_is_reported_with_its_message(tmp_path_factory):
    from nbgrader.api import Gradebook

    course = generated_course(tmp_path_factory, "student-errors", PS)
    prob = subs.Problem(course, PS)
    nb = prob.with_answers({**prob.solutions, "q3-answer": BROKEN})
    incoming = course.parent / "incoming"
    subs.write_submission(incoming, "raiser", nb, f"{PS}.ipynb")
    grade(course, "collect", PS, "--from", str(incoming))
    grade(course, "autograde", PS, "--timeout", "30")

    graded = nbformat.read(course / "autograded" / "raiser" / PS / f"{PS}.ipynb", as_version=4)
    shown = {}
    for c in graded.cells:
        gid = subs.nbmeta(c).get("grade_id")
        if gid in ("q3-test", "q3-hidden"):
            shown[gid] = "".join(o.get("text", "") + o.get("evalue", "") for o in c.outputs)
    for gid, text in shown.items():
        assert f"raised ValueError: {MESSAGE}" in text, (gid, text)
        assert "unexpected shape" not in text

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        note = gb.find_comment("q3-answer", PS, PS, "raiser").auto_comment
        assert gb.find_submission_notebook(PS, PS, "raiser").flagged
    assert "[kjpacts autograde] Question 3 (hidden tests):" in note, note
    assert f"raised ValueError: {MESSAGE}" in note and "keywords([" in note, note

    grade(course, "feedback", PS, "--student", "raiser")
    page = html.unescape((course / "feedback" / "raiser" / PS / f"{PS}.html").read_text(encoding="utf-8"))
    assert f"raised ValueError: {MESSAGE}" in page
    assert "[kjpacts" not in page, "the grader's note stays out of the student's page"
