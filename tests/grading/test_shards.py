"""Parallel autograding (``--jobs N``): the same class graded in one batch and in two shards
gives the same gradebook, report and notebooks; the shards' kernels cannot see the main course;
regrading backs up; without nbgrader, instructor commands say how to install it."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import subs
from .conftest import TIMEOUT, copy_course, generated_course, grade, read_status

pytestmark = pytest.mark.grading

PS = "ps01-provenance-and-dating"
#: student -> variant: correct, blank, partial (visible tests only), tampering, not gradeable
CLASS = {"ann": "solution", "bo": "blank", "cy": "hardcoded", "di": "read-hidden", "ed": "write-source",
         "fay": "solution", "gus": "corrupt"}
GRADED = sorted(s for s, v in CLASS.items() if v != "corrupt")
HANDED_IN = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.timezone.utc).timestamp()


def gradebook_snapshot(root: Path, ps: str) -> dict[str, dict]:
    """Per student: submission, notebook, grade and comment fields a grader relies on."""
    from nbgrader.api import Gradebook, MissingEntry

    out = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for st in gb.students:
            try:
                sub = gb.find_submission(ps, st.id)
            except MissingEntry:
                continue
            snap = {"student": (st.first_name, st.last_name, st.email, st.lms_user_id),
                    "submission": (sub.timestamp, sub.extension, sub.score, sub.needs_manual_grade)}
            for nb in sub.notebooks:
                snap[nb.name] = (nb.flagged, nb.late_submission_penalty)
                for g in nb.grades:
                    snap[f"grade {g.name}"] = (g.auto_score, g.manual_score, g.extra_credit, g.needs_manual_grade)
                for c in nb.comments:
                    snap[f"comment {c.name}"] = (c.auto_comment, c.manual_comment)
            out[st.id] = snap
    return out


def status_rows(root: Path) -> dict:
    return {k: {c: v for c, v in r.items() if c != "graded_at"} for k, r in read_status(root).items()}


def break_for_nbgrader(folder: Path) -> None:
    """A submission nbgrader itself cannot process: a dangling symlink in the submission folder
    (nbgrader's copy of the folder fails: ``There was an error ... for student``)."""
    (folder / "data.csv").symlink_to(folder / "no-such-file")


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A course folder with PS generated (copied by each test that grades)."""
    return generated_course(tmp_path_factory, "shards", PS)


@pytest.fixture(scope="module")
def pair(base) -> dict:
    """The same class collected in two course copies, graded with --jobs 1 and --jobs 2."""
    tmp = base.parent
    prob = subs.Problem(base, PS)
    out = {"problem": prob}
    for jobs in (1, 2):
        root = tmp / f"jobs{jobs}"
        shutil.copytree(base, root)
        incoming = tmp / f"incoming{jobs}"
        for student, variant in CLASS.items():
            content, fname = prob.variant(variant, root)  # probes aim at this course's own folder
            subs.write_submission(incoming, student, content, fname)
        for f in incoming.rglob("*"):
            os.utime(f, (HANDED_IN, HANDED_IN))  # the same hand-in time in both copies
        grade(root, "collect", PS, "--from", str(incoming))
        proc = grade(root, "autograde", PS, "--jobs", str(jobs), "--timeout", TIMEOUT)
        out[jobs] = {"root": root, "proc": proc, "gradebook": gradebook_snapshot(root, PS),
                     "status": status_rows(root)}
    return out


def test_two_shards_grade_like_one_batch(pair):
    one, two = pair[1], pair[2]
    # collect --from filled timestamp.txt from the files' time: nbgrader recorded it
    assert two["gradebook"]["ann"]["submission"][0] == datetime.datetime(2026, 3, 2, 9, 30)
    assert set(two["gradebook"]) == set(GRADED)
    for student in GRADED:
        assert two["gradebook"][student] == one["gradebook"][student], student
    keys = two["gradebook"]["ann"]
    assert sum(k.startswith("grade ") for k in keys) >= 10 and any(k.startswith("comment ") for k in keys)
    assert two["gradebook"]["bo"]["comment q1-answer"] == ("No response.", None)
    assert two["status"] == one["status"]
    full = subs.points(pair["problem"].source)
    assert float(two["status"][(PS, "ann")]["autograded_score"]) == full
    assert float(two["status"][(PS, "bo")]["autograded_score"]) == 0.0
    assert 0 < float(two["status"][(PS, "cy")]["autograded_score"]) < full
    assert two["status"][(PS, "gus")]["status"] == "corrupt"


def test_notebooks_merged_and_shards_removed(pair):
    root = pair[2]["root"]
    for student in GRADED:
        assert (root / "autograded" / student / PS / f"{PS}.ipynb").is_file(), student
    assert not (root / "autograded" / "gus").exists()
    assert not (root / ".grading" / "shards").exists(), "shard folders left behind"
    log = next((root / ".grading" / "logs").glob(f"*-autograde-{PS}.log")).read_text(encoding="utf-8")
    assert "# shard 0 " in log and "# shard 1 " in log
    assert pair[2]["proc"].stderr.count("folder is kept") == 0


def test_shard_kernels_cannot_see_the_main_course(pair):
    root = pair[2]["root"]
    found = subs.probe_result(root / "autograded" / "di" / PS / f"{PS}.ipynb", "READ-PROBE")
    assert found is not None, "the read probe did not run"
    assert not any(found.values()), f"readable from a shard's sandbox: {found}"
    done = subs.probe_result(root / "autograded" / "ed" / PS / f"{PS}.ipynb", "WRITE-PROBE")
    assert done is not None
    assert done.pop("own folder") is True
    assert not any(done.values()), f"writable from a shard's sandbox: {done}"
    assert not list(root.rglob("injected*"))
    # the kernel writes in a scratch folder that is thrown away: nothing reaches autograded/
    assert not (root / "autograded" / "ed" / PS / "mine.txt").exists()
    assert "wrote-files" in status_rows(root)[(PS, "ed")]["flags"]


def test_regrade_in_shards_backs_up_earlier_copies(pair):
    root = pair[1]["root"]  # graded in one batch; now regraded in two shards
    before = read_status(root)
    earlier = {s: (root / "autograded" / s / PS / f"{PS}.ipynb").read_bytes() for s in ("ann", "bo")}
    grade(root, "autograde", PS, "--student", "ann", "--student", "bo", "--regrade", "--jobs", "2",
          "--timeout", TIMEOUT)
    after = read_status(root)
    for s, nb in earlier.items():
        assert after[(PS, s)]["status"] == "ok"
        assert after[(PS, s)]["autograded_score"] == before[(PS, s)]["autograded_score"]
        assert (root / "autograded" / s / PS / f"{PS}.ipynb").is_file()
        kept = [p.read_bytes() for p in (root / ".grading" / "backups").glob(f"*/autograded/{s}/{PS}*/{PS}.ipynb")]
        assert nb in kept, f"{s}: the earlier autograded copy was not backed up"
    log = (root / ".grading" / "backups" / "LOG.txt").read_text(encoding="utf-8")
    assert f"autograded/ann/{PS}" in log and f"autograded/bo/{PS}" in log
    assert list((root / ".grading" / "backups").glob("*/gradebook.db"))
    assert not (root / ".grading" / "shards").exists()
    assert gradebook_snapshot(root, PS)["cy"] == pair[1]["gradebook"]["cy"], "a student not regraded changed"


def test_failed_shard_keeps_the_other_results(base):
    root = base.parent / "failing"
    shutil.copytree(base, root)
    prob = subs.Problem(root, PS)
    incoming = base.parent / "incoming-failing"
    # sorted and dealt round-robin: shard 0 = ann, cy; shard 1 = bo (fails), dee
    for student, nb in {"ann": prob.solution(), "bo": prob.solution(), "cy": prob.blank(),
                        "dee": prob.solution()}.items():
        subs.write_submission(incoming, student, nb, f"{PS}.ipynb")
    grade(root, "collect", PS, "--from", str(incoming))
    break_for_nbgrader(root / "submitted" / "bo" / PS)
    proc = grade(root, "autograde", PS, "--jobs", "2", "--timeout", TIMEOUT)
    st = read_status(root)
    full = subs.points(prob.source)
    for s, score in (("ann", full), ("cy", 0.0), ("dee", full)):
        assert st[(PS, s)]["status"] == "ok", st[(PS, s)]
        assert float(st[(PS, s)]["autograded_score"]) == score
        assert (root / "autograded" / s / PS / f"{PS}.ipynb").is_file()
    assert st[(PS, "bo")]["status"] == "nbgrader-error" and st[(PS, "bo")]["score"] == ""
    assert "data.csv" in st[(PS, "bo")]["message"], st[(PS, "bo")]["message"]  # nbgrader's own reason
    assert "shard folder kept" in st[(PS, "bo")]["message"]
    kept = list((root / ".grading" / "shards").iterdir())  # the failed shard only, named on stderr
    assert len(kept) == 1 and re.match(r"\d{8}-\d{6}-1-", kept[0].name), kept  # <time>-<shard>-<unique>
    assert f"folder is kept for a look: {kept[0]}" in proc.stderr


def test_split_is_round_robin():
    from kjpacts.grading.shards import split

    assert split(list("abcde"), 2) == [["a", "c", "e"], ["b", "d"]]
    assert split(list("ab"), 8) == [["a"], ["b"]]
    assert split(list("abc"), 1) == [["a", "b", "c"]]


def test_without_nbgrader_instructor_commands_say_how_to_install(tmp_path, monkeypatch, capsys):
    from kjpacts.cli import main
    from kjpacts.grading.pipeline import autograde
    from kjpacts.grading.course import Course, GradingError

    root = copy_course(tmp_path / "course")
    monkeypatch.setitem(sys.modules, "nbgrader", None)  # `import nbgrader` now fails
    for args in (["autograde", PS], ["generate"], ["feedback", PS], ["export"], ["release-sync"]):
        assert main(["grade", "--course", str(root), *args]) == 1
        err = capsys.readouterr().err
        assert f"kjpacts grade {args[0]} needs nbgrader" in err, err
        assert "pip install -e '.[instructor]'" in err and "pip install 'kjpacts[instructor]'" in err
    with pytest.raises(GradingError, match="needs nbgrader, which is part of the instructor tools"):
        autograde(Course(root), PS)
    assert main(["grade", "--course", str(root), "start", PS, "--dest", str(tmp_path / "work")]) == 0
    assert (tmp_path / "work" / PS / f"{PS}.ipynb").is_file()


def test_start_never_imports_nbgrader(tmp_path):
    """A fresh interpreter where nbgrader cannot be imported: ``kjpacts grade start`` still works."""
    root = copy_course(tmp_path / "course")
    code = ("import sys; sys.modules['nbgrader'] = None\n"
            "from kjpacts.cli import main\n"
            f"sys.exit(main(['grade', '--course', {str(root)!r}, 'start', {PS!r}, '--dest', {str(tmp_path / 'w')!r}]))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "w" / PS / f"{PS}.ipynb").is_file()


def test_merge_keeps_manual_grades_entered_while_shards_ran(pair, tmp_path):
    """A shard's gradebook copy predates any formgrader edit made meanwhile: the merge takes the
    autograde fields from the shard and leaves manual scores and comments as the main gradebook has them."""
    from nbgrader.api import Gradebook

    from kjpacts.grading.shards import merge_gradebook

    main = tmp_path / "main.db"
    shard = tmp_path / "shard.db"
    shutil.copy2(pair[2]["root"] / "gradebook.db", main)
    shutil.copy2(main, shard)
    with Gradebook(f"sqlite:///{shard}") as gb:  # the shard regraded: a different auto score
        g = gb.find_grade("q1-test", PS, PS, "ann")
        g.auto_score = 0.25
        gb.db.commit()
    with Gradebook(f"sqlite:///{main}") as gb:  # meanwhile, an instructor marks by hand
        gb.find_grade("q1-test", PS, PS, "ann").manual_score = 0.5
        gb.find_comment("w1", PS, PS, "ann").manual_comment = "Good use of the byline."
        gb.db.commit()
    assert merge_gradebook(main, shard, PS, ["ann"]) == ["ann"]
    with Gradebook(f"sqlite:///{main}") as gb:
        g = gb.find_grade("q1-test", PS, PS, "ann")
        assert (g.auto_score, g.manual_score) == (0.25, 0.5)
        assert gb.find_comment("w1", PS, PS, "ann").manual_comment == "Good use of the byline."
