"""Self-check questions for the lessons: multiple choice and short answer, with hints (not graded).

In a lesson::

    from kjpacts.teaching.widgets import SelfCheck, ShortAnswer, accept, number

    SelfCheck("Which page prints no date?", ["The Washington Post", "The Korea Herald (13 May)"],
              answer=1, hints={0: "Look for a date line under the byline."},
              explanation="Its date is inferred from the text.")
    ShortAnswer("How many countries does the ministry say it has GSOMIAs with?", number(24),
                hint="Search the Yonhap page for 'countries'.")
    ShortAnswer("Which city hosted the May 2012 summit?", accept("Beijing"), hint="Read the dateline.")

Logic: :func:`check_choice`, :func:`check_text`, :func:`normalise`, :func:`accept`,
:func:`number`. A checker never shows a traceback: whatever it raises becomes a hint.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable, Mapping, Sequence, Union

from kjpacts.teaching.checks import Feedback
from kjpacts.teaching.widgets._common import (
    FULL_WIDTH,
    GREY,
    OKABE_ITO,
    KitWidget,
    button,
    esc,
    html_pane,
    row,
)

Checker = Callable[[str], Union[bool, str, tuple]]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_QUOTES = {ord("\u201c"): '"', ord("\u201d"): '"', ord("\u2018"): "'", ord("\u2019"): "'"}


def normalise(text: str) -> str:
    """Lenient comparison form: Unicode NFKC, case folded, straight quotes, plain hyphens,
    spaces collapsed, surrounding quotes and final punctuation dropped, a leading article dropped.

    >>> normalise('  "The  Korea–Herald." ')
    'korea-herald'
    """
    s = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES).casefold()
    s = " ".join(s.split())
    s = s.strip("\"' ").rstrip(".!?;:,").strip("\"' ")
    s = re.sub(r"^(the|a|an) ", "", s)
    return s


def accept(*answers: str, normalise: Callable[[str], str] = normalise) -> Checker:
    """A checker that accepts any of ``answers`` after normalisation.

    >>> accept("Beijing", "Peking")(" beijing. ")
    True
    """
    wanted = {normalise(a) for a in answers}
    if not wanted:
        raise ValueError("accept() needs at least one accepted answer")

    def check(text: str) -> bool:
        return normalise(text) in wanted

    check.answers = tuple(answers)  # type: ignore[attr-defined]
    return check


def number(value: float, tolerance: float = 0.0) -> Checker:
    """A checker for a number (commas and a trailing % allowed), within ``tolerance``.

    >>> number(24)("24 countries")
    True
    >>> number(0.5, 0.01)("half")
    (False, 'Please answer with a number, e.g. 0.5.')
    """

    def check(text: str):
        m = re.search(r"-?\d[\d,]*(?:\.\d+)?", text)
        if not m:
            return False, f"Please answer with a number, e.g. {value:g}."
        got = float(m.group().replace(",", ""))
        return abs(got - value) <= tolerance

    check.answers = (f"{value:g}",)  # type: ignore[attr-defined]
    return check


def _as_checker(checker) -> Checker:
    if callable(checker):
        return checker
    if isinstance(checker, str):
        return accept(checker)
    if isinstance(checker, re.Pattern):
        return lambda text: bool(checker.fullmatch(text.strip()))
    if isinstance(checker, (int, float)):
        return number(checker)
    if isinstance(checker, Iterable):
        return accept(*checker)
    raise TypeError("checker must be a function, a string, a list of accepted answers, a regex or a number")


def check_text(text: str, checker, hint: str = "", explanation: str = "") -> Feedback:
    """Run a short-answer checker safely.

    The checker returns ``True``/``False``, a string (a hint: the answer is wrong),
    or ``(ok, message)``. If it raises, the student gets a hint, not a traceback.
    """
    if not text or not text.strip():
        return Feedback(None, "Type an answer first.")
    try:
        result = _as_checker(checker)(text)
    except Exception as exc:  # noqa: BLE001 - a student must never see a traceback here
        return Feedback(False, f"This answer could not be checked ({type(exc).__name__}: {exc}). "
                               f"Check its form and try again. {hint}".strip())
    msg = ""
    if isinstance(result, tuple):
        result, msg = result[0], str(result[1])
    elif isinstance(result, str):
        result, msg = False, result
    if result:
        return Feedback(True, " ".join(x for x in (msg, explanation) if x))
    return Feedback(False, " ".join(x for x in (msg, hint) if x) or "Try again.")


def _index(choice, choices: Sequence[str]) -> int:
    if isinstance(choice, bool):
        raise TypeError("answer must be an index or a choice, not a bool")
    if isinstance(choice, int):
        if not 0 <= choice < len(choices):
            raise ValueError(f"answer index {choice} is out of range (0-{len(choices) - 1})")
        return choice
    try:
        return list(choices).index(choice)
    except ValueError:
        raise ValueError(f"answer {choice!r} is not one of the choices") from None


def _hint_for(i: int, choices: Sequence[str], hints) -> str:
    if hints is None:
        return ""
    if isinstance(hints, str):
        return hints
    if isinstance(hints, Mapping):
        return hints.get(i, hints.get(choices[i], hints.get("*", "")))
    if i < len(hints):
        return hints[i] or ""
    return ""


def check_choice(selected: int | Sequence[int] | None, choices: Sequence[str], answer, hints=None,
                 explanation: str = "") -> Feedback:
    """Feedback for a multiple-choice answer. ``selected``: an index, a set of indices
    (several correct answers), or None. ``answer``: index/choice or a list of them."""
    answers = {_index(a, choices) for a in (answer if isinstance(answer, (list, tuple, set, frozenset)) else [answer])}
    if selected is None or (not isinstance(selected, int) and not selected):
        return Feedback(None, "Choose an answer first.")
    chosen = {selected} if isinstance(selected, int) else set(selected)
    if chosen == answers:
        return Feedback(True, explanation)
    wrong = sorted(chosen - answers)
    tips = [t for t in (_hint_for(i, choices, hints) for i in wrong) if t]
    if len(answers) > 1:
        missing = len(answers - chosen)
        if missing and not wrong:
            tips.insert(0, f"{missing} more correct choice{'s' if missing > 1 else ''} to find.")
        elif missing:
            tips.insert(0, f"{len(answers)} choices are correct.")
    if not tips:
        general = hints if isinstance(hints, str) else (hints.get("*", "") if isinstance(hints, Mapping) else "")
        tips = [general or "Try again."]
    return Feedback(False, " ".join(dict.fromkeys(tips)))


def _question_html(question: str) -> str:
    return f'<div style="font-weight:bold;margin:0.3em 0" role="heading" aria-level="4">{esc(question)}</div>'


class SelfCheck(KitWidget):
    """A multiple-choice question with hints: ``SelfCheck(question, choices, answer, hints)``.

    ``answer``: the index or text of the right choice, or a list of them (then the
    choices are checkboxes and all right ones must be ticked). ``hints``: one string
    for any wrong answer, a list aligned with ``choices``, or a dict keyed by index
    or choice text (``"*"`` for the rest). ``explanation`` is shown once it is right.
    Controls: ``choice`` (ToggleButtons a, b, c, ... under the listed choices; its value is
    the index) or ``boxes`` (Checkboxes), ``check`` (Button).
    """

    title = "Self-check"

    def __init__(self, question: str, choices: Sequence[str], answer, hints=None, explanation: str = ""):
        import ipywidgets as w

        if len(choices) < 2:
            raise ValueError("a multiple-choice question needs at least two choices")
        self.question, self.choices, self.answer = question, list(choices), answer
        self.hints, self.explanation = hints, explanation
        self.multiple = isinstance(answer, (list, tuple, set, frozenset))
        check_choice(0, self.choices, answer)  # validate the answer now, not when a student clicks
        self.attempts = 0
        self.choice = self.boxes = None
        if len(self.choices) > len(LETTERS):
            raise ValueError(f"at most {len(LETTERS)} choices")
        if self.multiple:  # checkboxes: Tab to each, Space ticks it
            self.boxes = [w.Checkbox(value=False, description=f"({LETTERS[i]}) {c}", indent=False,
                                     layout=w.Layout(width="auto", max_width=FULL_WIDTH)) for i, c in enumerate(self.choices)]
            control = w.VBox(self.boxes)
        else:
            # the choices are listed as text; the answer is a row of letter buttons (Tab to each,
            # Space or Enter presses it). Radio buttons would need arrow keys, which JupyterLab
            # takes for moving between cells (ipywidgets issue 3912).
            listing = "".join(f'<li><strong>({LETTERS[i]})</strong> {esc(c)}</li>' for i, c in enumerate(self.choices))
            self.choice = w.ToggleButtons(options=[(LETTERS[i], i) for i in range(len(self.choices))], value=None,
                                          description="Your answer", tooltips=list(self.choices),
                                          style={"description_width": "initial", "button_width": "3em"})
            control = w.VBox([w.HTML(f'<ul style="list-style:none;padding-left:0.5em;margin:0.2em 0">{listing}</ul>'),
                              self.choice])
        self.check = button("Check", "Check your answer")
        self.feedback = html_pane()
        note = "Choose every right answer." if self.multiple else "Choose one answer."
        super().__init__([w.HTML(_question_html(question) + f'<div style="color:{GREY};font-size:90%">{note}</div>'),
                          control, self.check, self.feedback])
        self.check.on_click(lambda _: self.submit())

    def selected(self):
        if self.multiple:
            return {i for i, b in enumerate(self.boxes) if b.value}
        return self.choice.value

    def submit(self) -> Feedback:
        chosen = self.selected()
        fb = check_choice(chosen, self.choices, self.answer, self.hints, self.explanation)
        if fb.ok is not None:
            self.attempts += 1
            picked = sorted(chosen) if self.multiple else [chosen]
            said = ", ".join(f"({LETTERS[i]})" for i in picked)
            fb = Feedback(fb.ok, f"You chose {said}. {fb.message}".strip())
        self.feedback.value = fb.html()
        return fb

    def summary(self) -> str:
        return "Self-check: " + self.question + " " + " / ".join(self.choices)

    def static_html(self) -> str:
        letters = LETTERS
        items = "".join(f"<li>({letters[i]}) {esc(c)}</li>" for i, c in enumerate(self.choices))
        ans = self.answer if self.multiple else [self.answer]
        right = ", ".join(f"({letters[_index(a, self.choices)]}) {self.choices[_index(a, self.choices)]}" for a in ans)
        expl = f" {esc(self.explanation)}" if self.explanation else ""
        body = (_question_html(self.question) + f'<ul style="list-style:none;padding-left:0.5em">{items}</ul>'
                f'<details><summary>Show the answer</summary><p>{esc(right)}.{expl}</p></details>')
        return f'<div class="kjpacts-static" style="border-left:4px solid {OKABE_ITO["blue"]};padding-left:8px">{body}</div>'


class ShortAnswer(KitWidget):
    """A short-answer question: ``ShortAnswer(question, checker, hint)``.

    ``checker``: a function ``text -> bool | str | (bool, str)``; or a string, a list
    of accepted answers (compared after :func:`normalise`), a compiled regex (full
    match) or a number (see :func:`number`). Controls: ``answer`` (Text; Enter
    checks), ``check`` (Button).
    """

    title = "Self-check"

    def __init__(self, question: str, checker, hint: str = "", explanation: str = "", placeholder: str = "Your answer"):
        import ipywidgets as w

        self.question, self.checker = question, _as_checker(checker)
        self.hint, self.explanation = hint, explanation
        self.attempts = 0
        self.answer = w.Text(value="", placeholder=placeholder, continuous_update=False,
                             description="Answer", layout=w.Layout(width="30em", max_width=FULL_WIDTH))
        self.check = button("Check", "Check your answer")
        self.feedback = html_pane()
        super().__init__([w.HTML(_question_html(question)), row([self.answer, self.check]), self.feedback])
        self.check.on_click(lambda _: self.submit())
        self.answer.observe(lambda _: self.submit(), "value")  # Enter (or leaving the box) checks too

    def submit(self) -> Feedback:
        fb = check_text(self.answer.value, self.checker, self.hint, self.explanation)
        if fb.ok is not None:
            self.attempts += 1
        self.feedback.value = fb.html()
        return fb

    def summary(self) -> str:
        return "Self-check: " + self.question

    def static_html(self) -> str:
        answers = getattr(self.checker, "answers", None)
        shown = f"Accepted: {', '.join(answers)}." if answers else ""
        expl = " ".join(x for x in (shown, self.explanation) if x)
        hint = f'<p style="color:{GREY}">Hint: {esc(self.hint)}</p>' if self.hint else ""
        reveal = f"<details><summary>Show the answer</summary><p>{esc(expl)}</p></details>" if expl else ""
        return (f'<div class="kjpacts-static" style="border-left:4px solid {OKABE_ITO["blue"]};padding-left:8px">'
                f'{_question_html(self.question)}<p>Answer: ____________</p>{hint}{reveal}</div>')
