"""Last check on feedback HTML: no hidden test code may reach a student.

``SanitizeFeedback`` (run by nbgrader through ``nbgrader_config.py``) already
removes hidden tests and their tracebacks. This scan reads every generated
HTML file again, looks for any line of hidden test code (taken from the
gradebook), removes the lines that contain one and reports the file.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from kjpacts.grading.pipeline import log_path

from .course import Course
from .hidden import secret_lines


def hidden_secrets(course: Course, assignment: str) -> set[str]:
    from nbgrader.api import Gradebook, MissingEntry

    sources: list[str] = []
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            a = gb.find_assignment(assignment)
        except MissingEntry:
            return set()
        for nb in a.notebooks:
            sources += [sc.source or "" for sc in nb.source_cells]
    return secret_lines(sources)


def _variants(secret: str) -> set[str]:
    esc = html.escape(secret, quote=False)
    return {secret, esc, html.escape(secret, quote=True), esc.replace("'", "&#39;")}


def scan_html(path: Path, secrets: set[str], fix: bool = True) -> int:
    """Number of leaking lines in ``path`` (removed when ``fix``)."""
    text = path.read_text(encoding="utf-8")
    needles = set()
    for s in secrets:
        needles |= _variants(s)
    plain_lines = text.split("\n")
    leaks = 0
    for i, line in enumerate(plain_lines):
        stripped = re.sub(r"<[^>]+>", "", line)
        if any(n in line or n in stripped for n in needles):
            leaks += 1
            plain_lines[i] = "<span>[hidden test code removed]</span>"
    if leaks and fix:
        path.write_text("\n".join(plain_lines), encoding="utf-8")
    return leaks


def scan_feedback(course: Course, assignment: str, students: list[str] | None = None) -> dict[str, int]:
    secrets = hidden_secrets(course, assignment)
    out = {}
    if not course.feedback.is_dir():
        return out
    for folder in sorted(course.feedback.glob(f"*/{assignment}")):
        student = folder.parent.name
        if students and student not in students:
            continue
        for html_file in sorted(folder.glob("*.html")):
            n = scan_html(html_file, secrets)
            if n:
                out[str(html_file.relative_to(course.root))] = n
    return out


def only_feedback_html(course: Course, assignment: str, students: list[str] | None = None) -> list[Path]:
    """Remove every file but the feedback HTML from ``feedback/<student>/<assignment>/``.

    nbgrader copies the whole autograded folder (anything a submission held); only the
    feedback page is meant for the student. Returns the files removed (copies: the originals
    stay in ``submitted/``).
    """
    removed = []
    if not course.feedback.is_dir():
        return removed
    for folder in sorted(course.feedback.glob(f"*/{assignment}")):
        if students and folder.parent.name not in students:
            continue
        for p in sorted(folder.rglob("*"), reverse=True):
            if p.is_file() and not (p.suffix == ".html" and p.parent == folder):
                p.unlink()
                removed.append(p)
            elif p.is_dir() and not any(p.iterdir()):
                p.rmdir()
    return removed


@dataclass
class FeedbackRun:
    assignment: str
    log: Path
    failed: bool = False
    leaks: dict[str, int] = field(default_factory=dict)
    removed: list[Path] = field(default_factory=list)
    pages: int = 0


def feedback(course: Course, assignment: str, students: list[str] | None = None, force: bool = False) -> FeedbackRun:
    """nbgrader ``generate_feedback``, then the HTML scanned for hidden tests and the folders emptied of copies."""

    ps = course.check_assignment(assignment)
    run = FeedbackRun(ps, log_path(course, f"feedback-{ps}"))
    extra = ["--force"] if force else []
    for student in (students or [None]):
        sel = [f"--student={student}"] if student else []
        run.failed |= course.nbgrader("generate_feedback", ps, *sel, *extra, log=run.log).returncode != 0
    run.leaks = scan_feedback(course, ps, students)
    run.removed = only_feedback_html(course, ps, students)
    run.pages = len(list(course.feedback.glob(f"*/{ps}/*.html"))) if course.feedback.is_dir() else 0
    return run
