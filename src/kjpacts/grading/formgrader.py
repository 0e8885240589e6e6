"""The kit's flags in nbgrader's formgrader, through nbgrader's Gradebook API.

A submission with a flag is marked *flagged* (the formgrader shows it), and a note goes into the
comment of one of its answer cells, on a line starting with :data:`MARK`, only where no grader
has written a comment (a grader's words are never overwritten). The kit's own lines are replaced
on every run. Feedback never shows them: ``SanitizeFeedback`` removes every line that starts
with :data:`MARK` from the comments it puts in the student's page.
"""

from __future__ import annotations

from .course import Course

#: Start of every comment line the kit writes for graders.
MARK = "[kjpacts"


def strip_notes(comment: str | None) -> str | None:
    """``comment`` without the kit's lines (None when nothing else is left)."""
    if not comment:
        return comment
    kept = [ln for ln in comment.splitlines() if not ln.startswith(MARK)]
    return "\n".join(kept) if any(ln.strip() for ln in kept) else None


def add_notes(course: Course, ps: str, notes: dict[str, list[tuple[str | None, str]]], kind: str) -> int:
    """Flag each student's submission and put ``[kjpacts <kind>] text`` lines into the comment of
    the named answer cell (None: the first written answer). Returns the comments written."""
    from nbgrader.api import Gradebook, MissingEntry

    written = 0
    tag = f"{MARK} {kind}]"
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            nb_rec = gb.find_notebook(ps, ps)
        except MissingEntry:
            return 0
        answers = [c.name for c in nb_rec.solution_cells]
        grades = {g.name for g in nb_rec.grade_cells}
        default = next((a for a in answers if a in grades), answers[0] if answers else None)
        for student, items in notes.items():
            try:
                sub = gb.find_submission_notebook(ps, ps, student)
            except MissingEntry:
                continue
            sub.flagged = True
            by_cell: dict[str, list[str]] = {}
            for cell, text in items:
                by_cell.setdefault(cell or default, []).append(f"{tag} {text}")
            for cell, lines in by_cell.items():
                if cell is None:
                    continue
                try:
                    c = gb.find_comment(cell, ps, ps, student)
                except MissingEntry:
                    continue
                if c.manual_comment is not None:
                    continue
                own = [ln for ln in (c.auto_comment or "").splitlines() if not ln.startswith(tag)]
                c.auto_comment = "\n".join(own + lines)
                written += 1
        gb.db.commit()
    return written
