"""Self-checks for the lessons' "try it" cells: immediate feedback with hints, never tracebacks.

Each lesson module in :mod:`kjpacts.teaching.lessons` registers its try-its::

    TRYITS = [
        TryIt(id="03.1", prompt="How many sentences ...?",
              check=lambda ans: equal(ans, expected_value(), "Count with sentences(doc)."),
              answer="len(sentences(corpus['wapo-2011-01-11']))",
              right=lambda: ..., wrong=lambda: ...),
    ]

and a notebook cell calls ``check("03.1", my_answer)``. ``right`` and ``wrong``
build an accepted and a rejected answer so the test suite proves every check
can pass and can fail; ``answer`` is what the instructor guide shows.

>>> from kjpacts.teaching.checks import equal
>>> equal(3, 3, "hint").ok, equal(4, 3, "Count again.").message
(True, 'Count again.')
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from kjpacts.corpus.load import shared_corpus
from kjpacts.teaching.html import message

if TYPE_CHECKING:
    from kjpacts.corpus.load import Corpus


UNANSWERED = "Replace the ... with your answer, then run the cell again."


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
    id: str
    prompt: str
    check: Callable[[Any], Feedback]
    answer: str
    right: Callable[[], Any]
    wrong: Callable[[], Any]
    explanation: str = field(default="")


def equal(answer: Any, expected: Any, hint: str, praise: str = "") -> Feedback:
    """Feedback for an exact answer; the types must match too (``3 != 3.0``, ``'3' != 3``)."""
    if type(answer) is type(expected) and answer == expected:
        return Feedback(True, praise or "Well done.")
    if answer is None or answer is Ellipsis:
        return Feedback(False, UNANSWERED)
    return Feedback(False, hint)


def one_of(answer: Any, accepted: list[str], hint: str, praise: str = "") -> Feedback:
    """Feedback for a short text answer, ignoring case, spaces and final punctuation."""
    def norm(x: Any) -> str:
        return " ".join(str(x).lower().replace("-", " ").split()).strip(" .!?")

    if isinstance(answer, str) and norm(answer) in {norm(a) for a in accepted}:
        return Feedback(True, praise or "Well done.")
    return Feedback(False, hint if answer not in (None, Ellipsis, "") else "Type your answer between the quotes.")


def same_items(answer: Any, expected: list, hint: str, praise: str = "") -> Feedback:
    """Feedback for a collection whose order does not matter (a list or set of answers)."""
    if isinstance(answer, (list, tuple, set)) and sorted(map(repr, answer)) == sorted(map(repr, expected)):
        return Feedback(True, praise or "Well done.")
    if isinstance(answer, (list, tuple, set)):
        missing = len([e for e in expected if e not in answer])
        extra = len([a for a in answer if a not in expected])
        return Feedback(False, f"{hint} ({missing} missing, {extra} that should not be there.)")
    return Feedback(False, "Give a list, like [\"a\", \"b\"].")


def table_shape_hint(answer: Any) -> Feedback | None:
    """A hint when a beginner hands in a pandas table, column or index instead of a list of ids.

    For any try-it whose answer is a list of doc ids. Returns None when the answer is not a
    pandas object.
    """
    import pandas as pd

    if isinstance(answer, pd.DataFrame):
        return Feedback(False, "That is the filtered table itself. Add .index.tolist() at the end "
                               "to get its doc_ids as a list.")
    if isinstance(answer, pd.Series):
        if answer.dtype == bool:
            return Feedback(False, "That is the column of True/False answers, one per page. Put it inside "
                                   "table[ ... ] to keep the rows where it is True, then add .index.tolist().")
        return Feedback(False, "That is one column of the table. Keep the rows you want with "
                               "table[condition], then add .index.tolist().")
    if isinstance(answer, pd.Index):
        return Feedback(False, "Nearly: that is the index (the doc_ids) of the rows you kept. "
                               "Add .tolist() to make it a list.")
    return None


def doc_id_list_hint(answer: Any, empty: str) -> Feedback | None:
    """A hint when an answer that should be a list of doc ids is text, a pandas object or an
    empty list (``empty`` says why a filter may match no row). None when none of these applies."""
    if isinstance(answer, str):
        return Feedback(False, "Give a list of doc_ids, like [\"a\", \"b\"]; .index.tolist() makes one.")
    shape = table_shape_hint(answer)
    if shape is not None:
        return shape
    if isinstance(answer, (list, tuple)) and len(answer) == 0:
        return Feedback(False, "Your list is empty: no row matched. " + empty)
    return None


def shipped_corpus() -> "Corpus":
    """The corpus the lessons' checks compare with: the process's one shared corpus."""
    return shared_corpus()


def needs_answer(check_fn: Callable[[Any], Feedback]) -> Callable[[Any], Feedback]:
    """Wrap a check so that an answer still left as ``...`` gets the same friendly reminder."""
    @functools.wraps(check_fn)
    def wrapped(answer: Any) -> Feedback:
        if answer is None or answer is Ellipsis:
            return Feedback(False, UNANSWERED)
        return check_fn(answer)
    return wrapped


@functools.cache
def registry() -> dict[str, TryIt]:
    """Every try-it of every lesson module in :mod:`kjpacts.teaching.lessons`."""
    from kjpacts.teaching import lessons

    found: dict[str, TryIt] = {}
    for info in pkgutil.iter_modules(lessons.__path__):
        module = importlib.import_module(f"kjpacts.teaching.lessons.{info.name}")
        for t in getattr(module, "TRYITS", []):
            if t.id in found:
                raise ValueError(f"try-it id {t.id} is defined twice")
            found[t.id] = t
    return found


def check(tryit_id: str, answer: Any) -> Feedback:
    """Check a try-it answer and return feedback (shown as a coloured note in the notebook)."""
    t = registry().get(tryit_id)
    if t is None:
        return Feedback(False, f"There is no try-it called {tryit_id!r}; check the id in the cell.")
    if answer is Ellipsis:
        return Feedback(False, UNANSWERED)
    try:
        return t.check(answer)
    except Exception as exc:  # a student answer must never produce a traceback here
        return Feedback(False, f"Your answer could not be checked ({type(exc).__name__}). "
                               "Check that it has the form the question asks for.")
