"""The scaffolding of every test cell of the problem sets.

A test cell reads::

    # Question 1: tests, 1 point. Checks anonymous_sources on two pages and on one with none.
    from kjpacts.grading.testkit import grade_test

    @grade_test("q1-test", points=1, title="Question 1")
    def check(t):
        got = t.spans(t.call("anonymous_sources", "yonhap-2012-06-27"), 5230, "anonymous_sources(...)")
        ...
        return None            # or a hint; partial credit: return (fraction, hint)

It runs in one of two places:

- **in the student's notebook** (no grader around): ``t.call`` calls the student's function
  in the kernel and the cell prints ``Passed: ...`` or ``Hint: ...`` (and fails, so that
  nbgrader's *Validate* sees it): instant feedback;
- **in the trusted grader** during ``kjpacts grade autograde``
  (:mod:`~kjpacts.grading.judge`): the cell never reaches the kernel. ``t.call`` and
  ``t.value`` become requests the kernel answers with plain data, and the score is worked out
  here, from this module's code, in a process that runs no student code.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import re
import warnings
from dataclasses import dataclass
from typing import Any, Callable

#: Set by the grader while it judges a cell (a :class:`Judging`); unset in a notebook.
JUDGING: contextvars.ContextVar = contextvars.ContextVar("kjpacts_judging", default=None)


class Problem(Exception):
    """A hint for the student: the answer is wrong or unusable in a way the message explains."""


def raised_message(shown: str, ename: str, message: str) -> str:
    """What the student reads when their code raised: the call, the error and its message."""
    text = " ".join(message.split())[:150]
    return f"`{shown}` raised {ename[:60]}" + (f": {text}" if text else "") + "."


class Failed(AssertionError):
    """A failed test in the student's notebook: a one-line error, no test code in a traceback."""

    def _render_traceback_(self):
        return ["\x1b[0;31mAssertionError\x1b[0m: " + str(self.args[0])]


@dataclass
class Outcome:
    """What one test cell concluded: the fraction of its points and the hint."""

    fraction: float
    hint: str | None


class Judging:
    """Set by the grader: where ``t.call``/``t.value`` send their requests, and the outcome."""

    def __init__(self, ask: Callable[[str, str, tuple], Any]):
        self.ask = ask
        self.outcome: Outcome | None = None
        self.grade_id: str | None = None
        self.partial = False


class Tools:
    """The ``t`` a check receives: the student's answers and the checking helpers."""

    Problem = Problem

    def __init__(self, judging: Judging | None, namespace: dict | None = None):
        self._judging = judging
        self._ns = namespace if namespace is not None else {}

    # -- the student's answers ------------------------------------------------------
    def call(self, name: str, *args: Any) -> Any:
        """The result of the student's function ``name`` on ``args``."""
        if self._judging is not None:
            return self._judging.ask("call", name, args)
        fn = self._ns.get(name)
        if fn is None:
            raise Problem(f"`{name}` is not defined: run the cell with your answer first.")
        if not callable(fn):
            raise Problem(f"`{name}` should be a function.")
        shown = name + "(" + ", ".join(repr(a) for a in args) + ")"
        try:
            with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return fn(*args)
        except NotImplementedError:
            raise Problem(f"`{name}` still raises NotImplementedError: replace that line with your code.") from None
        except Exception as exc:  # noqa: BLE001 - any error in the student's code is a hint
            raise Problem(raised_message(shown, type(exc).__name__, str(exc))) from None

    def value(self, name: str) -> Any:
        """The student's variable ``name``."""
        if self._judging is not None:
            return self._judging.ask("value", name, ())
        if name not in self._ns:
            raise Problem(f"`{name}` is not defined: run the cell with your answer first.")
        return self._ns[name]

    # -- checking helpers -------------------------------------------------------------
    @staticmethod
    def spans(x, text_length: int, what: str) -> list[tuple[int, int]]:
        """``x`` must be a list of (start, end) tuples of ints inside a text of ``text_length``."""
        if type(x) is not list:
            raise Problem(f"{what} must be a list of (start, end) tuples, not {type(x).__name__}.")
        out = []
        for item in x:
            if type(item) is not tuple or len(item) != 2 or type(item[0]) is not int or type(item[1]) is not int:
                raise Problem(f"{what}: every item must be a tuple of two ints (start, end), got {type(item).__name__}.")
            if not 0 <= item[0] < item[1] <= text_length:
                raise Problem(f"{what}: ({item[0]}, {item[1]}) is not a span of the clean text "
                              f"(0 <= start < end <= {text_length}).")
            out.append((item[0], item[1]))
        return out

    @staticmethod
    def span_f1(got, gold) -> float:
        """Character-overlap F1 of two span lists (each character counted once)."""
        g = {i for s, e in got for i in range(s, e)}
        t = {i for s, e in gold for i in range(s, e)}
        if not g and not t:
            return 1.0
        if not g or not t:
            return 0.0
        inter = len(g & t)
        if inter == 0:
            return 0.0
        p, r = inter / len(g), inter / len(t)
        return 2 * p * r / (p + r)

    @staticmethod
    def labels(x, items: list[str], allowed: list[str], what: str) -> dict[str, str]:
        """``x`` must be a dict item -> label (str), with exactly the items asked for."""
        if type(x) is not dict:
            raise Problem(f"{what} must be a dict, not {type(x).__name__}.")
        for k in x:
            if type(k) is not str:
                raise Problem(f"{what}: keys must be strings, got {type(k).__name__}.")
        if set(x) != set(items):
            raise Problem(f"{what}: give a label for exactly these items: {', '.join(items)}.")
        for k, v in x.items():
            if type(v) is not str or v not in allowed:
                raise Problem(f"{what}[{k!r}] must be one of: {', '.join(allowed)}.")
        return dict(x)

    @staticmethod
    def kappa(got: dict, gold: dict) -> float:
        """Cohen's kappa of two labellings of the same items (NLTK's AnnotationTask)."""
        from nltk.metrics.agreement import AnnotationTask

        if len(set(got.values()) | set(gold.values())) < 2:
            return 1.0 if all(got[i] == gold[i] for i in gold) else 0.0
        data = [("student", i, got[i]) for i in gold] + [("gold", i, gold[i]) for i in gold]
        return AnnotationTask(data=data).kappa()

    @staticmethod
    def iso(x, what: str) -> str:
        """``x`` must be an ISO 8601 date string: YYYY, YYYY-MM or YYYY-MM-DD."""
        if type(x) is not str:
            raise Problem(f"{what} must be a string such as '2011-01-10', not {type(x).__name__}.")
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", x):
            raise Problem(f"{what} = {x!r} is not an ISO date: write YYYY-MM-DD (or YYYY-MM, YYYY).")
        return str(x)

    @staticmethod
    def plain_dict(x, key_type: type, value_type: type, what: str) -> dict:
        """``x`` must be a plain dict of ``key_type`` -> ``value_type``."""
        if type(x) is not dict or not all(type(k) is key_type and type(v) is value_type for k, v in x.items()):
            raise Problem(f"{what} must be a plain dict of {key_type.__name__} -> {value_type.__name__}.")
        return x

    @staticmethod
    def str_list(x, what: str) -> list[str]:
        """``x`` must be a list of strings."""
        if type(x) is not list or not all(type(v) is str for v in x):
            raise Problem(f"{what} must be a list of strings.")
        return x


def run_check(check: Callable, tools: Tools, partial: bool) -> Outcome:
    """Run ``check(t)`` and turn what it returns (or raises) into an :class:`Outcome`."""
    try:
        result = check(tools)
    except Problem as p:
        return Outcome(0.0, str(p.args[0]) if p.args else "wrong answer")
    except Exception as exc:  # noqa: BLE001 - an answer of an unexpected shape fails the test
        return Outcome(0.0, f"your answer has an unexpected shape ({type(exc).__name__}).")
    if partial:
        frac, hint = result
        frac = float(frac)
        frac = 0.0 if frac != frac else max(0.0, min(1.0, frac))
        return Outcome(frac, hint)
    return Outcome(1.0, None) if result is None else Outcome(0.0, str(result))


def grade_test(grade_id: str, points: float, *, partial: bool = False, title: str = "",
               hidden: bool = False) -> Callable[[Callable], None]:
    """Decorator of a test cell's ``check(t)``: runs it at once, in the notebook or for the grader."""
    label = f"{title or grade_id} ({'hidden' if hidden else 'visible'} tests)"

    def run(check: Callable) -> None:
        judging = JUDGING.get()
        if judging is not None:
            judging.grade_id = grade_id
            judging.partial = partial
            judging.outcome = run_check(check, Tools(judging), partial)
            return None
        import __main__

        out = run_check(check, Tools(None, vars(__main__)), partial)
        if partial:
            if out.hint:
                print("Hint: " + out.hint)
            print(f"Score: {round(points * out.fraction, 2)} of {points:g} points ({label}).")
            return None
        if out.fraction == 1.0:
            print(f"Passed: {label}.")
            return None
        print("Hint: " + str(out.hint))
        raise Failed(f"{label} failed: {out.hint}")

    return run
