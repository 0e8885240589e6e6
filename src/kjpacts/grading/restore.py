"""Repair of a submission's cell metadata from the gradebook (never fatal, always flagged).

A student's notebook can arrive with its nbgrader metadata edited (a renamed ``grade_id``, a
test cell marked ``solution: true``, points changed, flags removed), with cells deleted, or
saved by an old Jupyter as nbformat 4.1 without cell ids. :func:`restore` puts back, for every
cell it can identify, the metadata the gradebook recorded when the problem set was generated,
and returns one flag per repair. A cell is identified, in this order, by its cell id (the
kit's cell ids are the grade ids), by its ``grade_id``, or by the exact source of a read-only
cell. Cells it cannot identify lose any nbgrader metadata they claim (a student's added cell
cannot become a graded one).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from .hidden import strip_hidden

#: The nbgrader metadata fields compared (and restored).
FIELDS = ("grade", "grade_id", "locked", "solution", "points")


@dataclass
class Expected:
    """What the gradebook says about one cell."""

    name: str
    cell_type: str
    locked: bool
    grade: bool
    solution: bool
    points: float | None
    source: str
    checksum: str | None

    def metadata(self) -> dict:
        m = {"grade": self.grade, "grade_id": self.name, "locked": self.locked,
             "schema_version": 3, "solution": self.solution}
        if self.grade:
            m["points"] = self.points
        if self.checksum:
            m["checksum"] = self.checksum
        return m


def from_gradebook(gb, notebook: str, assignment: str) -> list[Expected]:
    """Every cell nbgrader recorded for ``notebook`` of ``assignment``, in gradebook order."""
    nb = gb.find_notebook(notebook, assignment)
    grades = {g.name: g for g in nb.grade_cells}
    solutions = {s.name for s in nb.solution_cells}
    out = []
    for sc in nb.source_cells:
        g = grades.get(sc.name)
        out.append(Expected(sc.name, sc.cell_type, bool(sc.locked), g is not None, sc.name in solutions,
                            float(g.max_score) if g is not None else None, sc.source or "", sc.checksum))
    return out


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def _match(nb, expected: list[Expected]) -> dict[int, Expected]:
    """Cell index -> the gradebook cell it is (each gradebook cell used once)."""
    by_name = {e.name: e for e in expected}
    taken: set[str] = set()
    found: dict[int, Expected] = {}

    def assign(i: int, e: Expected | None) -> None:
        if e is not None and e.name not in taken and i not in found and nb.cells[i].cell_type == e.cell_type:
            found[i] = e
            taken.add(e.name)

    for i, c in enumerate(nb.cells):
        assign(i, by_name.get(c.get("id")))
    for i, c in enumerate(nb.cells):
        assign(i, by_name.get(_nbg(c).get("grade_id")))
    read_only: dict[tuple[str, str], list[Expected]] = {}
    for e in expected:
        if e.locked and not e.solution:
            read_only.setdefault((e.cell_type, strip_hidden(e.source).strip()), []).append(e)
    for i, c in enumerate(nb.cells):
        cands = [e for e in read_only.get((c.cell_type, c.source.strip()), []) if e.name not in taken]
        if len(cands) == 1:
            assign(i, cands[0])
    return found


def restore(nb, expected: list[Expected]) -> list[str]:
    """Repair ``nb`` in place from ``expected``; the flags saying what was repaired."""
    flags: list[str] = []
    if (nb.nbformat, nb.get("nbformat_minor", 0)) < (4, 5):
        flags.append(f"upgraded-nbformat:{nb.nbformat}.{nb.get('nbformat_minor', 0)}")
        nb.nbformat, nb.nbformat_minor = 4, 5
    found = _match(nb, expected)
    repaired, dropped = [], 0
    for i, c in enumerate(nb.cells):
        e = found.get(i)
        if e is None:
            if _nbg(c).get("grade") or _nbg(c).get("solution") or _nbg(c).get("locked") or _nbg(c).get("grade_id"):
                dropped += 1
            c.metadata.pop("nbgrader", None)
            continue
        old = _nbg(c)
        new = e.metadata()
        changed = [f for f in FIELDS if old.get(f) != new.get(f) and not (f == "points" and not e.grade)]
        if c.get("id") not in (None, e.name) and c.get("id") != e.name:
            changed.append("id")
        if "checksum" not in new and "checksum" in old:
            new["checksum"] = old["checksum"]
        c.metadata["nbgrader"] = new
        if changed:
            repaired.append(f"{e.name}({'+'.join(changed)})")
    ids = {e.name for e in found.values()}
    for i, c in enumerate(nb.cells):
        e = found.get(i)
        if e is not None:
            c["id"] = e.name
        elif not c.get("id") or c["id"] in ids:
            c["id"] = uuid.uuid4().hex[:8]
        ids.add(c["id"])
    if repaired:
        flags.append("repaired-metadata:" + ",".join(repaired))
    if dropped:
        flags.append(f"unknown-grade-cells:{dropped}")
    return flags
