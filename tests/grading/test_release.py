"""Student versions: in sync with the sources, outputs cleared, and a student's work never overwritten."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest

from .conftest import EXERCISES, PROBLEM_SETS, grade

pytestmark = pytest.mark.grading

PS = "ps01-provenance-and-dating"


def test_six_problem_sets_with_the_lesson_names():
    assert PROBLEM_SETS == [
        "ps01-provenance-and-dating", "ps02-cleaning-and-tokens", "ps03-who-speaks",
        "ps04-corroboration-and-reuse", "ps05-framing-and-keyness", "ps06-time-and-entities"]


def test_sources_are_built_from_the_specs():
    """exercises/source/ matches exercises/authoring/ (and the gold annotations it embeds)."""
    from kjpacts.grading.authoring import build_sources

    assert build_sources(EXERCISES, check=True) == [], "run `kjpacts grade build-sources`"


def test_release_is_in_sync_with_the_sources():
    out = grade(EXERCISES, "release-sync", "--check", check=False)
    assert out.returncode == 0, f"release/ drifted from source/: run `kjpacts grade release-sync`\n{out.stdout}{out.stderr}"


@pytest.mark.parametrize("ps", PROBLEM_SETS)
def test_committed_release_is_clean(ps):
    path = EXERCISES / "release" / ps / f"{ps}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    text = path.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    graded = manual = autograded_q = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{cell.id}: outputs not cleared"
        m = cell.metadata.get("nbgrader", {})
        if m.get("grade") and m.get("solution"):
            manual += 1
            assert cell.metadata["kjpacts"]["rubric"], "a written answer needs its rubric"
        elif m.get("grade"):
            graded += 1
            if cell.metadata["kjpacts"]["test"] == "visible":
                autograded_q += 1
    assert autograded_q >= 4, "at least four autograded questions"
    assert graded >= 2 * autograded_q, "each question has visible and hidden tests"
    assert manual >= 1, "at least one manually graded written answer"
    manifest = json.loads((EXERCISES / "release" / ".manifest.json").read_text(encoding="utf-8"))
    from kjpacts.grading.release import sha256

    assert manifest["files"][f"{ps}/{ps}.ipynb"] == sha256(path)


def test_regenerating_never_overwrites_a_students_work(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy2(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "source", course / "source")
    shutil.copytree(EXERCISES / "release", course / "release")
    work = tmp_path / "work"

    # the student copies the release to a working folder and edits it
    out = grade(course, "start", PS, "--dest", str(work))
    mine = work / PS / f"{PS}.ipynb"
    assert str(mine) in out.stdout
    nb = nbformat.read(mine, as_version=4)
    answer = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1-answer")
    answer.source = "def date_record(doc_id):\n    return ('my', 'own', True)  # my work"
    nbformat.write(nb, mine)
    # ... and someone also edits the release copy in the repo in place
    release_nb = course / "release" / PS / f"{PS}.ipynb"
    rel = nbformat.read(release_nb, as_version=4)
    rel.cells[0].source += "\n\nmy notes in the release copy"
    nbformat.write(rel, release_nb)

    # the instructor changes the problem set and regenerates
    src_path = course / "source" / PS / f"{PS}.ipynb"
    src = nbformat.read(src_path, as_version=4)
    src.cells[0].source += "\n\n(Updated by your instructor.)"
    nbformat.write(src, src_path)
    out = grade(course, "release-sync", PS, check=False)
    assert out.returncode == 1 and "NOT overwritten" in out.stdout
    assert "my notes in the release copy" in release_nb.read_text(encoding="utf-8")
    assert "my work" in mine.read_text(encoding="utf-8"), "the working copy must survive"

    # --force keeps the edited release copy beside the new one
    out = grade(course, "release-sync", PS, "--force")
    copies = list((course / "release" / PS).glob(f"{PS}-my-copy-*.ipynb"))
    assert len(copies) == 1 and "my notes in the release copy" in copies[0].read_text(encoding="utf-8")
    assert "(Updated by your instructor.)" in release_nb.read_text(encoding="utf-8")
    assert "my work" in mine.read_text(encoding="utf-8")
    # a fresh release is not "edited": the next sync replaces it quietly, and start never overwrites
    assert grade(course, "release-sync", PS, "--check").returncode == 0
    again = grade(course, "start", PS, "--dest", str(work), check=False)
    assert again.returncode == 1 and "not overwritten" in again.stderr
    assert "my work" in mine.read_text(encoding="utf-8")
