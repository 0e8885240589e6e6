"""Self-check questions: checking logic (never a traceback) and the buttons."""

from __future__ import annotations

import re

import pytest

from kjpacts.teaching.widgets import SelfCheck, ShortAnswer, accept, normalise, number
from kjpacts.teaching.widgets.selfcheck import check_choice, check_text

CHOICES = ["Yonhap", "AFP", "The Washington Post"]


def test_choice_feedback():
    assert check_choice(None, CHOICES, 1).ok is None
    assert check_choice(1, CHOICES, "AFP", explanation="It says AFP.").message == "It says AFP."
    wrong = check_choice(0, CHOICES, 1, hints={0: "Yonhap is Korean.", "*": "Look again."})
    assert wrong.ok is False and wrong.message == "Yonhap is Korean."
    assert check_choice(2, CHOICES, 1, hints={0: "x", "*": "Look again."}).message == "Look again."
    assert check_choice(2, CHOICES, 1, hints=["a", "b", "c"]).message == "c"
    assert check_choice(2, CHOICES, 1, hints="Read the credit line.").message == "Read the credit line."
    assert check_choice(2, CHOICES, 1).message == "Try again."


def test_several_right_answers():
    assert check_choice({0, 2}, CHOICES, [0, 2]).ok
    partial = check_choice({0}, CHOICES, [0, 2])
    assert partial.ok is False and "1 more correct choice" in partial.message
    assert check_choice(set(), CHOICES, [0, 2]).ok is None


def test_bad_answers_fail_when_the_question_is_written():
    with pytest.raises(ValueError):
        SelfCheck("Q", CHOICES, 5)
    with pytest.raises(ValueError):
        SelfCheck("Q", CHOICES, "Reuters")
    with pytest.raises(ValueError):
        SelfCheck("Q", ["only one"], 0)


def test_normalise_and_checkers():
    assert normalise("  The   KOREA–Herald. ") == "korea-herald"
    assert normalise("\u201cBeijing\u201d") == "beijing"
    assert accept("Beijing")("beijing!")
    assert not accept("Beijing")("Seoul")
    assert number(24)("24 countries") is True
    assert number(24)("1,024") is False
    assert number(0.5, 0.01)("0.505") is True


def test_short_answer_feedback():
    assert check_text("  ", accept("x")).ok is None
    assert check_text("Beijing", ["Beijing", "Peking"], explanation="See the dateline.").message == "See the dateline."
    assert check_text("Seoul", "Beijing", hint="Read the dateline.").message == "Read the dateline."
    assert check_text("10", re.compile(r"\d+")).ok
    assert check_text("24", 24).ok
    assert check_text("x", lambda s: "Think about who wrote it.").message == "Think about who wrote it."
    assert check_text("x", lambda s: (True, "Yes!")).message == "Yes!"


def test_a_failing_checker_gives_a_hint_not_a_traceback():
    def broken(text):
        return 1 / 0

    fb = check_text("anything", broken, hint="Answer with a word.")
    assert fb.ok is False and "could not be checked (ZeroDivisionError" in fb.message
    assert "Answer with a word." in fb.message and "Traceback" not in fb.html()


def test_self_check_widget():
    w = SelfCheck("Which agency wrote it?", CHOICES, answer=1, hints={0: "Not Korean."}, explanation="Credit line.")
    w.check.click()
    assert "Choose an answer first" in w.feedback.value and w.attempts == 0
    w.choice.value = 0
    w.check.click()
    assert "Not quite. You chose (a). Not Korean." in w.feedback.value and w.attempts == 1
    w.choice.value = 1
    assert w.submit().ok and "Correct. You chose (b). Credit line." in w.feedback.value
    static = w._repr_mimebundle_()["text/html"]
    assert "(b) AFP" in static and "<details>" in static


def test_multiple_answer_widget():
    w = SelfCheck("Which are wire agencies?", CHOICES, answer=[0, 1])
    w.boxes[0].value = True
    w.check.click()
    assert "1 more correct choice" in w.feedback.value
    w.boxes[1].value = True
    w.check.click()
    assert "Correct" in w.feedback.value


def test_short_answer_widget():
    w = ShortAnswer("Where was the summit?", accept("Beijing"), hint="Read the dateline.")
    w.answer.value = "Seoul"  # Enter / leaving the box checks
    assert "Read the dateline." in w.feedback.value
    w.answer.value = "BEIJING"
    assert "Correct" in w.feedback.value and w.attempts == 2
    w.check.click()
    assert w.attempts == 3
    assert "Accepted: Beijing" in w._repr_mimebundle_()["text/html"]
