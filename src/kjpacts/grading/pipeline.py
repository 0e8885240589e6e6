"""The autograde pipeline: pre-flight, sandboxed nbgrader (one batch or shards), the report.

:func:`autograde` is what ``kjpacts grade autograde`` runs. Student code runs in the
bubblewrap kernel; every test is judged in nbgrader's own (trusted) process by
:class:`~kjpacts.grading.preprocessors.execute.SandboxExecute`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Iterator

from kjpacts.grading.formgrader import add_notes
from kjpacts.grading.preflight import Check, preflight
from kjpacts.grading.report import (
    build_rows,
    read_events,
    table,
    update_status,
    write_csv,
)
from kjpacts.errors import CorpusError
from kjpacts.grading.sandbox import SANDBOX_CORPUS_ENV, bwrap_available
from kjpacts.grading.shards import run_shards
from kjpacts.grading.withheld import withheld_corpus, withholds_of
from kjpacts.paths import corpus_dir

from .course import Course, GradingError, require_nbgrader
from .nblog import failures


def log_path(course: Course, what: str) -> Path:
    """A new log file name in ``.grading/logs/``."""
    return course.private / "logs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{what}.log"


def _gradebook_has(course: Course, ps: str) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    if not course.gradebook.is_file():
        return False
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            gb.find_assignment(ps)
            return True
        except MissingEntry:
            return False


def missing_students(course: Course, ps: str, seen: set[str]) -> list:
    """Students the gradebook knows who handed nothing in for ``ps``."""
    from nbgrader.api import Gradebook


    if not course.gradebook.is_file():
        return []
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        known = sorted(s.id for s in gb.students)
    return [Check(s, ps, "missing", message="no submission") for s in known
            if s not in seen and not (course.submitted / s / ps).exists()]


def _one_batch(course: Course, ps: str, to_grade: list[str], timeout: int | None, events: Path,
               log: Path) -> dict[str, str]:
    """One ``nbgrader autograde`` over ``to_grade``; the students it could not grade, with nbgrader's reason."""
    all_students = sorted(p.name for p in course.submitted.iterdir() if p.is_dir())
    exclude = [s for s in all_students if s not in to_grade]
    cmd = ["autograde", ps]
    if exclude:
        cmd.append("--CourseDirectory.student_id_exclude=" + ",".join(exclude))
    if timeout:
        cmd.append(f"--Execute.timeout={int(timeout)}")
    proc = course.nbgrader(*cmd, events=events, log=log)
    if proc.returncode == 0:
        return {}
    return failures(proc.stdout + proc.stderr, to_grade)


def _sharded(course: Course, ps: str, to_grade: list[str], jobs: int, timeout: int | None, stamp: str,
             events: Path, log: Path) -> dict[str, str]:
    """``to_grade`` in ``jobs`` concurrent shards, merged back; the students not graded, with the reason."""

    extra = [f"--Execute.timeout={int(timeout)}"] if timeout else []
    failed, shards = run_shards(course, ps, to_grade, jobs, stamp, extra, events, log)
    for sh in shards:
        if not sh.ok:
            why = sh.problem or f"nbgrader exited {sh.returncode}"
            print(f"shard {sh.index} ({', '.join(sh.students)}): {why}; its folder is kept for a look: {sh.root}",
                  file=sys.stderr)
            for s in sh.failed:
                failed[s] = f"{failed[s]} (shard folder kept: {sh.root})"
    return failed


def grading_corpus(course: Course, ps: str) -> Path:
    """``.grading/corpus/<ps>/``: the corpus the grading kernels get, with what the problem set's
    source notebook withholds taken out (:mod:`kjpacts.grading.withheld`); made anew each run."""
    try:
        return withheld_corpus(corpus_dir(), course.private / "corpus" / ps, withholds_of(course.source / ps))
    except (ValueError, OSError, CorpusError) as exc:
        raise GradingError(f"{ps}: cannot make the grading corpus: {exc}") from None


@contextlib.contextmanager
def kernels_get(corpus: Path) -> Iterator[None]:
    """Point the sandbox launchers that nbgrader starts from here at ``corpus``."""
    before = os.environ.get(SANDBOX_CORPUS_ENV)
    os.environ[SANDBOX_CORPUS_ENV] = str(corpus)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SANDBOX_CORPUS_ENV, None)
        else:
            os.environ[SANDBOX_CORPUS_ENV] = before


def student_errors(events: list[dict], ps: str, students: set[str]) -> list[tuple[str, str, str]]:
    """(student, answer cell, note) for every error the student's code raised in a test: the note
    goes into the comment of the question's answer cell (``q3-hidden`` -> ``q3-answer``)."""
    return [(e["student"], e["grade_id"].split("-")[0] + "-answer", f"{e['label']}: {e['message']}")
            for e in events if e.get("event") == "student-error" and e.get("assignment") == ps
            and e.get("student") in students]


def autograde(course: Course, ps: str, students: list[str] | None = None, timeout: int | None = None,
              regrade: bool = False, quiet: bool = False, jobs: int | None = None):
    """Pre-flight, sandboxed nbgrader, then the report. Returns (rows, csv_path).

    ``jobs`` (default: the number of CPUs, at most one per submission) > 1 grades the class in
    that many concurrent shards (:mod:`~kjpacts.grading.shards`); 1 runs one nbgrader batch.
    """
    require_nbgrader("autograde")
    if jobs is not None and jobs < 1:
        raise GradingError(f"--jobs must be 1 or more, not {jobs}")

    ps = course.check_assignment(ps)
    problem = bwrap_available()
    if problem:
        raise GradingError(f"the grading sandbox is not available: {problem}")
    if not _gradebook_has(course, ps):
        raise GradingError(f"{ps} is not in the gradebook yet: run `kjpacts grade generate {ps}` first")
    checks = preflight(course, ps, students)
    if students is None:
        checks += missing_students(course, ps, {c.student for c in checks})
    if not checks:
        raise GradingError(f"no submissions in {course.submitted}/*/{ps}/ (use `kjpacts grade collect`)")
    gradeable = [c.student for c in checks if c.status in ("ok", "renamed")]
    skipped = {s for s in gradeable if (course.autograded / s / ps).exists() and not regrade}
    to_grade = [s for s in gradeable if s not in skipped]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    events = course.private / "logs" / f"{stamp}-events-{ps}.jsonl"
    events.parent.mkdir(parents=True, exist_ok=True)
    log = log_path(course, f"autograde-{ps}")
    failed: dict[str, str] = {}
    if to_grade:
        if regrade:
            redo = [s for s in to_grade if (course.autograded / s / ps).exists()]
            if redo:
                gb_copy = course.private / "backups" / stamp / "gradebook.db"
                gb_copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(course.gradebook, gb_copy)
                for s in redo:
                    course.backup(course.autograded / s / ps, "regrade")
        jobs = min(jobs or os.cpu_count() or 1, len(to_grade))
        with kernels_get(grading_corpus(course, ps)):
            if jobs > 1:
                failed = _sharded(course, ps, to_grade, jobs, timeout, stamp, events, log)
            else:
                failed = _one_batch(course, ps, to_grade, timeout, events, log)
    logged = read_events(events)
    rows = build_rows(course, ps, checks, set(to_grade), skipped, logged, failed)
    report = write_csv(course.reports / f"autograde-{ps}-{stamp}.csv", rows)
    update_status(course, rows)
    notes = {r.student_id: [(None, "autograde flags: " + " ".join(r.flags))] for r in rows
             if r.flags and r.status not in ("corrupt", "missing", "skipped")}
    for student, cell, text in student_errors(logged, ps, set(to_grade)):
        notes.setdefault(student, []).append((cell, text))
    if notes:
        add_notes(course, ps, notes, "autograde")
    if not quiet:
        print(table(rows))
        print(f"\nreport: {report.relative_to(course.root)}   (all runs: reports/status.csv; log: {log.relative_to(course.root)})")
    return rows, report
