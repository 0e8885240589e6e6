"""``kjpacts grade export``: nbgrader's grades CSV with the kit's status, flags and message.

Scores are rounded to 2 decimals. A submission with no grade (corrupt, missing, not graded,
an nbgrader error) has an empty score and says why; a ``crashed`` one keeps the score its
cells earned before the crash, written out explicitly.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from kjpacts.grading.report import read_csv

from .course import Course, GradingError, require_nbgrader
from .pipeline import log_path

#: Statuses with no grade at all: their score is left empty, never a silent 0.
NO_GRADE = ("corrupt", "missing", "not-graded", "nbgrader-error")
SCORE_FIELDS = ("score", "max_score")


def _round(value: str) -> str:
    try:
        return f"{round(float(value), 2):g}"
    except (TypeError, ValueError):
        return value or ""


def export(course: Course, to: Path, force: bool = False) -> Path:
    """Write the grades CSV to ``to`` (refusing to replace a file unless ``force``)."""

    require_nbgrader("export")
    if to.exists() and not force:
        raise GradingError(f"{to} exists: choose another file with --to, or --force to replace it")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "nbgrader.csv"
        course.nbgrader("export", f"--to={raw}", log=log_path(course, "export"), check=True)
        rows = read_csv(raw)
    status = {(r["assignment"], r["student_id"]): r for r in read_csv(course.reports / "status.csv")}
    fields = list(rows[0].keys()) if rows else ["assignment", "student_id", "score", "max_score"]
    out_fields = fields + ["status", "flags", "message"]
    seen = set()
    out = []
    for r in rows:
        key = (r["assignment"], r["student_id"])
        seen.add(key)
        st = status.get(key)
        r = dict(r)
        if st is None:
            r.update(status="missing" if not (course.submitted / key[1] / key[0]).is_dir() else "not-graded",
                     flags="", message="no autograde run recorded for this submission")
        else:
            r.update(status=st["status"], flags=st["flags"], message=st["message"])
        if r["status"] in NO_GRADE:
            r["score"] = ""  # no grade: never a silent 0
        elif r["status"] == "crashed":
            r["score"] = r.get("score") or (st or {}).get("score") or "0"  # what the cells before the crash earned
        for k in SCORE_FIELDS:
            r[k] = _round(r.get(k, ""))
        out.append(r)
    for key, st in sorted(status.items()):
        if key not in seen:
            out.append({**{f: "" for f in fields}, "assignment": key[0], "student_id": key[1],
                        "status": st["status"], "flags": st["flags"], "message": st["message"],
                        "score": "" if st["status"] in NO_GRADE else _round(st["score"]),
                        "max_score": _round(st["max_score"])})
    to.parent.mkdir(parents=True, exist_ok=True)
    with open(to, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=out_fields)
        w.writeheader()
        for r in out:
            w.writerow({k: r.get(k, "") for k in out_fields})
    return to
