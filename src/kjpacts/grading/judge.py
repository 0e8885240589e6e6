"""Judging a test cell in the trusted grader process, never in the student's kernel.

:func:`judge` runs the test cell's source as the instructor wrote it (taken from the
gradebook, not from the submission) with :data:`kjpacts.grading.testkit.JUDGING` set, so that
every ``t.call``/``t.value`` becomes a request to the kernel (:class:`KernelAnswers`) and the
score is worked out here. :func:`outputs` turns the outcome into the cell outputs nbgrader's
``SaveAutoGrades`` reads: a stream with the hint, then an ``execute_result`` holding the score
(partial credit) or an ``error`` (a failed pass/fail test).

What the kernel sees of a test: the request code, holding the name asked for and the
arguments of a call. Expected values, the other hidden inputs and the test code stay here.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Callable

from nbformat.notebooknode import NotebookNode

from . import testkit
from .wire import NotPlainData, decode, encode

#: The code sent to the kernel for one request (see :mod:`kjpacts.grading.answer`).
REQUEST = '__import__("kjpacts.grading.answer").grading.answer.reply({nonce!r}, {kind!r}, {name!r}, {args!r})'
#: Longest hint kept from the kernel's error messages.
MAX_HINT = 300


class NoAnswer(testkit.Problem):
    """The kernel gave no usable answer (dead, timed out, refused, raised)."""


@dataclass
class KernelAnswers:
    """Requests to the student's kernel; ``run(code) -> stdout text or None`` executes code there."""

    run: Callable[[str], str | None]
    sent: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    #: The errors the student's code raised, as reported to the student (for the grade comment).
    errors: list[str] = field(default_factory=list)

    def __call__(self, kind: str, name: str, args: tuple):
        try:
            args_json = encode(list(args))
        except NotPlainData as exc:  # an authoring error, never the student's
            raise RuntimeError(f"test arguments must be plain data: {exc}") from None
        nonce = "KJPACTS-ANSWER-" + secrets.token_hex(8) + ":"
        code = REQUEST.format(nonce=nonce, kind=kind, name=name, args=args_json)
        self.sent.append(code)
        text = self.run(code)
        if text is None:
            raise NoAnswer(f"no answer from your notebook for `{name}` (the kernel stopped, or timed out).")
        lines = [ln[len(nonce):] for ln in text.splitlines() if ln.startswith(nonce)]
        if len(lines) != 1:
            self.flags.add("answer-channel-tampered" if lines else "no-answer")
            raise NoAnswer(f"no readable answer from your notebook for `{name}` (was the output redirected?).")
        try:
            reply = json.loads(lines[0])
        except ValueError:
            reply = None
        if type(reply) is not dict or len(reply) != 1:
            self.flags.add("answer-channel-tampered")
            raise NoAnswer(f"the answer for `{name}` could not be read.")
        (how, what), = reply.items()
        shown = f"{name}({', '.join(repr(a) for a in args)})" if kind == "call" else name
        if how == "ok" and type(what) is str:
            try:
                return decode(what)
            except NotPlainData as exc:
                self.flags.add("not-plain-data")
                raise NoAnswer(f"`{shown}`: {str(exc)[:MAX_HINT]}") from None
        if how == "missing":
            raise NoAnswer(f"`{name}` is not defined: run the cell with your answer first.")
        if how == "not-callable":
            raise NoAnswer(f"`{name}` should be a function.")
        if how == "refused":
            self.flags.add("not-plain-data")
            raise NoAnswer(f"`{shown}` returned something that is not plain data: {str(what)[:MAX_HINT]}")
        if how == "raised" and type(what) is list and what and type(what[0]) is str:
            if what[0] == "NotImplementedError":
                raise NoAnswer(f"`{name}` still raises NotImplementedError: replace that line with your code.")
            message = testkit.raised_message(shown, what[0], what[1] if len(what) > 1 and type(what[1]) is str else "")
            self.errors.append(message)
            raise NoAnswer(message)
        self.flags.add("answer-channel-tampered")
        raise NoAnswer(f"the answer for `{name}` could not be read.")


@dataclass
class Verdict:
    grade_id: str
    points: float
    score: float
    hint: str | None
    partial: bool
    label: str


def _label(source: str, grade_id: str) -> str:
    first = source.lstrip().splitlines()[0] if source.strip() else ""
    title = first.lstrip("# ").split(":")[0].strip() if first.startswith("#") else ""
    return f"{title or grade_id} ({'hidden' if 'BEGIN HIDDEN TESTS' in source else 'visible'} tests)"


def judge(source: str, grade_id: str, points: float, ask: Callable[[str, str, tuple], object]) -> Verdict:
    """Run the test cell ``source`` here, its requests answered by ``ask``; the verdict."""
    judging = testkit.Judging(ask)
    token = testkit.JUDGING.set(judging)
    try:
        code = compile(source, f"<test {grade_id}>", "exec")
        exec(code, {"__name__": "__kjpacts_judge__"})  # noqa: S102 - the instructor's test, from the gradebook
    except Exception as exc:  # noqa: BLE001 - a broken test is the author's fault: say so, score 0
        judging.outcome = testkit.Outcome(0.0, f"the test itself failed ({type(exc).__name__}: {exc}); "
                                               "tell your instructor")
    finally:
        testkit.JUDGING.reset(token)
    if judging.outcome is None or judging.grade_id != grade_id:
        judging.outcome = testkit.Outcome(0.0, "this test cell did not run a check; tell your instructor")
    partial = judging.partial
    score = round(float(points) * judging.outcome.fraction, 2)
    return Verdict(grade_id, float(points), score, judging.outcome.hint, partial, _label(source, grade_id))


def outputs(v: Verdict) -> list[NotebookNode]:
    """The outputs nbgrader grades: hint and score lines, then the score or an error."""
    text = []
    if v.partial:
        if v.hint:
            text.append("Hint: " + v.hint)
        text.append(f"Score: {v.score:g} of {v.points:g} points ({v.label}).")
    elif v.score >= v.points:
        text.append(f"Passed: {v.label}.")
    else:
        text.append("Hint: " + str(v.hint))
    outs = [NotebookNode(output_type="stream", name="stdout", text="\n".join(text) + "\n")]
    if v.partial:
        outs.append(NotebookNode(output_type="execute_result", execution_count=None, metadata={},
                                 data={"text/plain": repr(v.score)}))
    elif v.score < v.points:
        msg = f"{v.label} failed: {v.hint}"
        outs.append(NotebookNode(output_type="error", ename="AssertionError", evalue=msg,
                                 traceback=[f"\x1b[0;31mAssertionError\x1b[0m: {msg}"]))
    return outs
