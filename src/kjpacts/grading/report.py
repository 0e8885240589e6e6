"""The status report: one row per submission, with an explicit status.

``status`` is one of:

- ``ok``: graded;
- ``renamed``: graded, after copying a renamed notebook to the expected name;
- ``timeout``: graded, but at least one cell hit the per-cell timeout;
- ``crashed``: the kernel died (``os._exit``, memory limit); the cells after the
  crash score 0 (``score`` is what the cells before it earned);
- ``nbgrader-error``: nbgrader itself could not grade the notebook; ``message`` holds
  nbgrader's own error line and ``score`` is empty;
- ``corrupt``: not graded, the file is not a readable notebook of this set;
- ``missing``: not graded, no notebook was submitted;
- ``skipped``: already autograded; nothing changed (``--regrade`` redoes it).

``score`` is empty when there is no grade (corrupt, missing, nbgrader-error):
never a silent 0. ``flags`` lists what the instructor should look at: pre-flight findings,
metadata the grader repaired (``repaired-metadata``, ``upgraded-nbformat``), and what the
judge saw (``not-plain-data``, ``answer-channel-tampered``, ``wrote-files``...).
"""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .course import Course
from .preflight import Check

COLUMNS = ["assignment", "student_id", "status", "score", "max_score", "autograded_score",
           "autograded_max", "manual_pending", "flags", "message", "notebook", "graded_at"]


@dataclass
class Row:
    assignment: str
    student_id: str
    status: str
    score: float | None = None
    max_score: float | None = None
    autograded_score: float | None = None
    autograded_max: float | None = None
    manual_pending: bool | None = None
    flags: list[str] = field(default_factory=list)
    message: str = ""
    notebook: str = ""
    graded_at: str = ""

    def as_dict(self) -> dict:
        d = {k: getattr(self, k) for k in COLUMNS}
        d["flags"] = " ".join(self.flags)
        for k in ("score", "max_score", "autograded_score", "autograded_max"):
            d[k] = "" if d[k] is None else round(float(d[k]), 2)
        d["manual_pending"] = "" if self.manual_pending is None else ("yes" if self.manual_pending else "no")
        return d


def read_events(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def grades_from_gradebook(course: Course, assignment: str, student: str) -> dict | None:
    """Scores and per-cell results of one submission, or None when there is none."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            sub = gb.find_submission(assignment, student)
        except MissingEntry:
            return None
        cells = {}
        auto, auto_max, pending = 0.0, 0.0, False
        for nb in sub.notebooks:
            for g in nb.grades:
                cells[g.name] = (g.score, g.max_score, g.auto_score, g.needs_manual_grade)
                if g.needs_manual_grade:
                    pending = True
                if g.cell_type == "code":
                    auto += g.auto_score or 0.0
                    auto_max += g.max_score
        return {"score": sub.score, "max_score": sub.max_score, "auto": auto, "auto_max": auto_max,
                "pending": pending, "cells": cells}


def error_names(path: Path) -> dict[str, set[str]]:
    """grade_id -> error names in the autograded notebook."""
    out: dict[str, set[str]] = {}
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001
        return out
    for c in nb.cells:
        if c.cell_type != "code":
            continue
        gid = c.metadata.get("nbgrader", {}).get("grade_id", f"cell-{id(c)}")
        names = {o.get("ename") for o in c.get("outputs", []) if o.get("output_type") == "error"}
        if names:
            out[gid] = names
    return out


def visible_only(cells: dict) -> list[str]:
    """Questions whose visible test passed and whose hidden test failed (hard-coding?)."""
    out = []
    for gid, (score, max_score, *_rest) in cells.items():
        if not gid.endswith("-test"):
            continue
        q = gid[: -len("-test")]
        hidden = cells.get(q + "-hidden")
        if hidden and score is not None and score >= max_score > 0 and (hidden[0] or 0) < 0.5 * hidden[1]:
            out.append(q)
    return out


def build_rows(course: Course, assignment: str, checks: list[Check], graded: set[str],
               skipped: set[str], events: list[dict], proc_failed: dict[str, str]) -> list[Row]:
    now = time.strftime("%Y-%m-%d %H:%M:%S")
    rows = []
    for chk in checks:
        row = Row(assignment, chk.student, chk.status, flags=list(chk.flags), message=chk.message,
                  notebook=chk.notebook, graded_at=now)
        if chk.status in ("corrupt", "missing"):
            row.message = (row.message + "; " if row.message else "") + "not graded: no score recorded"
            rows.append(row)
            continue
        if chk.student in skipped:
            row.status = "skipped"
            row.message = "already autograded; previous grades kept (use --regrade to grade again)"
        mine = [e for e in events if e.get("student") == chk.student and e.get("assignment") == assignment]
        kinds = {e["event"] for e in mine}
        g = grades_from_gradebook(course, assignment, chk.student)
        nb_path = course.autograded / chk.student / assignment / f"{assignment}.ipynb"
        if chk.student in graded:
            if chk.student in proc_failed or not nb_path.is_file():
                row.status = "nbgrader-error"
                why = proc_failed.get(chk.student) or "no autograded notebook was written"
                row.message = ((row.message + "; ") if row.message else "") + \
                    f"nbgrader could not grade this submission: {why} (full log in .grading/logs); no score recorded"
                rows.append(row)
                continue
            errs = error_names(nb_path)
            all_errs = set().union(*errs.values()) if errs else set()
            if "crashed" in kinds or "unresponsive" in kinds or "KernelDied" in all_errs or "NotRun" in all_errs:
                row.status = "crashed"
                why = "the kernel stopped responding" if "unresponsive" in kinds else "the kernel died"
                row.message = ((row.message + "; ") if row.message else "") + \
                    f"{why}: cells after that point were not run and score 0"
            elif "timeout" in kinds or "CellTimeoutError" in all_errs:
                row.status = "timeout"
                n = sum(1 for e in mine if e["event"] == "timeout") or 1
                row.message = ((row.message + "; ") if row.message else "") + \
                    f"{n} cell(s) stopped at the timeout; the rest was graded"
            if "output-truncated" in kinds:
                row.flags.append("output-truncated")
            for e in mine:
                if e["event"] in ("repaired", "judge-flags"):
                    row.flags += [f for f in e.get("flags", []) if f not in row.flags]
        if g is not None:
            row.score, row.max_score = g["score"], g["max_score"]
            row.autograded_score, row.autograded_max = g["auto"], g["auto_max"]
            row.manual_pending = g["pending"]
            vo = visible_only(g["cells"]) if row.status not in ("crashed", "timeout") else []
            if vo:
                row.flags.append("visible-only:" + "+".join(vo))
        rows.append(row)
    return rows


def write_csv(path: Path, rows: list[Row]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(r.as_dict())
    return path


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def update_status(course: Course, rows: list[Row]) -> Path:
    """Merge this run into ``reports/status.csv`` (one row per assignment and student).

    A ``skipped`` row never replaces an earlier result.
    """
    path = course.reports / "status.csv"
    current = {(r["assignment"], r["student_id"]): r for r in read_csv(path)}
    for r in rows:
        key = (r.assignment, r.student_id)
        if r.status == "skipped" and key in current:
            continue
        current[key] = r.as_dict()
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for key in sorted(current):
            w.writerow({k: current[key].get(k, "") for k in COLUMNS})
    tmp.replace(path)
    return path


def table(rows: list[Row]) -> str:
    lines = [f"{'student':<18} {'status':<8} {'score':>11}  flags / message"]
    for r in rows:
        score = "" if r.score is None else f"{r.score:g}/{r.max_score:g}"
        extra = " ".join(r.flags)
        if r.message:
            extra = (extra + "  " if extra else "") + r.message
        lines.append(f"{r.student_id:<18} {r.status:<8} {score:>11}  {extra}")
    return "\n".join(lines)


def add_flags(course: Course, assignment: str, flags: dict[str, list[str]], prefix: str = "similar-to:") -> Path:
    """Set the ``prefix`` flags of ``assignment``'s rows in ``reports/status.csv`` to ``flags``."""
    path = course.reports / "status.csv"
    rows = read_csv(path)
    known = {r["student_id"] for r in rows if r["assignment"] == assignment}
    for student in sorted(set(flags) - known):
        rows.append({**{k: "" for k in COLUMNS}, "assignment": assignment, "student_id": student,
                     "status": "not-graded", "message": "not autograded yet"})
    for r in rows:
        if r["assignment"] != assignment:
            continue
        kept = [f for f in r.get("flags", "").split() if not f.startswith(prefix)]
        r["flags"] = " ".join(kept + flags.get(r["student_id"], []))
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        for r in sorted(rows, key=lambda r: (r["assignment"], r["student_id"])):
            w.writerow({k: r.get(k, "") for k in COLUMNS})
    tmp.replace(path)
    return path
