"""Every problem set through the pipeline: solution, untouched release, adversarial submissions."""

from __future__ import annotations

import re
import zipfile

import nbformat
import pytest

from . import subs
from .conftest import FULL_SETS, PROBLEM_SETS, grade, read_status, suite

# the session fixture grades every problem set's class in its first test: more than the default timeout
pytestmark = [pytest.mark.grading, pytest.mark.timeout(3600)]

CASES = [(ps, v) for ps in PROBLEM_SETS for v in suite(ps)]


@pytest.mark.parametrize("ps,variant", CASES, ids=[f"{ps[:4]}-{v}" for ps, v in CASES])
def test_score_status_and_flags(graded, ps, variant):
    prob = graded["problems"][ps]
    exp = prob.expected(variant)
    row = graded["status"].get((ps, variant))
    assert row is not None, f"no report row for {variant}: the batch did not complete"
    assert row["status"] == exp["status"], (row["status"], row["message"])
    if exp["score"] is None:
        assert row["score"] == "" and row["autograded_score"] == "", "no grade must mean an empty score, not 0"
        assert row["message"], "an ungraded submission needs a message"
    else:
        assert float(row["autograded_score"]) == pytest.approx(exp["score"]), row
        assert float(row["autograded_max"]) == pytest.approx(subs.points(prob.source))
    flags = row["flags"].split()
    for flag in exp["flags"]:
        assert any(f.split(":")[0] == flag for f in flags), (flag, flags)


def test_solution_scores_every_point_and_release_none(graded):
    for ps in PROBLEM_SETS:
        full = subs.points(graded["problems"][ps].source)
        assert full >= 10
        assert float(graded["status"][(ps, "solution")]["autograded_score"]) == full
        assert float(graded["status"][(ps, "blank")]["autograded_score"]) == 0.0
        # the written answer waits for a human
        assert graded["status"][(ps, "solution")]["manual_pending"] == "yes"


def test_batch_reports_every_submission(graded):
    for ps in PROBLEM_SETS:
        out = graded["outputs"][ps]
        assert out.returncode == 0
        for variant in suite(ps):
            assert variant in out.stdout
        assert "report: reports/autograde-" in out.stdout


@pytest.mark.parametrize("ps", FULL_SETS)
def test_student_code_cannot_read_or_write_the_course(graded, ps):
    course = graded["course"]
    nb = course / "autograded" / "read-hidden" / ps / f"{ps}.ipynb"
    found = subs.probe_result(nb, "READ-PROBE")
    assert found is not None, "the read probe did not run"
    assert not any(found.values()), f"readable from inside the sandbox: {found}"
    nb = course / "autograded" / "write-source" / ps / f"{ps}.ipynb"
    done = subs.probe_result(nb, "WRITE-PROBE")
    assert done is not None
    assert done.pop("own folder") is True, "the submission's own folder must stay writable"
    assert not any(done.values()), f"writable from inside the sandbox: {done}"
    assert not list(course.rglob("injected*"))
    # the kernel works in a scratch folder that is thrown away: nothing it writes reaches autograded/
    assert not (course / "autograded" / "write-source" / ps / "mine.txt").exists()


def test_crash_and_loops_are_reported(graded):
    ps = FULL_SETS[0]
    st = graded["status"]
    assert "died" in st[(ps, "crash")]["message"]
    assert "stopped responding" in st[(ps, "stubborn-loop")]["message"]
    assert "timeout" in st[(ps, "endless-loop")]["message"]
    nb = nbformat.read(graded["course"] / "autograded" / "crash" / ps / f"{ps}.ipynb", as_version=4)
    enames = {o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.outputs}
    assert "KernelDied" in enames
    big = graded["course"] / "autograded" / "huge-output" / ps / f"{ps}.ipynb"
    assert big.stat().st_size < 2_000_000, "huge output must be capped"


def test_feedback_shows_hints_not_hidden_tests(graded):
    course = graded["course"]
    ps = FULL_SETS[0]
    out = grade(course, "feedback", ps)
    assert "hidden tests removed" in out.stdout
    from kjpacts.grading.course import Course
    from kjpacts.grading.feedback import hidden_secrets

    secrets = hidden_secrets(Course(course), ps)
    assert len(secrets) > 10
    files = sorted((course / "feedback").glob(f"*/{ps}/*.html"))
    students = {f.parent.parent.name for f in files}
    assert {"solution", "blank", "leaker", "hardcoded"} <= students
    import html as html_mod

    for f in files:
        text = html_mod.unescape(re.sub(r"<[^>]+>", "", f.read_text(encoding="utf-8")))
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{f.parent.parent.name}: hidden test code in feedback: {leaked[:3]}"
    page = (course / "feedback" / "blank" / ps / f"{ps}.html").read_text(encoding="utf-8")
    blank = html_mod.unescape(re.sub(r"<[^>]+>", "", page))
    assert "Hint:" in blank and "NotImplementedError" in blank
    assert "Hidden test: failed" in blank or "Score: 0" in blank
    # tracebacks only ever show the student's own cells: tests fail with a one-line message
    errors = re.findall(r'<div class="output_subarea output_text output_error">\s*<pre>(.*?)</pre>', page, re.S)
    assert errors
    for err in errors:
        text = html_mod.unescape(re.sub(r"<[^>]+>", "", err))
        assert "_test_" not in text and "def check" not in text and "BEGIN HIDDEN" not in text, text[:500]
        assert "Traceback" not in text or "NotImplementedError" in text


def test_export_has_explicit_status_rows(graded, tmp_path):
    course = graded["course"]
    target = tmp_path / "grades.csv"
    grade(course, "export", "--to", str(target))
    import csv

    rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(open(target, encoding="utf-8"))}
    ps = FULL_SETS[0]
    assert rows[(ps, "corrupt")]["status"] == "corrupt" and rows[(ps, "corrupt")]["score"] == ""
    assert "invalid JSON" in rows[(ps, "corrupt")]["message"]
    assert rows[(ps, "missing")]["status"] == "missing" and rows[(ps, "missing")]["score"] == ""
    assert rows[(ps, "renamed")]["status"] == "renamed"
    assert float(rows[(ps, "solution")]["score"]) == subs.points(graded["problems"][ps].source)
    again = grade(course, "export", "--to", str(target), check=False)
    assert again.returncode == 1 and "exists" in again.stderr


def test_rerun_keeps_grades_and_regrade_backs_up(graded):
    course = graded["course"]
    ps = FULL_SETS[0]
    before = read_status(course)[(ps, "solution")]
    out = grade(course, "autograde", ps, "--student", "solution")
    assert "skipped" in out.stdout
    assert read_status(course)[(ps, "solution")] == before
    out = grade(course, "autograde", ps, "--student", "solution", "--regrade", "--timeout", "20")
    after = read_status(course)[(ps, "solution")]
    assert after["status"] == "ok" and after["autograded_score"] == before["autograded_score"]
    log = (course / ".grading" / "backups" / "LOG.txt").read_text(encoding="utf-8")
    assert f"autograded/solution/{ps}" in log and "regrade" in log


def test_collect_never_replaces_silently_and_zip_collect(graded, tmp_path):
    course = graded["course"]
    ps = PROBLEM_SETS[1]
    prob = graded["problems"][ps]
    other = tmp_path / "again"
    subs.write_submission(other, "solution", prob.blank(), f"{ps}.ipynb")
    out = grade(course, "collect", ps, "--from", str(other))
    assert "kept the earlier submission" in out.stdout
    kept = nbformat.read(course / "submitted" / "solution" / ps / f"{ps}.ipynb", as_version=4)
    assert [c.source for c in kept.cells] == [c.source for c in prob.solution().cells]
    # an LMS download: <student>_<file>.ipynb inside a zip
    archive = tmp_path / "lms.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr(f"zoe_{ps}.ipynb", nbformat.writes(prob.solution()))
    out = grade(course, "collect", ps, "--zip", str(archive))
    assert "zoe" in out.stdout and "collected" in out.stdout
    assert (course / "submitted" / "zoe" / ps / f"{ps}.ipynb").is_file()


def _expected_values(source: str) -> list:
    """The expected values a hidden test holds as literals (not the inputs it sends)."""
    import ast

    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            name = node.targets[0].id
            if name == "cases" and isinstance(value, dict):
                out += list(value.values())
            elif name == "cases" and isinstance(value, list):
                out += [case[-1] for case in value if isinstance(case, tuple)]
            elif name in ("want", "gold", "expected"):
                out.append(value)
    return out


def test_no_expected_value_or_test_code_reaches_the_kernel(graded):
    """Everything sent to every kernel of the batch was recorded: no hidden-test line, no
    expected value, no test scaffold is in it; the requests are there."""
    import json

    from kjpacts.grading.hidden import secret_lines
    from kjpacts.grading.wire import encode

    sent = graded["sent"].read_text(encoding="utf-8")
    msgs = [json.loads(line) for line in sent.splitlines()]
    codes = [m["content"].get("code", "") for m in msgs if m["msg_type"] == "execute_request"]
    assert any("kjpacts.grading.answer" in c for c in codes), "no request reached a kernel"
    # the students' own cells (their answers may well hold right values) and the read-only set-up
    # cells are theirs to run; everything else sent to a kernel is checked, test cells included
    course = graded["course"]
    own = set()
    for ps, prob in graded["problems"].items():
        tests = set(prob.test_ids())
        for path in course.glob(f"submitted/*/{ps}/*.ipynb"):
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:  # noqa: BLE001 - the corrupt variant
                continue
            own |= {c.source for c in nb.cells if c.cell_type == "code"
                    and c.metadata.get("nbgrader", {}).get("grade_id") not in tests}
    checked_msgs = [m for m in msgs if not (m["msg_type"] == "execute_request" and m["content"].get("code") in own)]
    assert len(checked_msgs) > 100
    blob = "\n".join(json.dumps(m["content"]) for m in checked_msgs)
    assert "grade_test" not in blob and "def check(t)" not in blob and "BEGIN HIDDEN" not in blob
    checked = 0
    for ps, prob in graded["problems"].items():
        sources = [c.source for c in prob.source.cells]
        leaked = [s for s in secret_lines(sources) if s in blob]
        assert not leaked, f"{ps}: hidden test lines sent to a kernel: {leaked[:3]}"
        for c in prob.source.cells:
            if c.metadata.get("kjpacts", {}).get("test") != "hidden":
                continue
            for value in _expected_values(c.source):
                for form in (repr(value), encode(value)):
                    if len(form) >= 12:
                        checked += 1
                        assert form not in blob, f"{ps} {c.metadata['nbgrader']['grade_id']}: {form[:80]}"
    assert checked >= 20, "too few expected values checked: the probe would prove nothing"


def test_feedback_folders_hold_only_the_feedback_page(graded):
    course = graded["course"]
    ps = FULL_SETS[1]
    assert (course / "submitted" / "write-files" / ps).is_dir()
    assert not (course / "autograded" / "write-files" / ps / "junk.bin").exists()
    (course / "submitted" / "write-files" / ps / "notes.txt").write_text("a file the student handed in too")
    grade(course, "autograde", ps, "--student", "write-files", "--regrade", "--timeout", "20")
    assert (course / "autograded" / "write-files" / ps / "notes.txt").is_file()
    out = grade(course, "feedback", ps, "--student", "write-files")
    folder = course / "feedback" / "write-files" / ps
    assert sorted(p.name for p in folder.rglob("*")) == [f"{ps}.html"], list(folder.rglob("*"))
    assert "other file(s) removed" in out.stdout


def test_scores_are_rounded_and_crashed_rows_have_a_score(graded, tmp_path):
    course = graded["course"]
    target = tmp_path / "rounded.csv"
    grade(course, "export", "--to", str(target))
    import csv

    rows = list(csv.DictReader(open(target, encoding="utf-8")))
    for r in rows:
        if r["score"]:
            assert re.fullmatch(r"\d+(\.\d{1,2})?", r["score"]), r["score"]
        if r["status"] == "crashed":
            assert r["score"] != "", r


def test_similarity_flags_the_copied_essay_and_tells_the_formgrader(graded):
    from nbgrader.api import Gradebook

    course = graded["course"]
    ps = FULL_SETS[0]
    out = grade(course, "similarity", ps)
    assert "nothing is penalised" in out.stdout
    flags = {s: r["flags"].split() for (a, s), r in read_status(course).items() if a == ps}
    pair = [f for f in flags["essay-copier"] if f.startswith("similar-to:essay-copy:")]
    assert pair, flags["essay-copier"]
    assert any(f.startswith("similar-to:essay-copier:") for f in flags["essay-copy"])
    assert not any(f.startswith("similar-to:") for f in flags["own-essay"]), flags["own-essay"]
    assert not any(f.startswith("similar-to:") for f in flags["blank"])
    report = sorted((course / "reports").glob(f"similarity-{ps}-*.csv"))[-1].read_text(encoding="utf-8")
    assert "the unnamed official supplies every figure, the reporter adds no second source" in report
    # scores untouched: a flag is never a penalty
    assert read_status(course)[(ps, "essay-copier")]["autograded_score"] == graded["status"][(ps, "essay-copier")]["autograded_score"]
    question = pair[0].split(":")[2]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_submission_notebook(ps, ps, "essay-copier")
        assert nb.flagged
        c = gb.find_comment(question, ps, ps, "essay-copier")
        assert "[kjpacts similarity]" in c.auto_comment and "essay-copy" in c.auto_comment
        assert not gb.find_submission_notebook(ps, ps, "own-essay").flagged
    grade(course, "feedback", ps, "--student", "essay-copier", "--force")
    page = (course / "feedback" / "essay-copier" / ps / f"{ps}.html").read_text(encoding="utf-8")
    assert "kjpacts similarity" not in page, "the grader's note must not reach the student"


def test_autograde_flags_reach_the_formgrader(graded):
    """A flagged submission is marked in the formgrader with the flags in a comment; feedback
    does not show the kit's note; an unflagged one is left alone."""
    from nbgrader.api import Gradebook

    course = graded["course"]
    ps = FULL_SETS[0]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        nb = gb.find_notebook(ps, ps)
        written = [c.name for c in nb.solution_cells if c.name in {g.name for g in nb.grade_cells}][0]
        assert gb.find_submission_notebook(ps, ps, "frame-reader").flagged
        note = gb.find_comment(written, ps, ps, "frame-reader").auto_comment
        assert "[kjpacts autograde] autograde flags:" in note and "frame-inspection" in note
        assert not gb.find_submission_notebook(ps, ps, "own-essay").flagged  # no flag of any kind
    grade(course, "feedback", ps, "--student", "frame-reader", "--force")
    page = (course / "feedback" / "frame-reader" / ps / f"{ps}.html").read_text(encoding="utf-8")
    assert "[kjpacts" not in page and "frame-inspection" not in page
