"""kjpacts.teaching.checks: every diagnosis branch, with the exact words a student reads (the
wording is the spec: a hint that changes or disappears is a regression)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kjpacts.teaching import checks as c
from kjpacts.teaching.checks import Feedback

WELL = Feedback(True, "Well done.")


def test_feedback_verdicts_repr_and_status_line():
    assert [Feedback(ok, "m").verdict for ok in (True, False, None)] == ["✔ Correct", "✘ Not yet", "ℹ"]
    assert repr(Feedback(True, "m")) == "✔ Correct. m" and repr(Feedback(False, "m")) == "✘ Not yet. m"
    assert repr(Feedback(None, "m")) == "m"
    ok, no, info = Feedback(True, "a<b"), Feedback(False, "x"), Feedback(None, "y")
    assert ok.html() == ok._repr_html_()
    assert "</span> Correct. a&lt;b</div>" in ok.html() and "✓" in ok.html()
    assert "</span> Not quite. x</div>" in no.html() and "⚠" in no.html()
    assert "</span> y</div>" in info.html() and "ℹ" in info.html()


@pytest.mark.parametrize("answer, empty", [(None, True), (..., True), ("", True), ("  \n", True), (0, False),
                                           ("x", False), ([], False)])
def test_unanswered(answer, empty):
    assert c.unanswered(answer) is empty


def test_plain_unwraps_numpy_scalars_also_inside_tuples_and_lists():
    assert type(c.plain(np.int64(3))) is int and type(c.plain(np.float64(0.5))) is float
    got = c.plain((np.int64(1), [np.float64(2.5)]))
    assert got == (1, [2.5]) and type(got) is tuple and type(got[0]) is int and type(got[1]) is list
    arr = np.array([1, 2])
    assert c.plain(arr) is arr  # not a scalar: unchanged
    dtype, rng = np.dtype("int64"), np.random.default_rng(0)  # numpy objects that are not values: unchanged
    assert c.plain(dtype) is dtype and c.plain(rng) is rng
    assert c.plain("3") == "3"


@pytest.mark.parametrize("answer, words", [
    (pd.DataFrame(), "a table (a pandas DataFrame)"), (pd.Series(dtype=int), "a column (a pandas Series)"),
    (pd.Index([1]), "an index (a pandas Index)"), (pd.Timestamp("2012-01-01"), "a pandas Timestamp"),
    (True, "True, a yes/no value (a bool)"), (False, "False, a yes/no value (a bool)"),
    (3, "a whole number (an int)"), (np.int64(3), "a whole number (an int)"), (2.5, "a decimal number (a float)"),
    ("x", "text (a string)"), ([1], "a list"), ((1,), "a tuple"), ({}, "a dictionary"), ({1}, "a set"),
    (len, "a builtin_function_or_method"), (lambda: 1, "a function"), (date(2012, 1, 1), "a date object"),
    (None, "nothing (None)"), (b"x", "a bytes")])
def test_describe(answer, words):
    assert c.describe(answer) == words


def test_is_number():
    assert c.is_number(3) and c.is_number(2.5) and c.is_number(np.float64(1))
    assert not c.is_number(True) and not c.is_number("3") and not c.is_number(None)


SAID = "Your code stopped with an error ({})."


@pytest.mark.parametrize("exc, tail", [
    (TypeError("unsupported operand type(s) for &: 'int' and 'Series'; __rand__"),
     " & is worked out before ==, so each condition needs its own round brackets: (a == 1) & (b == 2)."),
    (TypeError("x __ror__ y"), " & is worked out before ==, so each condition needs its own round brackets: "
                                "(a == 1) & (b == 2)."),
    (ValueError("The truth value of a Series is ambiguous. Use a.empty"),
     " Between two pandas conditions write & instead of and (| instead of or), and put each condition in round "
     "brackets: (a == 1) & (b == 2)."),
    (ValueError("The truth value of a DataFrame is ambiguous."),
     " Between two pandas conditions write & instead of and (| instead of or), and put each condition in round "
     "brackets: (a == 1) & (b == 2)."),
    (NameError("name 'corpus' is not defined"),
     " A name is not defined yet: run the cells above this one first (Run > Run All Above)."),
    (TypeError("unsupported operand type(s) for -: 'list' and 'list'"),
     " Count each list with len(...) first, then calculate with the numbers."),
    (TypeError("unsupported operand type(s) for -: 'str' and 'int'"),
     " Read the last line of the message, fix that line and run the cell again."),
    (ValueError("substring not found"),
     " Those exact characters are not in the text: check spelling, capitals and quote marks."),
    (KeyError("outlet"), " There is no such key or column: check its spelling, in quotes."),
    (ZeroDivisionError("division by zero"), " Read the last line of the message, fix that line and run the cell again."),
])
def test_diagnose_error_names_the_error_and_the_fix(exc, tail):
    assert c.diagnose_error(exc) == SAID.format(f"{type(exc).__name__}: {exc}") + tail


def test_diagnose_error_without_a_message():
    assert c.diagnose_error(ZeroDivisionError()) == ("Your code stopped with an error (ZeroDivisionError:). "
                                                     "Read the last line of the message, fix that line and run the cell again.")


def test_equal_needs_the_same_type_and_value():
    assert c.equal(3, 3, "h") == WELL and c.equal("a", "a", "h", "Yes!") == Feedback(True, "Yes!")
    assert c.equal(3.0, 3, "h") == Feedback(False, "h") and c.equal(4, 3, "h") == Feedback(False, "h")


def test_number_branches():
    h = "Count again."
    assert c.number(3, 3, h) == WELL and c.number(np.int64(3), 3, h, "Good.") == Feedback(True, "Good.")
    assert c.number(3.0000001, 3.0, h) == WELL and c.number(3.01, 3.0, h, tol=0.1) == WELL
    assert c.number(" 1,234 ", 1234, h) == Feedback(False, "Right number, but it is text (it has quotes around it). "
                                                           "Give the number itself, without quotes.")
    assert c.number("12", 3, h) == Feedback(False, "Give a number, without quotes; you gave text (a string). Count again.")
    assert c.number("three", 3, h) == Feedback(False, "Give a number, without quotes; you gave text (a string). Count again.")
    assert c.number(None, 3, h) == Feedback(False, "Give a whole number; you gave nothing (None). Count again.")
    assert c.number(None, 0.5, h) == Feedback(False, "Give a number; you gave nothing (None). Count again.")
    assert c.number(True, 1, h) == Feedback(False, "Give a whole number; you gave True, a yes/no value (a bool). Count again.")
    assert c.number(pd.DataFrame({"a": [1]}), 1, h) == Feedback(
        False, "Give a whole number; you gave a table (a pandas DataFrame). That is the table itself: count its rows "
               "with len(...).")
    assert c.number(2.5, 3, h) == Feedback(False, "A count is a whole number; you gave 2.5. Count again.")
    assert c.number(3.0, 3, h) == WELL  # a float that is whole counts
    assert c.number(5, 3, h, wrong={5: "That counts the titles too."}) == Feedback(False, "That counts the titles too.")
    assert c.number(4, 3, h, wrong={5: "x"}) == Feedback(False, h)
    assert c.number(-3, 3, h) == Feedback(False, "Right size, wrong sign: subtract the other way round.")
    assert c.number(0, 0, h) == WELL and c.number(1, 0, h) == Feedback(False, h)  # no sign check against 0
    assert c.number(0.33, 1 / 3, h) == Feedback(
        False, "Nearly: your number looks rounded (0.33 for a value Python gives with more decimals). Give the full "
               "value Python computes: do not round it or copy it by hand.")
    assert c.number(1, 1.4, h) == Feedback(False, h)  # an int is not a rounded float here
    assert c.number(0.4, 1 / 3, h) == Feedback(False, h)
    # the tolerance is absolute (1e-6 by default), in every comparison
    assert c.number("0.3000001", 0.3, h).message.startswith("Right number, but it is text")
    assert c.number(0.5000001, 0.25, h, wrong={0.5: "That is half."}) == Feedback(False, "That is half.")
    assert c.number(-0.2500001, 0.25, h) == Feedback(False, "Right size, wrong sign: subtract the other way round.")


@pytest.mark.parametrize("answer, expected, is_rounded", [
    (0.3, 1 / 3, True), (0.33, 1 / 3, True), (0.333, 1 / 3, True), (0.67, 2 / 3, True), (0.66, 2 / 3, False),
    (0.3333, 1 / 3, False), (0.4, 1 / 3, False), (1 / 3, 1 / 3, False), (0.5, 0.5, False), (0.35, 0.3456, True),
    (0.34, 0.3456, False), (0.346, 0.3456, True), (0.3, 0.35, True), (0.4, 0.35, True), (0.3, 0.3500001, False),
    (0.3, 0.3000001, False), (1e-12, 0.04, True)])
def test_rounded_means_one_to_three_decimals_either_way(answer, expected, is_rounded):
    assert c.rounded(answer, expected) is is_rounded


@pytest.mark.parametrize("answer, hint", [
    (pd.Series([True, False]), "That is a column of True/False, one per row: .sum() counts the True values."),
    (pd.Series([1, 2]), "Put it inside len( ) to count its items."),
    ([1, 2.5], "That is several numbers: give only the one the question asks for."),
    ((1, 2), "That is several numbers: give only the one the question asks for."),
    ([1, "a"], "Put it inside len( ) to count its items."), ([], "Put it inside len( ) to count its items."),
    (("a", "b"), "Put it inside len( ) to count its items."),
    ({1}, "Put it inside len( ) to count its items."), ({"a": 1}, "Put it inside len( ) to count its items."),
    ([True, False], "Put it inside len( ) to count its items."),
])
def test_number_of_a_container_says_how_to_count_it(answer, hint):
    assert c.number(answer, 2, "h") == Feedback(False, f"Give a whole number; you gave {c.describe(answer)}. {hint}")


def test_number_of_something_else_falls_back_to_the_hint():
    assert c.number(date(2012, 1, 1), 2, "h") == Feedback(False, "Give a whole number; you gave a date object. h")


def test_one_of_ignores_case_spaces_hyphens_and_final_punctuation():
    acc = ["non-combat pact"]
    assert c.one_of("  Non Combat   PACT!? ", acc, "h") == WELL
    assert c.one_of("non-combat pact.", acc, "h", "Yes.") == Feedback(True, "Yes.")
    assert c.one_of("combat pact", acc, "h") == Feedback(False, "h")
    assert c.one_of(3, acc, "h") == Feedback(False, "Give text in quotes; you gave a whole number (an int). h")


def test_same_items_ignores_order_and_counts_what_is_missing_or_extra():
    exp = ["a", "b", "c"]
    assert c.same_items(["c", "a", "b"], exp, "h") == WELL and c.same_items({"a", "b", "c"}, exp, "h", "Yes") == \
        Feedback(True, "Yes")
    assert c.same_items(("b", "a", "c"), exp, "h") == WELL
    assert c.same_items(["a", "x", "y"], exp, "h") == Feedback(False, "h (2 missing, 2 that should not be there.)")
    assert c.same_items(["a", "b"], exp, "h") == Feedback(False, "h (1 missing, 0 that should not be there.)")
    assert c.same_items([np.int64(1), np.int64(2)], [1, 2], "h") == WELL
    assert c.same_items(pd.Index(["a"]), exp, "h") == Feedback(
        False, "Nearly: that is the index (the doc_ids) of the rows you kept. Add .tolist() to make it a list.")
    assert c.same_items("a", exp, "h") == Feedback(False, 'Give a list, like ["a", "b"]; you gave text (a string).')


def test_pair_branches():
    h, exp = "h", (2, 0.5)
    assert c.pair((2, 0.5), exp, h) == WELL and c.pair((np.int64(2), 0.50001), exp, h, "Yes") == Feedback(True, "Yes")
    assert c.pair([2, 0.5], exp, h) == Feedback(False, "Give the two values in round brackets, a tuple: (first, second).")
    assert c.pair([2, 0.5], exp, h, names=("count", "share")) == Feedback(
        False, "Give the two values in round brackets, a tuple: (count, share).")
    assert c.pair(2, exp, h, names=("a", "b")) == Feedback(
        False, "Give two values in round brackets: (a, b); you gave a whole number (an int).")
    assert c.pair((1, 2, 3), exp, h) == Feedback(
        False, "Give two values in round brackets: (first, second); you gave a tuple.")
    assert c.pair([1, 2, 3], exp, h) == Feedback(
        False, "Give two values in round brackets: (first, second); you gave a list.")
    assert c.pair((2, "0.5"), exp, h) == Feedback(False, "Both parts must be numbers; one is text (a string). h")
    assert c.pair((True, 0.5), exp, h) == Feedback(False, "Both parts must be numbers; one is True, a yes/no value (a bool). h")
    assert c.pair((0.5, 2), exp, h, names=("n", "p")) == Feedback(False, "Right numbers, wrong order: first n, then p.")
    assert c.pair((1 / 3, 0.25), (0.33, 0.25), h) == Feedback(False, h)
    assert c.pair((0.33, 0.25), (1 / 3, 0.25), h) == Feedback(
        False, "Nearly: your numbers look rounded. Give the full values Python computes: do not round them or copy "
               "them by hand.")
    assert c.pair((0.33, 0.4), (1 / 3, 0.25), h) == Feedback(False, h)
    assert c.pair((0.5, 99), exp, h) == Feedback(False, h)  # one number in common is not the wrong order
    assert c.pair((0.3, 0.00001), (1 / 3, 0.0), h).message.startswith("Nearly: your numbers look rounded.")
    assert c.pair((2, 0.5001), exp, h, tol=1e-2) == WELL and c.pair((2, 0.5001), exp, h, tol=1e-5) == Feedback(False, h)


def test_iso_date_day_branches():
    h, exp = "h", "2012-06-29"
    assert c.iso_date(" 2012-06-29 ", exp, h) == WELL and c.iso_date(exp, exp, h, "Yes") == Feedback(True, "Yes")
    assert c.iso_date(date(2012, 6, 29), exp, h) == Feedback(
        False, 'Right date, but as a date object: give it as text in the form "YYYY-MM-DD" (add .isoformat() at the end).')
    assert c.iso_date(date(2012, 6, 28), exp, h) == Feedback(
        False, 'Give the date as text in the form "YYYY-MM-DD" (.isoformat() makes it); and check the day.')
    assert c.iso_date(20120629, exp, h) == Feedback(
        False, 'Give the date as text in quotes, in the form "YYYY-MM-DD"; you gave a whole number (an int).')
    assert c.iso_date("29 June 2012", exp, h) == Feedback(
        False, "Write the date in ISO form, \"YYYY-MM-DD\", with hyphens and leading zeros (for example 2010-11-23); "
               "you wrote '29 June 2012'.")
    assert c.iso_date("2012-06", exp, h).message.startswith('Write the date in ISO form, "YYYY-MM-DD"')
    assert c.iso_date("2012-06-28", exp, h, wrong={"2012-06-28": "That is the day before."}) == \
        Feedback(False, "That is the day before.")
    assert c.iso_date("2012-06-27", exp, h, wrong={"2012-06-28": "x"}) == Feedback(False, h)


def test_iso_date_month_branches():
    h, exp = "h", "2012-05"
    assert c.iso_date("2012-05", exp, h) == WELL
    assert c.iso_date(date(2012, 5, 13), exp, h) == Feedback(
        False, 'Right date, but as a date object: give it as text in the form "YYYY-MM" (add .isoformat()[:7] at the '
               'end: only the year and month).')
    assert c.iso_date(date(2012, 4, 13), exp, h) == Feedback(
        False, 'Give the date as text in the form "YYYY-MM" (.isoformat()[:7] makes it); and check the month.')
    assert c.iso_date("2012-05-13", exp, h) == Feedback(
        False, 'That is a day. Nothing fixes the day here, so give only the month: "YYYY-MM".')
    assert c.iso_date("May 2012", exp, h) == Feedback(
        False, "Write the date in ISO form, \"YYYY-MM\", with hyphens and leading zeros (for example 2010-11); "
               "you wrote 'May 2012'.")
    assert c.iso_date("2012-06", exp, h) == Feedback(False, h)


def test_table_shape_and_doc_id_list_hints():
    frame = pd.DataFrame({"a": [1]})
    assert c.table_shape_hint(frame) == Feedback(
        False, "That is the filtered table itself. Add .index.tolist() (or the column you need, then .tolist()) at the "
               "end to get a list.")
    assert c.table_shape_hint(frame["a"] > 0) == Feedback(
        False, "That is the column of True/False answers, one per row. Put it inside table[ ... ] to keep the rows where "
               "it is True, then add .tolist().")
    assert c.table_shape_hint(frame["a"]) == Feedback(
        False, "That is a pandas column; add .tolist() at the end to turn it into a list.")
    assert c.table_shape_hint(["a"]) is None
    empty = "Check the spelling of the outlet."
    assert c.doc_id_list_hint("wapo", empty) == Feedback(
        False, 'Give a list of doc_ids, like ["a", "b"], not a single string; .index.tolist() makes one.')
    assert c.doc_id_list_hint(frame.index, empty) == c.table_shape_hint(frame.index)
    assert c.doc_id_list_hint([], empty) == Feedback(False, "Your list is empty: no row matched. Check the spelling of the outlet.")
    assert c.doc_id_list_hint((), empty).message.startswith("Your list is empty")
    assert c.doc_id_list_hint(["a"], empty) is None and c.doc_id_list_hint(3, empty) is None


def test_registry_holds_every_lesson_try_it_once_and_lesson_setup_reads_its_module():
    import importlib
    import pkgutil

    from kjpacts.teaching import lessons

    modules = [importlib.import_module(f"kjpacts.teaching.lessons.{i.name}") for i in pkgutil.iter_modules(lessons.__path__)]
    ids = [t.id for m in modules for t in getattr(m, "TRYITS", [])]
    assert sorted(c.registry()) == sorted(ids) and len(ids) == len(set(ids)) > 0
    first = ids[0]
    module = importlib.import_module(f"kjpacts.teaching.lessons.l{first.split('.')[0]}")
    assert c.lesson_setup(first) == getattr(module, "SETUP", "")
    assert c.shipped_corpus() is c.shipped_corpus()


def _tryit(check) -> c.TryIt:
    return c.TryIt(id="99.1", skill="s", prompt="p", check=check, answer="answer = 3", wrongs=())


def test_check_entry_point(monkeypatch):
    seen = []

    def counting(ans):
        seen.append(ans)
        return c.number(ans, 3, "Count again.")

    reg = {"99.1": _tryit(counting), "99.2": _tryit(lambda ans: ans.missing_attribute)}
    monkeypatch.setattr(c, "registry", lambda: reg)
    assert c.check("98.9", 3) == Feedback(False, "There is no try-it called '98.9'; check the id in the cell.")
    assert c.check("99.1", ...) == Feedback(None, "Replace the ... with your answer, then run the cell again.")
    assert c.check("99.1", np.int64(3)) == WELL and type(seen[-1]) is int
    assert c.check("99.1", np.dtype("int64")) == Feedback(  # was a traceback: a dtype has ndim 0 but no .item()
        False, "Give a whole number; you gave a Int64DType. Count again.")

    def answer():
        return 3
    assert c.check("99.1", answer) == WELL and c.check("99.1", lambda: 2) == Feedback(False, "Count again.")
    assert c.check("99.1", lambda: None) == Feedback(None, c.NOTHING_RETURNED)

    def answer():  # noqa: F811
        return {}["outlet"]
    assert c.check("99.1", answer) == Feedback(False, c.diagnose_error(KeyError("outlet")))

    import functools

    assert c.check("99.1", functools.partial(int, 3)) == Feedback(  # a callable without a name is not called
        False, "Give a whole number; you gave a partial. Count again.")

    def helper():
        return 3
    assert c.check("99.1", helper) == Feedback(False, "Give a whole number; you gave a function. Count again.")
    assert c.check("99.2", 3) == Feedback(
        False, "Your answer could not be checked (AttributeError: 'int' object has no attribute 'missing_attribute'). "
               "Check that it has the form the question asks for; you gave a whole number (an int).")


def test_table_shape_hint_tells_row_numbers_from_ids_and_names_the_id_column():
    numbered = pd.DataFrame({"claim_id": ["c1", "c2"], "kind": ["shared", "single"]})  # index 0, 1: row numbers
    assert c.table_shape_hint(numbered, "claim_id") == Feedback(
        False, "That is the filtered table itself. Its index is row numbers, so take the claim_id column: add "
               ".claim_id.tolist() at the end to get a list.")
    assert c.table_shape_hint(numbered.index, "claim_id") == Feedback(
        False, "That is the index of the rows you kept, and in this table it is row numbers, not ids. Take the "
               "claim_id column instead: .claim_id.tolist()")
    by_id = numbered.set_index("claim_id")
    assert c.table_shape_hint(by_id.index, "claim_id") == Feedback(
        False, "Nearly: that is the index (the claim_ids) of the rows you kept. Add .tolist() to make it a list.")
    assert c.table_shape_hint(by_id, "claim_id").message.startswith("That is the filtered table itself. Add .index")
    named_numbers = pd.Index([3, 4], name="doc_id")  # ids that happen to be whole numbers, in the id column's name
    assert c.table_shape_hint(named_numbers).message.startswith("Nearly: that is the index (the doc_ids)")
    assert c.table_shape_hint(pd.Index(["a", "b"])).message.startswith("Nearly:")  # text, not row numbers
    assert c.table_shape_hint([3, 7]) == Feedback(
        False, "Those are row numbers (the table's index), not ids. Take the doc_id column of the rows you kept: "
               ".doc_id.tolist()")
    assert c.table_shape_hint([True, False]) is None and c.table_shape_hint([]) is None
