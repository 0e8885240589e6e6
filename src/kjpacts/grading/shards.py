"""Parallel autograding: the class split into shard course folders graded at the same time.

``kjpacts grade autograde PS --jobs N`` (N > 1) deals the submissions to grade
round-robin into N shards. Each shard is a small course folder of its own,
``.grading/shards/<time>-<k>/``, holding copies of ``nbgrader_config.py``,
``source/<ps>/``, the shard's ``submitted/<student>/<ps>/`` folders and the
main ``gradebook.db``. ``nbgrader autograde <ps>`` runs in every shard at once
(each kernel in the bubblewrap sandbox, which also hides the main course
folder), then :func:`run_shards` merges the results back with nbgrader's own
:class:`nbgrader.api.Gradebook`: the same rows a serial run would have written
(student, submission timestamp and extension, notebook flag and late penalty,
every grade and comment), and ``autograded/<student>/<ps>/`` moved into the
main course. Shard folders are deleted after a clean merge and kept (and
named) when something went wrong.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from .course import Course
from .nblog import failures

#: Grade and comment columns copied from a shard's gradebook: the ones autograde writes. Manual
#: scores, extra credit and manual comments are never copied back, so a formgrader edit made
#: while the shards run is not overwritten by the copy taken when they started.
GRADE_FIELDS = ("auto_score", "needs_manual_grade")
COMMENT_FIELDS = ("auto_comment",)
STUDENT_FIELDS = ("first_name", "last_name", "email", "lms_user_id")


@dataclass
class Shard:
    """One shard course folder and its nbgrader run."""

    index: int
    root: Path
    students: list[str]
    returncode: int | None = None
    failed: dict[str, str] = field(default_factory=dict)
    problem: str = ""

    @property
    def course(self) -> Course:
        return Course(self.root)

    @property
    def events(self) -> Path:
        return self.root / ".grading" / "events.jsonl"

    @property
    def out(self) -> Path:
        return self.root / ".grading" / "nbgrader.out"

    @property
    def err(self) -> Path:
        return self.root / ".grading" / "nbgrader.err"

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.problem


def split(students: list[str], jobs: int) -> list[list[str]]:
    """``students`` dealt round-robin into at most ``jobs`` non-empty shards."""
    jobs = max(1, min(jobs, len(students)))
    return [students[k::jobs] for k in range(jobs) if students[k::jobs]]


def copy_gradebook(src: Path, dest: Path) -> None:
    """A consistent copy of an SQLite gradebook (SQLite's online backup, safe while it is open)."""
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def build_shard(course: Course, ps: str, students: list[str], root: Path, index: int) -> Shard:
    """Create the shard course folder ``root`` (new or empty) for ``students`` of ``ps``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(course.root / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(course.source / ps, root / "source" / ps)
    for s in students:
        # copy2 keeps mtimes; symlinks stay links (a dangling one fails that student in nbgrader, not the batch)
        shutil.copytree(course.submitted / s / ps, root / "submitted" / s / ps, symlinks=True)
    copy_gradebook(course.gradebook, root / "gradebook.db")
    (root / ".grading").mkdir(exist_ok=True)
    return Shard(index, root, list(students))


def shard_env(course: Course, shard: Shard) -> dict[str, str]:
    """``Course.env()`` of the shard, with the main course folder hidden from the kernels too."""
    env = shard.course.env(shard.events)
    hide = [p for p in env.get("KJPACTS_SANDBOX_HIDE", "").split(os.pathsep) if p]
    env["KJPACTS_SANDBOX_HIDE"] = os.pathsep.join(hide + [str(course.root)])
    return env


def shard_command(cmd: list[str], shard: Shard) -> list[str]:
    """``cmd`` pinned to the shard's folder and gradebook, whatever nbgrader_config.py says."""
    return [*cmd, f"--CourseDirectory.root={shard.root}",
            f"--CourseDirectory.db_url=sqlite:///{shard.root / 'gradebook.db'}"]


def _append_log(log: Path, shard: Shard, cmd: list[str]) -> str:
    """Append the shard's output to ``log`` (as ``Course.nbgrader`` does); return that output."""
    out = shard.out.read_text(encoding="utf-8", errors="replace") if shard.out.is_file() else ""
    err = shard.err.read_text(encoding="utf-8", errors="replace") if shard.err.is_file() else ""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"# shard {shard.index} ({shard.root}): {' '.join(shard.students)}\n"
                 f"$ {' '.join(cmd)}\n{out}{err}\n[exit {shard.returncode}]\n")
    return out + err


def merge_gradebook(main_db: Path, shard_db: Path, ps: str, students: list[str]) -> list[str]:
    """Copy the shard's gradebook rows of ``students`` for ``ps`` into the main gradebook.

    Returns the students merged (those with a submission in the shard's gradebook).
    """
    from nbgrader.api import Gradebook, MissingEntry
    from sqlalchemy.exc import SAWarning

    merged = []
    with warnings.catch_warnings(), Gradebook(f"sqlite:///{shard_db}") as src, \
            Gradebook(f"sqlite:///{main_db}") as dst:
        warnings.simplefilter("ignore", SAWarning)  # nbgrader's add_submission autoflush noise
        for s in students:
            try:
                sub = src.find_submission(ps, s)
            except MissingEntry:
                continue
            dst.update_or_create_student(s, **{k: getattr(sub.student, k) for k in STUDENT_FIELDS})
            dst.update_or_create_submission(ps, s, timestamp=sub.timestamp, extension=sub.extension)
            for nb in sub.notebooks:
                dnb = dst.find_submission_notebook(nb.name, ps, s)
                dnb.flagged = nb.flagged
                dnb.late_submission_penalty = nb.late_submission_penalty
                for g in nb.grades:
                    dg = dst.find_grade(g.name, nb.name, ps, s)
                    for k in GRADE_FIELDS:
                        setattr(dg, k, getattr(g, k))
                for c in nb.comments:
                    dc = dst.find_comment(c.name, nb.name, ps, s)
                    for k in COMMENT_FIELDS:
                        setattr(dc, k, getattr(c, k))
            dst.db.commit()
            merged.append(s)
    return merged


def merge_autograded(course: Course, shard: Shard, ps: str, student: str) -> bool:
    """Move the shard's ``autograded/<student>/<ps>`` into the main course (never over a copy)."""
    src = shard.root / "autograded" / student / ps
    if not src.is_dir():
        return False
    dest = course.autograded / student / ps
    if dest.exists():
        course.backup(dest, "replaced by a parallel autograde")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(src), str(dest))
    return True


def run_shards(course: Course, ps: str, students: list[str], jobs: int, stamp: str,
               extra: list[str], events: Path, log: Path) -> tuple[dict[str, str], list[Shard]]:
    """Grade ``students`` in ``jobs`` concurrent shards and merge the results into ``course``.

    Returns (students nbgrader could not grade -> nbgrader's reason, the shards). Every shard's events are
    appended to ``events`` and its output to ``log``; failed shards keep their folder.
    """
    base = course.private / "shards"
    base.mkdir(parents=True, exist_ok=True)
    shards = [build_shard(course, ps, group, Path(tempfile.mkdtemp(prefix=f"{stamp}-{k}-", dir=base)), k)
              for k, group in enumerate(split(students, jobs))]
    cmd = [sys.executable, "-m", "nbgrader", "autograde", ps, *extra]
    procs: list[subprocess.Popen] = []
    try:
        for sh in shards:
            with open(sh.out, "wb") as out, open(sh.err, "wb") as err:
                procs.append(subprocess.Popen(shard_command(cmd, sh), cwd=sh.root, env=shard_env(course, sh),
                                              stdout=out, stderr=err, stdin=subprocess.DEVNULL))
        for sh, proc in zip(shards, procs):
            sh.returncode = proc.wait()
    except BaseException:  # Ctrl-C: let each nbgrader stop its kernel, then make sure it is gone
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        raise
    failed: dict[str, str] = {}
    for sh in shards:
        text = _append_log(log, sh, shard_command(cmd, sh))
        if sh.events.is_file():
            with open(events, "a", encoding="utf-8") as fh:
                fh.write(sh.events.read_text(encoding="utf-8"))
        if sh.returncode != 0:
            sh.failed = failures(text, sh.students)
        try:
            merge_gradebook(course.gradebook, sh.root / "gradebook.db", ps, sh.students)
            for s in sh.students:
                merge_autograded(course, sh, ps, s)
        except Exception as exc:  # noqa: BLE001 - keep the shard, grade the others
            sh.problem = f"merging into the main course failed: {exc!r}"
            sh.failed.update({s: sh.problem for s in sh.students if not (course.autograded / s / ps).is_dir()})
        failed.update(sh.failed)
        if sh.ok:
            shutil.rmtree(sh.root)
    if base.is_dir() and not any(base.iterdir()):
        base.rmdir()
    return failed, shards
