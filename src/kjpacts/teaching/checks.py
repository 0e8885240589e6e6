"""Self-checks for the lessons' "try it" cells: immediate feedback with hints, never tracebacks.

Each lesson module in :mod:`kjpacts.teaching.lessons` registers its try-its::

    TRYITS = [
        TryIt(id="03.1", skill="count sentences", prompt="How many sentences ...?",
              check=lambda ans: number(ans, expected_value(), "Count with sentences(doc)."),
              answer="answer = len(sentences(corpus['wapo-2011-01-11']))",
              wrongs=[("answer = 0", "Count with sentences")]),
    ]

and a notebook cell calls ``check("03.1", answer)``. :func:`check` does what every try-it
needs once: it says so when the answer is still ``...``, calls an answer given as a function
(so that an error in the student's code becomes a hint with the error's own message), turns
numpy and pandas scalars into plain Python numbers, and never shows a traceback.

``answer`` is the code the answer key prints; the test suite runs it (after the lesson's
``SETUP`` and the try-it's ``given`` code, the notebook cells it relies on) and requires the
check to accept it. ``wrongs`` lists typical wrong answers, as code, each with a phrase the
feedback must contain: the suite requires each to be rejected with that diagnosis.

>>> from kjpacts.teaching.checks import equal, number
>>> equal(3, 3, "hint").ok, equal(4, 3, "Count again.").message
(True, 'Count again.')
>>> number("3", 3, "Count again.").message
'Right number, but it is text (it has quotes around it). Give the number itself, without quotes.'
"""

from __future__ import annotations

import functools
import importlib
import math
import numbers
import pkgutil
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Callable

from kjpacts.corpus.load import shared_corpus
from kjpacts.teaching import lessons
from kjpacts.teaching.html import message

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus


UNANSWERED = "Replace the ... with your answer, then run the cell again."
NOTHING_RETURNED = ("Your function answer() gives back nothing yet: write your code in it, end it with a line "
                    "\"return ...\" that gives the value, then run the cell again.")


@dataclass(frozen=True)
class Feedback:
    """The kit's one answer to a check: ``ok`` is True, False, or None when there was nothing to
    check (no answer yet). Try-its, self-check widgets and problem-set helpers all return it."""

    ok: bool | None
    message: str

    @property
    def verdict(self) -> str:
        return {True: "✔ Correct", False: "✘ Not yet", None: "ℹ"}[self.ok]

    def html(self) -> str:
        """A status line (screen readers announce it)."""
        kind = {True: "ok", False: "warning", None: "info"}[self.ok]
        word = {True: "Correct.", False: "Not quite.", None: ""}[self.ok]
        return message(" ".join(x for x in (word, self.message) if x), kind)

    def _repr_html_(self) -> str:
        return self.html()

    def __repr__(self) -> str:
        return f"{self.verdict}. {self.message}" if self.ok is not None else self.message


@dataclass(frozen=True)
class TryIt:
    """One try-it cell. ``skill`` names what it practises; ``open_code`` is True when the prompt
    asks for a result and leaves the code to the student (False: the prompt dictates the steps)."""

    id: str
    skill: str
    prompt: str
    check: Callable[[Any], Feedback]
    answer: str
    wrongs: tuple[tuple[str, str], ...]
    given: str = ""
    explanation: str = ""
    open_code: bool = True


# -- reading an answer ------------------------------------------------------------

def unanswered(answer: Any) -> bool:
    """True for an answer still left as ``...`` (or None, or empty text)."""
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def plain(answer: Any) -> Any:
    """numpy and pandas scalars as plain Python values (``numpy.int64(3)`` -> ``3``), also inside
    tuples and lists; anything else unchanged."""
    if isinstance(answer, (tuple, list)):
        return type(answer)(plain(a) for a in answer)
    if type(answer).__module__.split(".")[0] == "numpy" and getattr(answer, "ndim", None) == 0 \
            and callable(getattr(answer, "item", None)):  # a numpy dtype has ndim 0 but no value
        return answer.item()
    return answer


def describe(answer: Any) -> str:
    """What a beginner handed in, in words: 'a table (a pandas DataFrame)', 'text (a string)', ..."""
    kind = type(answer).__name__
    module = type(answer).__module__.split(".")[0]
    if module == "pandas":
        return {"DataFrame": "a table (a pandas DataFrame)", "Series": "a column (a pandas Series)",
                "Index": "an index (a pandas Index)"}.get(kind, f"a pandas {kind}")
    if isinstance(answer, bool):
        return f"{answer}, a yes/no value (a bool)"
    if isinstance(answer, numbers.Integral):
        return "a whole number (an int)"
    if isinstance(answer, numbers.Real):
        return "a decimal number (a float)"
    return {"str": "text (a string)", "list": "a list", "tuple": "a tuple", "dict": "a dictionary",
            "set": "a set", "function": "a function", "date": "a date object",
            "NoneType": "nothing (None)"}.get(kind, f"a {kind}")


def is_number(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def diagnose_error(exc: BaseException) -> str:
    """A one-line hint for an error raised by the student's own code, with the error's message."""
    text = f"{type(exc).__name__}: {exc}".strip()
    said = f"Your code stopped with an error ({text})."
    msg = str(exc)
    if "rand_" in msg or "ror_" in msg:  # `a == 1 & b == 2`: & binds before ==
        return (f"{said} & is worked out before ==, so each condition needs its own round brackets: "
                "(a == 1) & (b == 2).")
    if "truth value of a Series is ambiguous" in msg or "truth value of a DataFrame is ambiguous" in msg:
        return (f"{said} Between two pandas conditions write & instead of and (| instead of or), "
                "and put each condition in round brackets: (a == 1) & (b == 2).")
    if isinstance(exc, NameError):
        return f"{said} A name is not defined yet: run the cells above this one first (Run > Run All Above)."
    if "unsupported operand" in msg and "list" in msg:
        return f"{said} Count each list with len(...) first, then calculate with the numbers."
    if "substring not found" in msg:
        return f"{said} Those exact characters are not in the text: check spelling, capitals and quote marks."
    if isinstance(exc, KeyError):
        return f"{said} There is no such key or column: check its spelling, in quotes."
    return f"{said} Read the last line of the message, fix that line and run the cell again."


# -- comparing an answer with the expected value ----------------------------------

def equal(answer: Any, expected: Any, hint: str, praise: str = "") -> Feedback:
    """Feedback for an exact answer; the types must match too (``3 != 3.0``, ``'3' != 3``)."""
    if type(answer) is type(expected) and answer == expected:
        return Feedback(True, praise or "Well done.")
    return Feedback(False, hint)


def _as_number(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


def number(answer: Any, expected: float, hint: str, praise: str = "", tol: float = 1e-6,
           wrong: dict[float, str] | None = None) -> Feedback:
    """Feedback for a number; ``expected`` an int asks for a whole number. Diagnoses type, sign,
    rounding and the typical wrong values in ``wrong`` ({value: hint}) separately."""
    answer = plain(answer)
    whole = isinstance(expected, numbers.Integral)
    if isinstance(answer, str):
        value = _as_number(answer)
        if value is not None and math.isclose(value, expected, abs_tol=tol):
            return Feedback(False, "Right number, but it is text (it has quotes around it). "
                                   "Give the number itself, without quotes.")
        return Feedback(False, f"Give a number, without quotes; you gave {describe(answer)}. {hint}")
    if not is_number(answer):
        return Feedback(False, f"Give {'a whole number' if whole else 'a number'}; you gave {describe(answer)}. "
                               + (_container_hint(answer) or hint))
    if whole and isinstance(answer, float) and not answer.is_integer():
        return Feedback(False, f"A count is a whole number; you gave {answer}. {hint}")
    if math.isclose(answer, expected, abs_tol=tol):
        return Feedback(True, praise or "Well done.")
    for value, text in (wrong or {}).items():
        if math.isclose(answer, value, abs_tol=tol):
            return Feedback(False, text)
    if expected and math.isclose(answer, -expected, abs_tol=tol):
        return Feedback(False, "Right size, wrong sign: subtract the other way round.")
    if not whole and rounded(answer, expected):
        return Feedback(False, f"Nearly: your number looks rounded ({answer} for a value Python gives with more "
                               "decimals). Give the full value Python computes: do not round it or copy it by hand.")
    return Feedback(False, hint)


def rounded(answer: float, expected: float) -> bool:
    """True when ``answer`` is ``expected`` rounded (either way) to 1-3 decimal places."""
    for digits in range(1, 4):
        if math.isclose(answer, round(answer, digits), abs_tol=1e-9) and \
                abs(answer - expected) <= 10 ** -digits / 2 + 1e-9 and not math.isclose(answer, expected, abs_tol=1e-6):
            return True
    return False


def _container_hint(answer: Any) -> str:
    kind = type(answer).__name__
    if kind == "DataFrame":
        return "That is the table itself: count its rows with len(...)."
    if kind == "Series" and str(getattr(answer, "dtype", "")) == "bool":
        return "That is a column of True/False, one per row: .sum() counts the True values."
    if kind in ("list", "tuple") and answer and all(is_number(v) for v in answer):
        return "That is several numbers: give only the one the question asks for."
    if kind in ("list", "tuple", "set", "dict", "Series"):
        return "Put it inside len( ) to count its items."
    return ""


def one_of(answer: Any, accepted: list[str], hint: str, praise: str = "") -> Feedback:
    """Feedback for a short text answer, ignoring case, spaces and final punctuation."""
    def norm(x: Any) -> str:
        return " ".join(str(x).lower().replace("-", " ").split()).strip(" .!?")

    if not isinstance(answer, str):
        return Feedback(False, f"Give text in quotes; you gave {describe(answer)}. {hint}")
    if norm(answer) in {norm(a) for a in accepted}:
        return Feedback(True, praise or "Well done.")
    return Feedback(False, hint)


def same_items(answer: Any, expected: list, hint: str, praise: str = "") -> Feedback:
    """Feedback for a collection whose order does not matter (a list or set of answers)."""
    answer = plain(answer)
    if isinstance(answer, (list, tuple, set)) and sorted(map(repr, answer)) == sorted(map(repr, expected)):
        return Feedback(True, praise or "Well done.")
    if isinstance(answer, (list, tuple, set)):
        missing = len([e for e in expected if e not in answer])
        extra = len([a for a in answer if a not in expected])
        return Feedback(False, f"{hint} ({missing} missing, {extra} that should not be there.)")
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    return Feedback(False, f"Give a list, like [\"a\", \"b\"]; you gave {describe(answer)}.")


def pair(answer: Any, expected: tuple, hint: str, praise: str = "", names: tuple[str, str] = ("first", "second"),
         tol: float = 1e-4) -> Feedback:
    """Feedback for a pair of numbers; diagnoses shape, type and order separately."""
    answer = plain(answer)
    if isinstance(answer, list) and len(answer) == 2:
        return Feedback(False, f"Give the two values in round brackets, a tuple: ({names[0]}, {names[1]}).")
    if not isinstance(answer, tuple) or len(answer) != 2:
        return Feedback(False, f"Give two values in round brackets: ({names[0]}, {names[1]}); "
                               f"you gave {describe(answer)}.")
    if not all(is_number(v) for v in answer):
        bad = next(v for v in answer if not is_number(v))
        return Feedback(False, f"Both parts must be numbers; one is {describe(bad)}. {hint}")
    close = lambda a, b: all(math.isclose(x, y, abs_tol=tol) for x, y in zip(a, b))  # noqa: E731
    if close(answer, expected):
        return Feedback(True, praise or "Well done.")
    if close(answer, expected[::-1]):
        return Feedback(False, f"Right numbers, wrong order: first {names[0]}, then {names[1]}.")
    if all(math.isclose(a, e, abs_tol=tol) or rounded(a, e) for a, e in zip(answer, expected)):
        return Feedback(False, "Nearly: your numbers look rounded. Give the full values Python computes: "
                               "do not round them or copy them by hand.")
    return Feedback(False, hint)


ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")


def iso_date(answer: Any, expected: str, hint: str, praise: str = "", wrong: dict[str, str] | None = None) -> Feedback:
    """Feedback for a date as ISO text (``"YYYY-MM-DD"`` or ``"YYYY-MM"``, as ``expected`` is).
    The format is diagnosed before the day, so a right date in the wrong form is told so."""
    month = bool(ISO_MONTH.match(expected))
    form = '"YYYY-MM"' if month else '"YYYY-MM-DD"'
    if isinstance(answer, date):
        cut = ".isoformat()[:7]" if month else ".isoformat()"
        if answer.isoformat()[:len(expected)] == expected:
            return Feedback(False, f"Right date, but as a date object: give it as text in the form {form} "
                                   f"(add {cut} at the end" + (": only the year and month" if month else "") + ").")
        return Feedback(False, f"Give the date as text in the form {form} ({cut} makes it); and check the "
                               + ("month." if month else "day."))
    if not isinstance(answer, str):
        return Feedback(False, f"Give the date as text in quotes, in the form {form}; you gave {describe(answer)}.")
    a = answer.strip()
    if month and ISO_DAY.match(a):
        return Feedback(False, f"That is a day. Nothing fixes the day here, so give only the month: {form}.")
    if not (ISO_MONTH if month else ISO_DAY).match(a):
        return Feedback(False, f"Write the date in ISO form, {form}, with hyphens and leading zeros "
                               f"(for example {'2010-11' if month else '2010-11-23'}); you wrote {a!r}.")
    if a == expected:
        return Feedback(True, praise or "Well done.")
    if a in (wrong or {}):
        return Feedback(False, wrong[a])
    return Feedback(False, hint)


def table_shape_hint(answer: Any, id_column: str = "doc_id") -> Feedback | None:
    """A hint when a beginner hands in a pandas table, column or index instead of a list of ids,
    or a list of row numbers (a table's index) instead of the ids.

    For any try-it whose answer is a list of ids from ``id_column``. A table whose index holds those
    ids gets ".index.tolist()"; a table numbered 0, 1, 2 ... gets ".{id_column}.tolist()". Returns None
    when none of these applies.
    """
    import pandas as pd

    from_column = f".{id_column}.tolist()"
    if isinstance(answer, pd.DataFrame):
        if answer.index.name != id_column and id_column in answer.columns:
            return Feedback(False, f"That is the filtered table itself. Its index is row numbers, so take the "
                                   f"{id_column} column: add {from_column} at the end to get a list.")
        return Feedback(False, "That is the filtered table itself. Add .index.tolist() (or the column you need, "
                               "then .tolist()) at the end to get a list.")
    if isinstance(answer, pd.Series):
        if answer.dtype == bool:
            return Feedback(False, "That is the column of True/False answers, one per row. Put it inside "
                                   "table[ ... ] to keep the rows where it is True, then add .tolist().")
        return Feedback(False, "That is a pandas column; add .tolist() at the end to turn it into a list.")
    if isinstance(answer, pd.Index):
        if answer.name != id_column and pd.api.types.is_integer_dtype(answer.dtype):
            return Feedback(False, f"That is the index of the rows you kept, and in this table it is row numbers, "
                                   f"not ids. Take the {id_column} column instead: {from_column}")
        return Feedback(False, f"Nearly: that is the index (the {id_column}s) of the rows you kept. "
                               "Add .tolist() to make it a list.")
    if (isinstance(answer, (list, tuple)) and answer
            and all(isinstance(x, int) and not isinstance(x, bool) for x in answer)):
        return Feedback(False, f"Those are row numbers (the table's index), not ids. Take the {id_column} column "
                               f"of the rows you kept: {from_column}")
    return None


def doc_id_list_hint(answer: Any, empty: str) -> Feedback | None:
    """A hint when an answer that should be a list of doc ids is text, a pandas object or an
    empty list (``empty`` says why a filter may match no row). None when none of these applies."""
    if isinstance(answer, str):
        return Feedback(False, "Give a list of doc_ids, like [\"a\", \"b\"], not a single string; "
                               ".index.tolist() makes one.")
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    if isinstance(answer, (list, tuple)) and len(answer) == 0:
        return Feedback(False, "Your list is empty: no row matched. " + empty)
    return None


def shipped_corpus() -> "Corpus":
    """The corpus the lessons' checks compare with: the process's one shared corpus."""
    return shared_corpus()


# -- the registry and the one entry point -----------------------------------------

@functools.cache
def registry() -> dict[str, TryIt]:
    """Every try-it of every lesson module in :mod:`kjpacts.teaching.lessons`."""

    found: dict[str, TryIt] = {}
    for info in pkgutil.iter_modules(lessons.__path__):
        module = importlib.import_module(f"kjpacts.teaching.lessons.{info.name}")
        for t in getattr(module, "TRYITS", []):
            if t.id in found:
                raise ValueError(f"try-it id {t.id} is defined twice")
            found[t.id] = t
    return found


def lesson_setup(tryit_id: str) -> str:
    """The code a lesson's notebook runs before its try-its (its module's ``SETUP``)."""
    module = importlib.import_module(f"kjpacts.teaching.lessons.l{tryit_id.split('.')[0]}")
    return getattr(module, "SETUP", "")


def check(tryit_id: str, answer: Any) -> Feedback:
    """Check a try-it answer and return feedback (shown as a coloured note in the notebook).

    ``answer`` may also be a function without arguments that computes the answer
    (``def answer(): return ...``): an error inside it becomes a hint with its message.
    """
    t = registry().get(tryit_id)
    if t is None:
        return Feedback(False, f"There is no try-it called {tryit_id!r}; check the id in the cell.")
    if callable(answer) and getattr(answer, "__name__", "") in ("answer", "<lambda>"):
        try:
            answer = answer()
        except Exception as exc:  # the student's own code failed: say how, with its message
            return Feedback(False, diagnose_error(exc))
        if answer is None or answer is Ellipsis:  # the template as given, or a function without return
            return Feedback(None, NOTHING_RETURNED)
    answer = plain(answer)
    if unanswered(answer):
        return Feedback(None, UNANSWERED)
    try:
        return t.check(answer)
    except Exception as exc:  # a student answer must never produce a traceback here
        return Feedback(False, f"Your answer could not be checked ({type(exc).__name__}: {exc}). "
                               f"Check that it has the form the question asks for; you gave {describe(answer)}.")
