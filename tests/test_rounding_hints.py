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


# -- the walk-through of lessons 05 and 07: expected values from the texts, hints from the prompts --

def _wapo_quotes() -> list[str]:
    """A second implementation: the stretches between straight quotation marks are every other
    piece of the clean text split at them (the Post's marks are all paired)."""
    from .conftest import CORPUS

    text = (CORPUS / "clean" / "wapo-2011-01-11.txt").read_text(encoding="utf-8")
    return text.split('"')[1::2]


def test_05_1_right_answers_with_or_without_the_marks() -> None:
    from kjpacts.teaching.checks import check

    quotes = _wapo_quotes()
    assert len(quotes) == 7 and quotes[2] == "deep remorse"
    assert check("05.1", quotes).ok is True
    # r'"[^"]*"' (no round brackets) keeps the marks: the prompt says both are right
    with_marks = check("05.1", [f'"{q}"' for q in quotes])
    assert with_marks.ok is True and "keep the quotation marks" in with_marks.message


def test_05_1_a_short_list_is_not_called_greedy() -> None:
    """The walk-through: `[:3]` kept from the demo cell was blamed on greediness."""
    from kjpacts.teaching.checks import check

    quotes = _wapo_quotes()
    sliced = check("05.1", quotes[:3])
    assert sliced.ok is False and "whole list" in sliced.message and "greedy" not in sliced.message
    cut = check("05.1", [" ".join(q.split()[:2]) for q in quotes])  # each quote cut after two words
    assert cut.ok is False and "in full" in cut.message and "greedy" not in cut.message
    missing = check("05.1", [q for q in quotes if "," not in q and "." not in q])  # a pattern without , and .
    assert missing.ok is False and "of the 7" in missing.message and "greedy" not in missing.message
    empty = check("05.1", [""] * 14)  # r'"(.*?)' : lazy, and no closing mark to stop at
    assert empty.ok is False and "closing" in empty.message and "greedy" not in empty.message
    run_on = quotes[:1] + ['recognize the importance" of cooperation without being "hung up'] + quotes[2:]
    assert "greedy" in check("05.1", run_on).message


def test_05_2_a_tuple_is_told_that_only_the_precision_counts() -> None:
    from kjpacts.teaching.checks import check

    p, r = 15 / 24, 15 / 15  # the lesson's counts: 24 found, 15 gold, 15 in both
    f = 2 * p * r / (p + r)
    for answer in ((p, r, f), [p, r], (r, f)):
        feedback = check("05.2", answer)
        assert feedback.ok is False and "only the precision, one number" in feedback.message, answer
    assert check("05.2", p).ok is True


def test_07_1_and_instead_of_ampersand_reaches_check_with_its_message(corpus) -> None:
    from kjpacts.teaching.checks import check

    framing = corpus.frame("framing")

    def answer():
        return framing[(framing.doc_id == "yonhap-2012-06-27") and (framing.category == "agentless-passive")].text.tolist()

    feedback = check("07.1", answer)
    assert feedback.ok is False
    assert "truth value of a Series is ambiguous" in feedback.message  # the error's own message
    assert "& instead of and" in feedback.message and "round brackets" in feedback.message


def test_a_function_without_return_is_told_to_return() -> None:
    from kjpacts.teaching.checks import check

    def answer():
        ...  # the template, untouched

    feedback = check("07.1", answer)
    assert feedback.ok is None and "return" in feedback.message
