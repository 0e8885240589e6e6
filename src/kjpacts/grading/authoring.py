"""Build the nbgrader *source* notebooks from the problem-set specs in ``exercises/authoring/``.

A spec is a Python file ``exercises/authoring/<assignment>.py`` with a function
``build(sheet, gold)``. ``sheet`` (:class:`Sheet`) collects cells; ``gold`` is
the loaded corpus, used to write the expected answers of hidden tests as
literals at build time (so a hidden test does not depend on the package the
student's code could monkeypatch).

Every test cell is short: it imports :func:`kjpacts.grading.testkit.grade_test` and
decorates a ``check(t)`` whose ``t`` gives the student's answers (``t.call``, ``t.value``) and
the checking helpers (``t.spans``, ``t.kappa``...). Spec bodies are written with bare helper
names (``call(...)``, ``B.len``, as in earlier specs); :func:`check_body` rewrites them. In a
student's notebook the check runs in the kernel for instant feedback; during autograding it
runs in the trusted grader (:mod:`kjpacts.grading.judge`) and never reaches the kernel.

``kjpacts grade build-sources [--check]`` writes (or compares) the notebooks.
"""

from __future__ import annotations

import importlib.util
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import kjpacts

from .withheld import Withhold

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# ---------------------------------------------------------------------------
# the test cells
# ---------------------------------------------------------------------------

#: Names a check body may use bare in a spec; they become the ``t.`` helpers of testkit.
_TOOLS = ("call", "value", "spans", "span_f1", "kappa", "labels", "iso", "plain_dict", "str_list", "Problem")


def check_body(check: str) -> str:
    """A spec's check body in testkit form: ``B.len`` -> ``len``, ``call(...)`` -> ``t.call(...)``."""
    body = textwrap.dedent(check).strip("\n")
    body = re.sub(r"(?<![\w.])B\.", "", body)
    return re.sub(rf"(?<![\w.])({'|'.join(_TOOLS)})\b(?=\()", r"t.\1", body)


def test_source(grade_id: str, points: float, check: str, *, hidden: bool, partial: bool,
                helpers: tuple[str, ...] = (), title: str = "", checks: str = "") -> str:
    """The source of one generated test cell. ``check`` is the body of ``check(t)``."""
    del helpers  # every helper lives in kjpacts.grading.testkit
    kind = "hidden tests" if hidden else "tests"
    head = [f"# {title or grade_id}: {kind}, {points:g} point{'s' if points != 1 else ''}"
            + (" (partial credit)" if partial else "") + "."]
    if checks:
        head.append("# Checks " + checks.rstrip(".") + ".")
    if hidden:
        head.append("# These run when your notebook is graded, on inputs you have not seen.")
    else:
        head.append("# Run this cell to check your answer. It prints a hint when something is wrong.")
    args = [repr(grade_id), f"{points:g}"]
    if partial:
        args.append("partial=True")
    if title:
        args.append(f"title={title!r}")
    if hidden:
        args.append("hidden=True")
    body = ("from kjpacts.grading.testkit import grade_test\n\n\n"
            f"@grade_test({', '.join(args)})\ndef check(t):\n"
            + textwrap.indent(check_body(check), "    "))
    if hidden:
        body = "### BEGIN HIDDEN TESTS\n" + body + "\n### END HIDDEN TESTS"
    return "\n".join(head) + "\n" + body


# ---------------------------------------------------------------------------
# sheets
# ---------------------------------------------------------------------------

def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if points is not None:
        m["points"] = points
    return {"nbgrader": m}


@dataclass
class Sheet:
    """The cells of one problem set, in order."""

    assignment: str
    title: str
    cells: list = field(default_factory=list)
    _ids: set = field(default_factory=set)
    withheld: list = field(default_factory=list)

    def _id(self, grade_id: str) -> str:
        if grade_id in self._ids:
            raise ValueError(f"{self.assignment}: duplicate cell id {grade_id!r}")
        self._ids.add(grade_id)
        return grade_id

    def withhold(self, layer: str, *, docs: tuple[str, ...] = (), fields: tuple[str, ...] = ()) -> None:
        """Withhold an answer from the grading kernel's corpus (see :mod:`kjpacts.grading.withheld`):
        ``fields`` of ``layer`` in ``docs`` (empty: all), or with layer ``"cleaning"`` those documents'
        cleaning. The set-up cell's views hide the same from the student's notebook."""
        self.withheld.append(Withhold.from_dict({"layer": layer, "docs": docs, "fields": fields},
                                                self.assignment).as_dict())

    def md(self, grade_id: str, text: str) -> None:
        """A read-only markdown cell."""
        cell = nbformat.v4.new_markdown_cell(textwrap.dedent(text).strip("\n"))
        cell.id = self._id(grade_id)
        cell.metadata.update(_meta(grade_id, grade=False, solution=False, locked=True))
        self.cells.append(cell)

    def code(self, grade_id: str, text: str) -> None:
        """A read-only code cell (set-up, worked example)."""
        cell = nbformat.v4.new_code_cell(textwrap.dedent(text).strip("\n"))
        cell.id = self._id(grade_id)
        cell.metadata.update(_meta(grade_id, grade=False, solution=False, locked=True))
        self.cells.append(cell)

    def answer(self, grade_id: str, text: str) -> None:
        """An autograded answer cell; ``text`` holds ``### BEGIN/END SOLUTION``."""
        text = textwrap.dedent(text).strip("\n")
        if "### BEGIN SOLUTION" not in text:
            raise ValueError(f"{self.assignment}:{grade_id}: an answer cell needs a solution region")
        cell = nbformat.v4.new_code_cell(text)
        cell.id = self._id(grade_id)
        cell.metadata.update(_meta(grade_id, grade=False, solution=True, locked=False))
        self.cells.append(cell)

    def test(self, grade_id: str, points: float, check: str, *, hidden: bool = False,
             partial: bool = False, helpers: tuple[str, ...] = (), title: str = "", checks: str = "") -> None:
        src = test_source(grade_id, points, check, hidden=hidden, partial=partial, helpers=helpers, title=title,
                          checks=checks)
        cell = nbformat.v4.new_code_cell(src)
        cell.id = self._id(grade_id)
        cell.metadata.update(_meta(grade_id, grade=True, solution=False, locked=True, points=points))
        cell.metadata["kjpacts"] = {"test": "hidden" if hidden else "visible", "partial_credit": partial}
        self.cells.append(cell)

    def written(self, grade_id: str, points: float, prompt: str, rubric: list[tuple[float, str]],
                model_answer: str) -> None:
        """A manually graded written answer: prompt with its rubric, then the answer cell."""
        if abs(sum(p for p, _ in rubric) - points) > 1e-9:
            raise ValueError(f"{self.assignment}:{grade_id}: rubric points do not add up to {points}")
        lines = [f"- **{p:g} point{'s' if p != 1 else ''}**: {text}" for p, text in rubric]
        text = (textwrap.dedent(prompt).strip("\n")
                + f"\n\n**How this answer is marked ({points:g} points, by your instructor):**\n\n"
                + "\n".join(lines))
        self.md(grade_id + "-prompt", text)
        body = "### BEGIN SOLUTION\n" + textwrap.dedent(model_answer).strip("\n") + "\n### END SOLUTION"
        cell = nbformat.v4.new_markdown_cell(body)
        cell.id = self._id(grade_id)
        cell.metadata.update(_meta(grade_id, grade=True, solution=True, locked=False, points=points))
        cell.metadata["kjpacts"] = {"rubric": [{"points": p, "criterion": t} for p, t in rubric]}
        self.cells.append(cell)

    def notebook(self) -> nbformat.NotebookNode:
        nb = nbformat.v4.new_notebook(cells=self.cells)
        nb.metadata["kernelspec"] = dict(KERNELSPEC)
        nb.metadata["language_info"] = {"name": "python"}
        nb.metadata["kjpacts"] = {"problem_set": self.assignment, "title": self.title}
        if self.withheld:
            nb.metadata["kjpacts"]["withhold"] = self.withheld
        nbformat.validate(nb)
        return nb


def notebook_text(nb: nbformat.NotebookNode) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def load_spec(path: Path):
    spec = importlib.util.spec_from_file_location(f"kjpacts_ps_{path.stem.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def build_sheet(spec_path: Path, corpus=None) -> Sheet:

    module = load_spec(spec_path)
    sheet = Sheet(spec_path.stem, getattr(module, "TITLE", spec_path.stem))
    module.build(sheet, corpus if corpus is not None else kjpacts.load())
    return sheet


def build_sources(course: Path, check: bool = False, only: list[str] | None = None) -> list[str]:
    """Write ``source/<ps>/<ps>.ipynb`` from every spec; return the paths that changed (or differ)."""

    corpus = kjpacts.load()
    changed = []
    for spec_path in sorted((course / "authoring").glob("ps*.py")):
        if only and spec_path.stem not in only:
            continue
        text = notebook_text(build_sheet(spec_path, corpus).notebook())
        target = course / "source" / spec_path.stem / f"{spec_path.stem}.ipynb"
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        changed.append(str(target.relative_to(course)))
        if not check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return changed


def rubrics(course, assignment: str | None = None) -> list[str]:
    """Lines listing the written questions' rubrics of one problem set (or all)."""
    names = [course.check_assignment(assignment)] if assignment else course.assignments()
    lines = []
    for ps in names:
        nb = nbformat.read(course.source / ps / f"{ps}.ipynb", as_version=4)
        for cell in nb.cells:
            rubric = cell.metadata.get("kjpacts", {}).get("rubric")
            if rubric:
                total = sum(r["points"] for r in rubric)
                lines.append(f"{ps} / {cell.metadata['nbgrader']['grade_id']} ({total:g} points)")
                lines += [f"  {r['points']:>4g}  {r['criterion']}" for r in rubric]
                lines.append("")
    return lines
