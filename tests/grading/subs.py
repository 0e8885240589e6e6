"""Simulated submissions: the solution, the untouched release and adversarial ones.

Every variant is built from the release notebook (what students get) and the
source notebook (the solutions), so it follows the problem sets as they change.
``hardcoded`` answers are derived automatically: the visible tests' calls
(``call("name", literal args)``) are run against the solution in this process
and each function is replaced by a lookup table of those results only.
"""

from __future__ import annotations

import ast
import copy
import json
import re
from pathlib import Path

import nbformat

FULL_SUITE = ("solution", "blank", "hardcoded", "edited-tests", "deleted-tests", "redefined-helpers",
              "always-equal", "shadow-builtins", "suppress-output", "read-hidden", "write-source",
              "endless-loop", "stubborn-loop", "crash", "huge-output", "leaker", "corrupt", "renamed",
              "missing",
              # tricks on the kernel: each must end with the honest score and a flag
              "frame-reader", "kappa-alias", "display-max", "patch-min", "sys-exit", "patch-testkit",
              "write-files", "forge-answers", "gold-lookup",
              # written answers: two share a long passage, one wrote their own
              "essay-copy", "essay-copier", "own-essay",
              # one-field metadata edits: repaired, graded and flagged
              "renamed-grade-id", "test-as-solution", "points-edited", "old-nbformat")
REDUCED_SUITE = ("solution", "blank", "hardcoded", "always-equal", "deleted-tests", "corrupt", "renamed",
                 "frame-reader", "display-max", "kappa-alias", "test-as-solution", "gold-lookup")


def nbmeta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def strip_markers(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if "### BEGIN SOLUTION" not in ln and "### END SOLUTION" not in ln)


def points(nb, kind: str | None = None, before: str | None = None) -> float:
    """Sum of test points (``kind`` 'visible'/'hidden'; only cells before grade id ``before``)."""
    total = 0.0
    for c in nb.cells:
        m = nbmeta(c)
        if before and m.get("grade_id") == before:
            break
        if m.get("grade") and c.cell_type == "code":
            if kind is None or c.metadata.get("kjpacts", {}).get("test") == kind:
                total += float(m["points"])
    return total


class Problem:
    def __init__(self, exercises: Path, ps: str):
        self.ps = ps
        self.release = nbformat.read(exercises / "release" / ps / f"{ps}.ipynb", as_version=4)
        self.source = nbformat.read(exercises / "source" / ps / f"{ps}.ipynb", as_version=4)
        self.solutions = {nbmeta(c)["grade_id"]: strip_markers(c.source)
                          for c in self.source.cells if nbmeta(c).get("solution")}

    # -- building blocks ----------------------------------------------------
    def blank(self):
        return copy.deepcopy(self.release)

    def with_answers(self, answers: dict[str, str], nb=None):
        nb = nb if nb is not None else self.blank()
        for c in nb.cells:
            gid = nbmeta(c).get("grade_id")
            if gid in answers:
                c.source = answers[gid]
        return nb

    def solution(self):
        return self.with_answers(self.solutions)

    def insert_after(self, nb, grade_id: str, source: str):
        for i, c in enumerate(nb.cells):
            if nbmeta(c).get("grade_id") == grade_id:
                nb.cells.insert(i + 1, nbformat.v4.new_code_cell(source))
                return nb
        raise KeyError(grade_id)

    def code_answer_ids(self) -> list[str]:
        return [nbmeta(c)["grade_id"] for c in self.source.cells
                if nbmeta(c).get("solution") and c.cell_type == "code"]

    def test_ids(self, kind: str | None = None) -> list[str]:
        return [nbmeta(c)["grade_id"] for c in self.source.cells if nbmeta(c).get("grade") and c.cell_type == "code"
                and (kind is None or c.metadata.get("kjpacts", {}).get("test") == kind)]

    def first_test_after(self, grade_id: str) -> str:
        ids = [nbmeta(c).get("grade_id") for c in self.source.cells]
        for gid in ids[ids.index(grade_id) + 1:]:
            if gid in self.test_ids():
                return gid
        raise KeyError(grade_id)

    # -- hard-coded answers ---------------------------------------------------------
    def visible_calls(self) -> list[tuple[str, tuple]]:
        """Every call the visible tests make, found by judging them against the solution."""
        from kjpacts.grading import judge, testkit, wire

        ns = self.solution_namespace()
        calls: list[tuple[str, tuple]] = []

        def ask(kind, name, args):
            if kind == "call":
                calls.append((name, tuple(args)))
                try:
                    return wire.decode(wire.encode(ns[name](*args)))
                except Exception as exc:  # noqa: BLE001
                    raise testkit.Problem(str(exc)) from None
            return wire.decode(wire.encode(ns[name]))

        for c in self.source.cells:
            if c.metadata.get("kjpacts", {}).get("test") == "visible":
                judge.judge(c.source, nbmeta(c)["grade_id"], nbmeta(c)["points"], ask)
        return calls

    def solution_namespace(self) -> dict:
        ns: dict = {}
        for c in self.source.cells:
            m = nbmeta(c)
            if c.cell_type == "code" and (m.get("solution") or m.get("grade_id") == "setup"):
                exec(compile(strip_markers(c.source), f"<{self.ps}:{m['grade_id']}>", "exec"), ns)  # noqa: S102
        return ns

    def hardcoded(self):
        """Answers that pass the visible tests only: lookup tables of the visible calls."""
        ns = self.solution_namespace()
        table: dict[str, dict] = {}
        for name, args in self.visible_calls():
            table.setdefault(name, {})[repr(args)] = ns[name](*args)
        answers = {}
        for gid in self.code_answer_ids():
            tree = ast.parse(self.solutions[gid])
            funcs = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
            if funcs:
                lines = []
                for f in funcs:
                    lines.append(f"_SEEN_{f} = {table.get(f, {})!r}")
                    lines.append(f"def {f}(*args):\n    return _SEEN_{f}[repr(args)]  # only the visible test's inputs")
                answers[gid] = "\n".join(lines)
            else:
                answers[gid] = perturb(ns, tree)
        return self.with_answers(answers)

    def kappa_answers(self) -> list[str]:
        """Answer cells whose hidden test scores by Cohen's kappa."""
        out = []
        for c in self.source.cells:
            if c.metadata.get("kjpacts", {}).get("test") == "hidden" and "t.kappa(" in c.source:
                m = re.search(r't\.value\("(\w+)"\)', c.source)
                for gid in self.code_answer_ids():
                    if m and re.search(rf"^{m.group(1)}\s*=", self.solutions[gid], re.M):
                        out.append(gid)
        return out

    def kappa_points(self) -> float:
        return sum(float(nbmeta(c)["points"]) for c in self.source.cells
                   if c.metadata.get("kjpacts", {}).get("test") == "hidden" and "t.kappa(" in c.source)

    def deleted_for_old_format(self) -> list[str]:
        return self.test_ids("visible")[-1:]

    # -- adversarial --------------------------------------------------------------
    def always_equal(self):
        cls = '''
class Anything:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __len__(self): return 3
    def __iter__(self): return iter([])
    def __getitem__(self, key): return self
    def __contains__(self, item): return True
    def __float__(self): return 1.0
    def __lt__(self, other): return False
    def __gt__(self, other): return False
class EqList(list):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
'''
        answers = {}
        for gid in self.code_answer_ids():
            tree = ast.parse(self.solutions[gid])
            out = [cls] if not answers else []
            for n in tree.body:
                if isinstance(n, ast.FunctionDef):
                    kind = "EqList()" if len(answers) % 2 else "Anything()"
                    out.append(f"def {n.name}(*args, **kwargs):\n    return {kind}")
                elif isinstance(n, ast.Assign):
                    for t in n.targets:
                        if isinstance(t, ast.Name):
                            out.append(f"{t.id} = Anything()")
            answers[gid] = "\n".join(out)
        return self.with_answers(answers)

    def garbage_answers(self, prefix: str = "", body: str = "return 'garbage'") -> dict[str, str]:
        """Every answer cell's functions with ``body`` and its names bound to 'garbage'; ``prefix``
        (code of a trick) opens the first answer cell."""
        answers = {}
        for gid in self.code_answer_ids():
            tree = ast.parse(self.solutions[gid])
            out = [prefix] if prefix and not answers else []
            for n in tree.body:
                if isinstance(n, ast.FunctionDef):
                    out.append(f"def {n.name}(*args, **kwargs):\n    {body}")
                elif isinstance(n, ast.Assign):
                    for t in n.targets:
                        if isinstance(t, ast.Name):
                            out.append(f"{t.id} = 'garbage'")
            answers[gid] = "\n".join(out)
        return answers

    def variant(self, name: str, course_root: Path):
        """(notebook or bytes or None, file name) of one simulated submission."""
        ps = self.ps
        fname = f"{ps}.ipynb"
        first_answer = self.code_answer_ids()[0]
        first_test = self.first_test_after(first_answer)
        if name == "solution":
            return self.solution(), fname
        if name == "blank":
            return self.blank(), fname
        if name == "hardcoded":
            return self.hardcoded(), fname
        if name == "edited-tests":
            nb = self.blank()
            for c in nb.cells:
                if nbmeta(c).get("grade") and c.cell_type == "code":
                    c.source = "print('Passed: all tests')\n3"
            return nb, fname
        if name == "deleted-tests":
            nb = self.solution()
            nb.cells = [c for c in nb.cells if not (nbmeta(c).get("grade") and c.cell_type == "code")]
            return nb, fname
        if name == "redefined-helpers":
            helpers = '''
def call(name, *args): return None
def value(name): return None
def spans(x, n, what): return [(0, 1)]
def span_f1(a, b): return 1.0
def kappa(a, b): return 1.0
def labels(x, items, allowed, what): return x
def iso(x, what): return x
def check(): return None
class Problem(Exception): pass
'''
            for gid in self.test_ids():
                helpers += f"def _test_{gid.replace('-', '_')}(): return 3\n"
            return self.with_answers(self.garbage_answers(helpers)), fname
        if name == "always-equal":
            return self.always_equal(), fname
        if name == "shadow-builtins":
            shadow = ("type = lambda x: list\nlen = lambda x: 2\nisinstance = lambda *a: True\n"
                      "sorted = lambda x, **k: x\nall = lambda x: True\nround = lambda x, n=0: 3.0\n")
            return self.with_answers(self.garbage_answers(shadow)), fname
        if name == "suppress-output":
            nb = self.blank()
            return self.insert_after(nb, "setup", "ip = get_ipython()\nip.ast_node_interactivity = 'none'\n"
                                     "ip.showtraceback = lambda *a, **k: None\nip._showtraceback = lambda *a, **k: None\n"
                                     "import sys\nsys.stderr = sys.stdout"), fname
        if name == "read-hidden":
            probe = READ_PROBE.replace("@COURSE@", str(course_root)).replace("@PS@", ps)
            return self.insert_after(self.solution(), "setup", probe), fname
        if name == "write-source":
            probe = WRITE_PROBE.replace("@COURSE@", str(course_root)).replace("@PS@", ps)
            return self.insert_after(self.solution(), "setup", probe), fname
        if name == "endless-loop":
            return self.insert_after(self.solution(), "setup", "while True:\n    pass"), fname
        if name == "stubborn-loop":
            loop = "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except KeyboardInterrupt:\n        pass"
            return self.insert_after(self.solution(), first_test, loop), fname
        if name == "crash":
            return self.insert_after(self.solution(), first_test, "import os\nos._exit(1)"), fname
        if name == "huge-output":
            return self.insert_after(self.solution(), "setup", "for i in range(200_000):\n    print('x' * 300)"), fname
        if name == "leaker":
            hook = ("def _leak(info):\n    print(info.raw_cell)\n"
                    "get_ipython().events.register('pre_run_cell', _leak)")
            return self.insert_after(self.solution(), "setup", hook), fname
        if name in TRICKS:
            return TRICKS[name](self), fname
        if name in META_EDITS:
            return META_EDITS[name](self), fname
        if name == "corrupt":
            text = nbformat.writes(self.solution())
            return text[: len(text) // 2].encode("utf-8"), fname
        if name == "renamed":
            return self.solution(), f"{ps} (1).ipynb"
        if name == "missing":
            return b"my answers are in the notebook I forgot to upload\n", "notes.txt"
        raise KeyError(name)

    def expected(self, name: str) -> dict:
        """Expected autograded score, status and flags of a variant."""
        full = points(self.source)
        visible = points(self.source, "visible")
        first_test = self.first_test_after(self.code_answer_ids()[0])
        ids = self.test_ids()
        exp = {"status": "ok", "score": full, "flags": []}
        if name in ("blank", "edited-tests", "redefined-helpers", "always-equal", "shadow-builtins", "suppress-output"):
            exp["score"] = 0.0
        if name == "hardcoded":
            exp["score"] = visible
            exp["flags"] = ["visible-only"]
        if name == "edited-tests":
            exp["flags"] = ["edited-locked-cells"]
        if name == "deleted-tests":
            exp["flags"] = ["deleted-cells"]
        if name == "redefined-helpers":
            exp["flags"] = ["redefines-helpers"]
        if name == "always-equal":
            exp["flags"] = ["overrides-eq"]
        if name == "shadow-builtins":
            exp["flags"] = ["redefines-helpers"]
        if name == "suppress-output":
            exp["flags"] = ["patches-ipython"]
        if name in ("read-hidden", "write-source"):
            exp["flags"] = ["reads-course-files"]
        if name == "endless-loop":
            exp["status"] = "timeout"
        if name == "stubborn-loop":
            exp["status"] = "crashed"
            exp["score"] = points(self.source, before=ids[ids.index(first_test) + 1])
        if name == "crash":
            exp["status"] = "crashed"
            exp["score"] = points(self.source, before=ids[ids.index(first_test) + 1])
            exp["flags"] = ["kills-kernel"]
        if name == "huge-output":
            exp["flags"] = ["output-truncated"]
        if name == "leaker":
            exp["flags"] = ["patches-ipython"]
        if name in ("frame-reader", "display-max", "patch-min", "patch-testkit", "forge-answers"):
            exp["score"] = 0.0
        if name == "kappa-alias":
            exp["score"] = full - self.kappa_points()
        if name == "gold-lookup":
            lost = GOLD_LOOKUP[self.ps][2]
            exp["score"] = full - sum(float(nbmeta(c).get("points") or 0) for c in self.source.cells
                                      if nbmeta(c).get("grade_id") in lost)
        exp["flags"] = exp["flags"] + EXPECTED_FLAGS.get(name, [])
        if name == "old-nbformat":
            exp["flags"] = exp["flags"] + (["deleted-cells"] if self.deleted_for_old_format() else [])
        if name == "corrupt":
            exp = {"status": "corrupt", "score": None, "flags": []}
        if name == "renamed":
            exp["status"] = "renamed"
        if name == "missing":
            exp = {"status": "missing", "score": None, "flags": []}
        return exp


# ---------------------------------------------------------------------------
# tricks on the kernel (issue 12): the honest part of the work must score, the trick nothing
# ---------------------------------------------------------------------------

FRAME_READER = '''
import sys as _s
def _peek(*args, **kwargs):
    """Walk up the caller's frames and return whatever expected value a test keeps there."""
    fr = _s._getframe(1)
    while fr is not None:
        for key in ("want", "expected", "gold", "cases"):
            if key in fr.f_locals:
                v = fr.f_locals[key]
                if key == "cases" and isinstance(v, dict) and args and args[0] in v:
                    return v[args[0]]
                return v
        fr = fr.f_back
    return None
'''

KAPPA_ALIAS = '''
from nltk.metrics.agreement import AnnotationTask as _Task
_Task.kappa = lambda self, *a, **k: 1.0   # every agreement is perfect
'''

DISPLAY_MAX = '''
_ip = get_ipython()
_fmt = _ip.display_formatter.formatters["text/plain"]
for _t in (float, int):
    _fmt.for_type(_t, lambda x, p, cycle: p.text("1000"))   # every score shown as the maximum
'''

PATCH_MIN = '''
import builtins as _b
_min = _b.min
def _clamp_to_one(*a, **k):     # min(1.0, fraction) is always 1: every partial credit in full
    if len(a) == 2 and all(type(x) is float for x in a):
        return 1.0
    return _min(*a, **k)
_b.min = _clamp_to_one
'''

PATCH_TESTKIT = '''
import kjpacts.grading.testkit as _tk
_tk.run_check = lambda check, tools, partial: _tk.Outcome(1.0, None)
_tk.Tools.call = lambda self, name, *args: "anything"
_tk.Tools.value = lambda self, name: "anything"
'''

FORGE_ANSWERS = '''
import kjpacts.grading.answer as _ans
def _forged(nonce, kind, name, args_json="[]"):
    print(nonce + '{"ok": "[\\"list\\", []]"}')   # two answer lines: which is real?
    print(nonce + '{"ok": "1"}')
_ans.reply = _forged
'''

WRITE_FILES = '''
import json, os
os.makedirs("plots", exist_ok=True)
with open("junk.bin", "wb") as fh:                 # lands in feedback/ if the grader copies it
    fh.write(b"x" * 5_000_000)
with open("@PS@.ipynb", "w") as fh:                 # a forged notebook next to the real one
    json.dump({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, fh)
'''


def _functions_replaced(prob: "Problem", body: str, prefix: str):
    return prob.with_answers(prob.garbage_answers(prefix, body))


def _solution_with_cell(prob: "Problem", source: str):
    return prob.insert_after(prob.solution(), "setup", source)


def _kappa_alias(prob: "Problem"):
    """The solution, but every labelling question answered with one constant label."""
    answers = dict(prob.solutions)
    ns = prob.solution_namespace()
    for gid in prob.code_answer_ids():
        tree = ast.parse(prob.solutions[gid])
        for n in tree.body:
            if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name) and gid in prob.kappa_answers():
                v = ns[n.targets[0].id]
                const = sorted(v.values())[0]
                answers[gid] = f"{n.targets[0].id} = {({k: const for k in v})!r}"
    answers[prob.code_answer_ids()[0]] = KAPPA_ALIAS + "\n" + answers[prob.code_answer_ids()[0]]
    return prob.with_answers(answers)


ESSAY = ("The page reads as a government briefing more than a report: the unnamed official supplies "
         "every figure, the reporter adds no second source, and the only other voice is a paraphrase "
         "of the opposition that the article never lets speak for itself in quotation marks.")
ESSAY_COPIED = ("In my view the article reads as a government briefing more than a report: the unnamed official "
                "supplies every figure, the reporter adds no second source, and the only other voice is a "
                "paraphrase of the opposition that the article never lets speak for itself. So trust is hard.")
OWN_ESSAY = ("Counting who is quoted shows a lopsided page. Officials from one capital dominate, their "
             "names often withheld, while critics appear only in summary. A careful reader should check "
             "each figure against the other outlets before accepting the framing offered here.")


def _with_essay(prob: "Problem", text: str):
    nb = prob.solution()
    for c in nb.cells:
        m = nbmeta(c)
        if c.cell_type == "markdown" and m.get("solution") and m.get("grade"):
            c.source = text
    return nb


# Looking the answer up in the gold, which a judgement question withholds: with the shipped
# corpus (the student's own notebook) this scores in full; the grading kernel's corpus has the
# answers withheld (null), so those tests score nothing. ps -> (answer cell, code, tests lost):
# a lookup that turns null into a label ("echo", "page") keeps the well-formedness point.
GOLD_LOOKUP = {
    "ps01-provenance-and-dating": ("q4-answer", "import kjpacts as _k\nWAPO_DATES = {k: next(t.value for t in "
                                   "_k.load().annotations.timexes['wapo-2011-01-11'] if t.text == k) for k in @KEYS@}",
                                   ("q4-test", "q4-hidden")),
    "ps02-cleaning-and-tokens": ("q5-answer", "import kjpacts as _k\n_clean = _k.load()['ahram-2011-01-10'].text\n"
                                 "LINE_LABELS = {k: 'article' if k in _clean else 'page' for k in @KEYS@}",
                                 ("q5-hidden",)),
    "ps03-who-speaks": ("q4-answer", "import kjpacts as _k\nWAPO_SPEAKER_TYPES = {q.id: q.speaker_type for q in "
                        "_k.load().annotations.quotes['wapo-2011-01-11'] if q.id in @KEYS@}",
                        ("q4-test", "q4-hidden")),
    # through the view itself: the record it wraps
    "ps04-corroboration-and-reuse": ("q4-answer", "_occ = {f'{c.claim_id}/{o.id}': object.__getattribute__(o, '_record') "
                                     "for c in claims.values() for o in c.occurrences}\n"
                                     "INDEPENDENCE = {k: 'independent' if _occ[k].independent else 'echo' for k in @KEYS@}",
                                     ("q4-hidden",)),
    "ps05-framing-and-keyness": ("q4-answer", "import kjpacts as _k\nDEVICES = {f'{f.doc_id}/{f.id}': f.category for f in "
                                 "_k.load().annotations.framing['wapo-2011-01-11'] if f'{f.doc_id}/{f.id}' in @KEYS@}",
                                 ("q4-test", "q4-hidden")),
    "ps06-time-and-entities": ("q4-answer", "import kjpacts as _k\nYONHAP_DATES = {k: next(t.value for t in "
                               "_k.load().annotations.timexes['yonhap-2012-06-27'] if t.text == k) for k in @KEYS@}",
                               ("q4-test", "q4-hidden")),
}


def _gold_lookup(prob: "Problem"):
    answer, code, _ = GOLD_LOOKUP[prob.ps]
    name = code.rsplit("\n", 1)[-1].split(" = ", 1)[0]
    keys = sorted(prob.solution_namespace()[name])
    return prob.with_answers({answer: code.replace("@KEYS@", repr(keys))}, prob.solution())


TRICKS = {
    "gold-lookup": _gold_lookup,
    "frame-reader": lambda p: _functions_replaced(p, "return _peek(*args)", FRAME_READER),
    "kappa-alias": _kappa_alias,
    "display-max": lambda p: _functions_replaced(p, "return 'garbage'", DISPLAY_MAX),
    "patch-min": lambda p: _functions_replaced(p, "return 'garbage'", PATCH_MIN),
    "sys-exit": lambda p: _solution_with_cell(p, "import sys\nsys.exit(0)"),
    "patch-testkit": lambda p: _functions_replaced(p, "return 'garbage'", PATCH_TESTKIT),
    "write-files": lambda p: _solution_with_cell(p, WRITE_FILES.replace("@PS@", p.ps)),
    "forge-answers": lambda p: _functions_replaced(p, "return 'garbage'", FORGE_ANSWERS),
    "essay-copy": lambda p: _with_essay(p, ESSAY),
    "essay-copier": lambda p: _with_essay(p, ESSAY_COPIED),
    "own-essay": lambda p: _with_essay(p, OWN_ESSAY),
}


def _meta_edit(prob: "Problem", edit):
    nb = prob.solution()
    edit(prob, nb)
    return nb


def _rename_hidden(prob: "Problem", nb) -> None:
    hidden = prob.test_ids("hidden")[0]
    for c in nb.cells:
        if nbmeta(c).get("grade_id") == hidden:
            c.metadata["nbgrader"]["grade_id"] = hidden + "-mine"


def _test_as_solution(prob: "Problem", nb) -> None:
    test = prob.test_ids("visible")[0]
    for c in nb.cells:
        if nbmeta(c).get("grade_id") == test:
            c.metadata["nbgrader"]["solution"] = True


def _points_edited(prob: "Problem", nb) -> None:
    test = prob.test_ids("hidden")[-1]
    for c in nb.cells:
        if nbmeta(c).get("grade_id") == test:
            c.metadata["nbgrader"]["points"] = 100


def _old_nbformat(prob: "Problem", nb) -> None:
    """Saved by an old Jupyter (nbformat 4.1, no cell ids) after deleting a visible test."""
    gone = prob.deleted_for_old_format()
    nb.cells = [c for c in nb.cells if nbmeta(c).get("grade_id") not in gone]
    nb.nbformat_minor = 1
    for c in nb.cells:
        c.pop("id", None)


META_EDITS = {
    "renamed-grade-id": lambda p: _meta_edit(p, _rename_hidden),
    "test-as-solution": lambda p: _meta_edit(p, _test_as_solution),
    "points-edited": lambda p: _meta_edit(p, _points_edited),
    "old-nbformat": lambda p: _meta_edit(p, _old_nbformat),
}

EXPECTED_FLAGS = {
    "frame-reader": ["frame-inspection"],
    "kappa-alias": ["patches-modules"],
    "display-max": ["patches-ipython"],
    "patch-min": ["touches-builtins"],
    "sys-exit": ["kills-kernel"],
    "patch-testkit": ["patches-modules"],
    "write-files": ["wrote-files"],
    "forge-answers": ["answer-channel-tampered"],
    "always-equal": ["not-plain-data"],
    "renamed-grade-id": ["repaired-metadata"],
    "test-as-solution": ["repaired-metadata"],
    "points-edited": ["repaired-metadata"],
    "old-nbformat": ["upgraded-nbformat"],
}


def perturb(ns: dict, tree: ast.Module) -> str:
    """Variable answers that keep the right shape (so visible tests pass) but wrong values."""
    out = []
    for n in tree.body:
        if not isinstance(n, ast.Assign):
            continue
        for t in n.targets:
            if not isinstance(t, ast.Name):
                continue
            v = ns[t.id]
            if isinstance(v, dict) and all(isinstance(x, str) for x in v.values()):
                iso = all(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", x) for x in v.values())
                const = "1999-01-01" if iso else sorted(v.values())[0]
                v = {k: const for k in v}
            elif isinstance(v, list) and all(isinstance(x, tuple) for x in v):
                v = [(0, 1)]
            out.append(f"{t.id} = {v!r}")
    return "\n".join(out)


READ_PROBE = r'''
import json, os
found = {}
course = "@COURSE@"
for label, path in {
    "source (absolute)": f"{course}/source/@PS@/@PS@.ipynb",
    "source (relative)": "../../../source/@PS@/@PS@.ipynb",
    "gradebook": f"{course}/gradebook.db",
    "gradebook (relative)": "../../../gradebook.db",
    "release": f"{course}/release/@PS@/@PS@.ipynb",
    "submitted": f"{course}/submitted",
    "other students": "..",
    "config": f"{course}/nbgrader_config.py",
}.items():
    try:
        if os.path.isdir(path):
            entries = [e for e in os.listdir(path) if e not in (".", os.path.basename(os.getcwd()))]
            found[label] = bool(entries)
        else:
            with open(path, "rb") as fh:
                found[label] = len(fh.read(100)) > 0
    except OSError:
        found[label] = False
# another process's folder, through /proc (the grader's, nbgrader's: they sit in the course folder)
ways_in = []
for pid in [e for e in os.listdir("/proc") if e.isdigit()] if os.path.isdir("/proc") else []:
    try:
        ways_in.append(os.readlink(f"/proc/{pid}/cwd"))
    except OSError:
        pass
found["proc"] = any(w != os.getcwd() and (w == course or w.startswith(course + "/")) for w in ways_in)
print("READ-PROBE " + json.dumps(found, sort_keys=True))
'''

WRITE_PROBE = r'''
import json, os
course = "@COURSE@"
done = {}
for label, path in {
    "source": f"{course}/source/@PS@/injected.txt",
    "source (relative)": "../../../source/@PS@/injected-rel.txt",
    "gradebook": f"{course}/gradebook.db",
    "course root": f"{course}/injected.txt",
    "own folder": "mine.txt",
}.items():
    try:
        with open(path, "a") as fh:
            fh.write("written by a student")
        done[label] = True
    except OSError:
        done[label] = False
print("WRITE-PROBE " + json.dumps(done, sort_keys=True))
'''


def write_submission(dest_root: Path, student: str, content, fname: str) -> None:
    folder = dest_root / student
    folder.mkdir(parents=True, exist_ok=True)
    if content is None:
        return
    if isinstance(content, bytes):
        (folder / fname).write_bytes(content)
    else:
        nbformat.write(content, folder / fname)


def probe_result(autograded_nb: Path, tag: str) -> dict | None:
    nb = json.loads(autograded_nb.read_text(encoding="utf-8"))
    for c in nb["cells"]:
        for o in c.get("outputs", []):
            text = "".join(o.get("text", "")) if isinstance(o.get("text"), list) else o.get("text", "")
            for line in text.splitlines():
                if line.startswith(tag + " "):
                    return json.loads(line[len(tag) + 1:])
    return None
