"""Build the nbgrader *source* notebooks from the problem-set specs in ``exercises/authoring/``.

A spec is a Python file ``exercises/authoring/<assignment>.py`` with a function
``build(sheet, gold)``. ``sheet`` (:class:`Sheet`) collects cells; ``gold`` is
the loaded corpus, used to write the expected answers of hidden tests as
literals at build time (so a hidden test does not depend on the package the
student's code could monkeypatch).

Every test cell is generated from the same scaffold:

- the check runs inside a function, so its helpers are local names a student
  cannot redefine, and builtins are reached through ``import builtins as B``
  (a student's ``type = ...`` or ``len = ...`` in the notebook does not count);
- student functions are called through ``call()``, which turns any exception
  into a hint and silences warnings (nbgrader scores a cell with stderr
  output 0);
- on failure the cell prints ``Hint: ...`` and raises a one-line
  ``AssertionError`` (``_render_traceback_``: no test code in the traceback),
  so nbgrader records the failure;
- partial-credit tests end with their score as the cell's value and carry the
  marker ``kjpacts: partial credit`` (the grader refuses such a cell when it
  reports no score).

``kjpacts grade build-sources [--check]`` writes (or compares) the notebooks.
"""

from __future__ import annotations

import importlib.util
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .nbext import PARTIAL_MARKER

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# ---------------------------------------------------------------------------
# the scaffold of every test cell
# ---------------------------------------------------------------------------

_PROLOGUE = '''\
def {fname}():
    import builtins as B
    import contextlib, io, warnings

    class Problem(B.Exception):
        pass

    class Failed(B.AssertionError):
        def _render_traceback_(self):
            return ["\\x1b[0;31mAssertionError\\x1b[0m: " + B.str(self.args[0])]

    def call(name, *args):
        """Call the student's function `name`; any exception becomes a hint."""
        fn = B.globals().get(name)
        if fn is None:
            raise Problem(f"`{{name}}` is not defined: run the cell with your answer first.")
        if not B.callable(fn):
            raise Problem(f"`{{name}}` should be a function.")
        shown = B.str(name) + "(" + ", ".join(B.repr(a) for a in args) + ")"
        try:
            with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return fn(*args)
        except B.NotImplementedError:
            raise Problem(f"`{{name}}` still raises NotImplementedError: replace that line with your code.") from None
        except B.Exception as exc:
            raise Problem(f"`{{shown}}` raised {{B.type(exc).__name__}}.") from None

    def value(name):
        """The student's variable `name`."""
        g = B.globals()
        if name not in g:
            raise Problem(f"`{{name}}` is not defined: run the cell with your answer first.")
        return g[name]
'''

_HELPERS = {
    "spans": '''
    def spans(x, text_length, what):
        """x must be a list of (start, end) tuples of ints inside the text."""
        if B.type(x) is not B.list:
            raise Problem(f"{{what}} must be a list of (start, end) tuples, not {{B.type(x).__name__}}.")
        out = []
        for item in x:
            if B.type(item) is not B.tuple or B.len(item) != 2 or B.type(item[0]) is not B.int or B.type(item[1]) is not B.int:
                raise Problem(f"{{what}}: every item must be a tuple of two ints (start, end), got {{B.type(item).__name__}}.")
            if not 0 <= item[0] < item[1] <= text_length:
                raise Problem(f"{{what}}: ({{item[0]}}, {{item[1]}}) is not a span of the clean text (0 <= start < end <= {{text_length}}).")
            out.append((item[0], item[1]))
        return out

    def span_f1(got, gold):
        """Character-overlap F1 of two span lists (each character counted once)."""
        g = B.set(i for s, e in got for i in B.range(s, e))
        t = B.set(i for s, e in gold for i in B.range(s, e))
        if not g or not t:
            return 0.0
        inter = B.len(g & t)
        p, r = inter / B.len(g), inter / B.len(t)
        return 0.0 if inter == 0 else 2 * p * r / (p + r)
''',
    "kappa": '''
    def labels(x, items, allowed, what):
        """x must be a dict item -> label (str), with exactly the items asked for."""
        if B.type(x) is not B.dict:
            raise Problem(f"{{what}} must be a dict, not {{B.type(x).__name__}}.")
        keys = [k for k in x]
        for k in keys:
            if B.type(k) is not B.str:
                raise Problem(f"{{what}}: keys must be strings, got {{B.type(k).__name__}}.")
        missing = [i for i in items if i not in keys]
        extra = [k for k in keys if k not in items]
        if missing or extra:
            raise Problem(f"{{what}}: give a label for exactly these items: {{', '.join(items)}}.")
        out = {{}}
        for k in keys:
            v = x[k]
            if B.type(v) is not B.str or v not in allowed:
                raise Problem(f"{{what}}[{{k!r}}] must be one of: {{', '.join(allowed)}}.")
            out[k] = v
        return out

    def kappa(got, gold):
        """Cohen's kappa of two labellings of the same items (nltk AnnotationTask)."""
        from nltk.metrics.agreement import AnnotationTask
        data = [("student", i, got[i]) for i in gold] + [("gold", i, gold[i]) for i in gold]
        if B.len(B.set(got.values()) | B.set(gold.values())) < 2:
            return 1.0 if B.all(got[i] == gold[i] for i in gold) else 0.0
        return AnnotationTask(data=data).kappa()
''',
    "iso": '''
    def iso(x, what):
        """x must be an ISO 8601 date string: YYYY, YYYY-MM or YYYY-MM-DD."""
        import re
        if B.type(x) is not B.str:
            raise Problem(f"{{what}} must be a string such as '2011-01-10', not {{B.type(x).__name__}}.")
        if not re.fullmatch(r"\\d{{4}}(-\\d{{2}}(-\\d{{2}})?)?", x):
            raise Problem(f"{{what}} = {{x!r}} is not an ISO date: write YYYY-MM-DD (or YYYY-MM, YYYY).")
        return B.str(x)
''',
}

_EPILOGUE_PASSFAIL = '''
    try:
        msg = check()
    except Problem as p:
        msg = p.args[0]
    if msg is None:
        B.print("Passed: {label}.")
        return
    B.print("Hint: " + B.str(msg))
    raise Failed("{label} failed: " + B.str(msg))


{fname}()
'''

_EPILOGUE_PARTIAL = '''
    try:
        frac, msg = check()
    except Problem as p:
        frac, msg = 0.0, p.args[0]
    frac = B.max(0.0, B.min(1.0, B.float(frac)))
    score = B.round({points} * frac, 2)
    if msg:
        B.print("Hint: " + B.str(msg))
    B.print(f"Score: {{score}} of {points} points ({label}).")
    return score


{fname}()
'''


def test_source(grade_id: str, points: float, check: str, *, hidden: bool, partial: bool,
                helpers: tuple[str, ...] = (), title: str = "") -> str:
    """The source of one generated test cell. ``check`` is the body of ``check()``."""
    fname = "_test_" + grade_id.replace("-", "_")
    kind = "hidden tests" if hidden else "tests"
    label = f"{title or grade_id} ({'hidden' if hidden else 'visible'} tests)"
    head = [f"# {title or grade_id}: {kind}, {points:g} point{'s' if points != 1 else ''}"
            + (f" -- {PARTIAL_MARKER}" if partial else "")]
    if hidden:
        head.append("# These run when your notebook is graded, on inputs you have not seen.")
    else:
        head.append("# Run this cell to check your answer. It prints a hint when something is wrong.")
    body = _PROLOGUE.format(fname=fname)
    for h in helpers:
        body += _HELPERS[h].format()
    body += "\n    def check():\n" + textwrap.indent(textwrap.dedent(check).strip("\n"), "        ") + "\n"
    epilogue = _EPILOGUE_PARTIAL if partial else _EPILOGUE_PASSFAIL
    body += epilogue.format(fname=fname, label=label, points=f"{points:g}")
    if hidden:
        body = "### BEGIN HIDDEN TESTS\n" + body.rstrip("\n") + "\n### END HIDDEN TESTS"
    return "\n".join(head) + "\n" + body.rstrip("\n")


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

    def _id(self, grade_id: str) -> str:
        if grade_id in self._ids:
            raise ValueError(f"{self.assignment}: duplicate cell id {grade_id!r}")
        self._ids.add(grade_id)
        return grade_id

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
             partial: bool = False, helpers: tuple[str, ...] = (), title: str = "") -> None:
        src = test_source(grade_id, points, check, hidden=hidden, partial=partial, helpers=helpers, title=title)
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
    import kjpacts

    module = load_spec(spec_path)
    sheet = Sheet(spec_path.stem, getattr(module, "TITLE", spec_path.stem))
    module.build(sheet, corpus if corpus is not None else kjpacts.load())
    return sheet


def build_sources(course: Path, check: bool = False, only: list[str] | None = None) -> list[str]:
    """Write ``source/<ps>/<ps>.ipynb`` from every spec; return the paths that changed (or differ)."""
    import kjpacts

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
