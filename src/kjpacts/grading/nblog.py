"""Reading nbgrader's console output: which submissions failed, and nbgrader's reason."""

from __future__ import annotations

import re

_START = re.compile(r"There was an error processing assignment: (?P<path>\S+)")
_EXC = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)\b(: .*)?$")


def failures(text: str, students: list[str]) -> dict[str, str]:
    """student -> nbgrader's error line, for every student nbgrader reports it could not process."""
    lines = text.splitlines()
    reasons: dict[str, str] = {}
    for i, line in enumerate(lines):
        m = _START.search(line)
        if not m:
            continue
        student = m.group("path").rstrip("/").split("/")[-2] if "/" in m.group("path") else ""
        last = ""
        for nxt in lines[i + 1:]:
            if nxt.startswith("[") and "Traceback" not in nxt:
                break
            if _EXC.match(nxt.strip()):  # the exception line of the traceback (nbgrader indents it)
                last = nxt.strip()
        if student:
            reasons[student] = last[:300] or "nbgrader reported an error"
    for s in students:
        if f"for student '{s}'" in text and s not in reasons:
            reasons[s] = "nbgrader reported an error (see the log)"
    return {s: r for s, r in reasons.items() if s in students}
