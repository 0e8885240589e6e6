"""Check submissions before nbgrader sees them.

For every ``submitted/<student>/<assignment>/`` folder:

- **missing**: no notebook at all;
- **corrupt**: the notebook is not valid JSON, not a valid notebook, or holds
  none of the problem set's graded cells (a different notebook);
- **renamed**: the expected ``<assignment>.ipynb`` is absent but another
  notebook holds the problem set's cells; it is *copied* to the expected name
  (the student's file is kept) and graded;
- otherwise **ok**.

Flags (never a score change, a pointer for the instructor): test or read-only
cells that were edited or deleted (nbgrader restores them), cells added,
duplicated graded cells, and code that looks like tampering (redefining test
helpers or builtins, ``__eq__`` overrides, frame inspection, patching IPython
or an imported module under any alias, reading course files, stopping the
kernel). These are pointers only: what keeps the grades right is that tests
are judged outside the kernel (:mod:`kjpacts.grading.judge`), not these checks.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from kjpacts.grading.restore import from_gradebook, restore

from .course import Course

#: (flag, pattern) searched in the cells a student can edit.
TAMPER_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("overrides-eq", re.compile(r"def\s+__(eq|ne|hash|bool|len|instancecheck|class_getitem)__\b")),
    ("touches-builtins", re.compile(r"\bbuiltins\b|__builtins__")),
    ("redefines-helpers", re.compile(
        r"^\s*(type|len|isinstance|print|set|list|tuple|dict|str|int|float|bool|round|sorted|sum|min|max|"
        r"range|globals|AssertionError|Exception|_test_\w+)\s*=(?!=)|^\s*def\s+(_test_\w+|type|len|isinstance|"
        r"print|sorted|round|globals)\s*\(", re.M)),
    ("patches-modules", re.compile(r"sys\.modules|\bimportlib\b|\breload\s*\(|setattr\s*\(\s*(kjpacts|nltk)|"
                                   r"\b(kjpacts|nltk)(\.\w+)+\s*=(?!=)")),
    ("frame-inspection", re.compile(r"_getframe|f_locals|f_globals|f_back|co_consts|\binspect\.(stack|currentframe|getouterframes)"
                                    r"|gc\.get_(referrers|objects)|traceback\.(extract_stack|walk_stack)")),
    ("patches-ipython", re.compile(r"get_ipython\s*\(\s*\)\s*\.\s*(events|showtraceback|set_custom_exc|displayhook|"
                                   r"display_formatter|ast_node_interactivity|run_cell|kernel|InteractiveTB|user_ns)"
                                   r"|sys\.(displayhook|excepthook|stdout\s*=|stderr\s*=)|_render_traceback_")),
    ("reads-course-files", re.compile(r"gradebook|nbgrader|\bsource/|\.\./\.\.|autograded|submitted/|/proc/")),
    ("kills-kernel", re.compile(r"os\._exit|os\.kill|\bctypes\b|signal\.(SIGKILL|SIGTERM|alarm)|os\.abort|faulthandler"
                                r"|sys\.exit|\bSystemExit\b")),
]

#: Attributes of the IPython shell whose use changes how cells run or what they show.
IPYTHON_HOOKS = {"display_formatter", "displayhook", "events", "showtraceback", "_showtraceback", "set_custom_exc",
                 "input_transformers_post", "input_transformers_cleanup", "ast_transformers", "run_cell",
                 "formatters", "ast_node_interactivity", "user_ns", "InteractiveTB"}


@dataclass
class Check:
    student: str
    assignment: str
    status: str  # ok / corrupt / renamed / missing
    notebook: str = ""
    message: str = ""
    flags: list[str] = field(default_factory=list)


def graded_ids(nb) -> list[str]:
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id")]


def same_problem_set(nb, ref) -> bool:
    """Is ``nb`` a copy of the release ``ref`` (not another problem set's notebook)?"""
    if ref is None:
        return True
    mine = nb.metadata.get("kjpacts", {}).get("problem_set")
    theirs = ref.metadata.get("kjpacts", {}).get("problem_set")
    if mine and theirs:
        return mine == theirs
    locked = {c.source.strip() for c in ref.cells if c.metadata.get("nbgrader", {}).get("locked") and c.source.strip()}
    return any(c.source.strip() in locked for c in nb.cells)


def read_notebook(path: Path):
    """The notebook, or raise ValueError saying what is wrong with it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read the file ({exc.strerror})") from None
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(data, dict) or "cells" not in data:
        raise ValueError("valid JSON but not a notebook (no cells)")
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # noqa: BLE001 - any nbformat problem is "not a valid notebook"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ValueError(f"not a valid notebook: {first[:160]}") from None
    return nb


def reference(course: Course, assignment: str, notebook: str):
    path = course.release / assignment / f"{notebook}.ipynb"
    if path.is_file():
        return nbformat.read(path, as_version=4)
    return None


def cell_flags(nb, ref) -> list[str]:
    """Edited / deleted / duplicated graded cells and added cells, against the release."""
    from nbgrader.utils import compute_checksum

    flags = []
    sub_cells: dict[str, list] = {}
    added = 0
    for c in nb.cells:
        gid = c.metadata.get("nbgrader", {}).get("grade_id")
        if gid:
            sub_cells.setdefault(gid, []).append(c)
        else:
            added += 1
    if ref is not None:
        deleted, edited = [], []
        for rc in ref.cells:
            m = rc.metadata.get("nbgrader", {})
            gid = m.get("grade_id")
            if not gid:
                continue
            if gid not in sub_cells:
                if m.get("grade") or m.get("locked"):
                    deleted.append(gid)
                continue
            if m.get("locked"):
                sc = sub_cells[gid][0]
                if sc.cell_type != rc.cell_type or sc.source.strip() != rc.source.strip():
                    edited.append(gid)
                elif m.get("checksum") and compute_checksum(sc) != m["checksum"]:
                    edited.append(gid)
        if deleted:
            flags.append("deleted-cells:" + "+".join(deleted))
        if edited:
            flags.append("edited-locked-cells:" + "+".join(edited))
    dups = [g for g, cs in sub_cells.items() if len(cs) > 1]
    if dups:
        flags.append("duplicated-cells:" + "+".join(dups))
    if added:
        flags.append(f"added-cells:{added}")
    return flags


def _root(node) -> str | None:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def ast_flags(source: str) -> set[str]:
    """Flags from the syntax of one cell: patching an imported module under any alias, IPython hooks."""
    text = "\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in source.splitlines())
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules |= {a.asname or a.name for a in node.names}
    for node in ast.walk(tree):  # names bound to something reached through a module
        if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Attribute, ast.Name)) \
                and _root(node.value) in modules:
            modules |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    flags = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.Delete)):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        if any(isinstance(t, (ast.Attribute, ast.Subscript)) and _root(t) in modules for t in targets):
            flags.add("patches-modules")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr") \
                and node.args and _root(node.args[0]) in modules:
            flags.add("patches-modules")
        if isinstance(node, ast.Attribute) and node.attr in IPYTHON_HOOKS:
            flags.add("patches-ipython")
    return flags


def tamper_flags(nb) -> list[str]:
    cells = [c.source for c in nb.cells if c.cell_type == "code" and not c.metadata.get("nbgrader", {}).get("locked")]
    text = "\n".join(cells)
    flags = {name for name, pat in TAMPER_PATTERNS if pat.search(text)}
    for src in cells:
        flags |= ast_flags(src)
    return sorted(flags)


def check_submission(course: Course, assignment: str, student: str, notebooks: list[str],
                     fix_names: bool = True, gb_cells: list | None = None) -> Check:
    folder = course.submitted / student / assignment
    present = sorted(p for p in folder.glob("*.ipynb") if p.is_file())
    expected = notebooks[0]  # one notebook per problem set
    target = folder / f"{expected}.ipynb"
    if not present:
        return Check(student, assignment, "missing", message=f"no .ipynb file in submitted/{student}/{assignment}/")
    ref = reference(course, assignment, expected)
    want = set(graded_ids(ref)) if ref is not None else set()
    if target in present:
        try:
            nb = read_notebook(target)
        except ValueError as exc:
            return Check(student, assignment, "corrupt", target.name, f"{target.name}: {exc}")
        if (want and not (set(graded_ids(nb)) & want)) or not same_problem_set(nb, ref):
            return Check(student, assignment, "corrupt", target.name,
                         f"{target.name}: not the {assignment} notebook (none of its graded cells; another problem set?)")
        chk = Check(student, assignment, "ok", target.name)
    else:
        best, best_nb, problems = None, None, []
        for path in present:
            try:
                cand = read_notebook(path)
            except ValueError as exc:
                problems.append(f"{path.name}: {exc}")
                continue
            score = len(set(graded_ids(cand)) & want) if want else 1
            if not same_problem_set(cand, ref):
                problems.append(f"{path.name}: not the {assignment} notebook")
                continue
            if score and (best is None or score > best[0] or (score == best[0] and path.stat().st_mtime > best[1].stat().st_mtime)):
                best, best_nb = (score, path), cand
        if best is None:
            msg = "; ".join(problems) or f"no notebook holds the cells of {assignment}"
            return Check(student, assignment, "corrupt", present[0].name, msg)
        src = best[1]
        if fix_names:
            shutil.copy2(src, target)  # the student's own file stays where it is
        others = [p.name for p in present if p != src]
        msg = f"'{src.name}' graded as '{target.name}' (copied; the original is kept)"
        if others:
            msg += f"; also present: {', '.join(others)}"
        chk = Check(student, assignment, "renamed", src.name, msg)
        nb = best_nb
    if gb_cells:  # judge the cells as the grader will see them, metadata repaired (flags come from the grader)

        restore(nb, gb_cells)
    chk.flags = cell_flags(nb, ref) + tamper_flags(nb)
    return chk


def gradebook_cells(course: Course, assignment: str, notebook: str) -> list:
    """The gradebook's record of the notebook's cells (empty when it has none)."""
    if not course.gradebook.is_file():
        return []
    from nbgrader.api import Gradebook, MissingEntry


    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            return from_gradebook(gb, notebook, assignment)
        except MissingEntry:
            return []


def preflight(course: Course, assignment: str, students: list[str] | None = None) -> list[Check]:
    notebooks = sorted(p.stem for p in (course.source / assignment).glob("*.ipynb"))
    if not notebooks:
        return []
    if students is None:
        students = sorted(p.name for p in course.submitted.iterdir()
                          if p.is_dir() and (p / assignment).is_dir()) if course.submitted.is_dir() else []
    gb_cells = gradebook_cells(course, assignment, notebooks[0])
    return [check_submission(course, assignment, s, notebooks, gb_cells=gb_cells) for s in students]
