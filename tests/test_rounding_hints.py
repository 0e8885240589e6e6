"""Hints found by a student walk-through (lessons 05 and 07): a rounded number, a tuple where one
number is asked, and `a == 1 & b == 2` each get their own diagnosis."""

from __future__ import annotations

import pandas as pd

from kjpacts.teaching.checks import diagnose_error, number, pair


def test_a_rounded_number_is_called_rounded() -> None:
    assert "rounded" in number(0.63, 0.625, "Call precision(gold, found).").message
    assert "rounded" in number(0.6, 0.625, "hint").message
    assert number(0.7, 0.625, "hint").message == "hint"
    assert number(1.0, 0.625, "hint").message == "hint"  # not "rounding": too far off


def test_rounded_pairs_are_called_rounded_not_wrong_method() -> None:
    assert "rounded" in pair((0.4, -0.8), (0.3612, -0.8316), "Score each phrase").message
    assert pair((0.1, -0.2), (0.3612, -0.8316), "Score each phrase").message == "Score each phrase"


def test_several_numbers_where_one_is_asked() -> None:
    message = number((0.625, 0.5, 0.556), 0.625, "hint").message
    assert "only the one" in message and "len(" not in message


def test_ampersand_without_brackets_shows_the_bracket_pattern() -> None:
    s = pd.Series(["JP", "KR"])
    try:
        s == "JP" & s == "direct"  # noqa: B015 - the beginner's mistake itself
    except TypeError as exc:
        assert "(a == 1) & (b == 2)" in diagnose_error(exc)
    else:
        raise AssertionError("pandas accepted the unbracketed condition")
