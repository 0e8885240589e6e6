"""The trusted side of autograding, without nbgrader: the plain-data wire, the judge with a
hand-made kernel stand-in, and the metadata repair. Expected values are written by hand here."""

from __future__ import annotations

import copy
import json
import math

import nbformat
import pytest

from kjpacts.grading import answer, judge, testkit, wire
from kjpacts.grading.restore import Expected, restore

# ---------------------------------------------------------------------------
# the wire
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, True, 0, -3, 2.5, "", "déjà", [1, (2, 3)], (), {"a": [None]},
                                   {1: "x", (0, 1): 2.0}, [[[]]]])
def test_plain_values_round_trip_with_their_exact_types(value):
    back = wire.decode(wire.encode(value))
    assert back == value
    assert json.dumps(repr(back)) == json.dumps(repr(value))  # tuples stay tuples, ints stay ints


class Int(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class Always:
    def __eq__(self, other):
        return True


@pytest.mark.parametrize("value", [Int(3), [Always()], {"a": Always()}, float("nan"), float("inf"),
                                   {"k": float("-inf")}, b"bytes", {1, 2}, type("S", (str,), {})("x")])
def test_anything_but_plain_data_is_refused(value):
    with pytest.raises(wire.NotPlainData):
        wire.encode(value)


@pytest.mark.parametrize("text", ['NaN', '["list", [Infinity]]', '1e999', '["set", [1]]', '["dict", [[["list", []], 1]]]',
                                  '{"a": 1}', '["list"]', 'not json', '["tuple", [1], 2]'])
def test_decoder_refuses_what_a_tampered_kernel_could_send(text):
    with pytest.raises(wire.NotPlainData):
        wire.decode(text)


def test_decoder_builds_only_builtin_types():
    out = wire.decode('["dict", [["a", ["tuple", [1, 2.0, true, null, "s"]]]]]')
    assert type(out) is dict and type(out["a"]) is tuple
    assert [type(x) for x in out["a"]] == [int, float, bool, type(None), str]


def test_decoder_caps_size_and_depth():
    with pytest.raises(wire.NotPlainData):
        wire.decode(" " * (wire.MAX_CHARS + 1))
    deep = "1"
    for _ in range(wire.MAX_DEPTH + 5):
        deep = f'["list", [{deep}]]'
    with pytest.raises(wire.NotPlainData):
        wire.decode(deep)


# ---------------------------------------------------------------------------
# the judge, with a stand-in kernel: a namespace answering through answer.reply
# ---------------------------------------------------------------------------

TEST = '''# Question 1: hidden tests, 3 points (partial credit).
### BEGIN HIDDEN TESTS
from kjpacts.grading.testkit import grade_test


@grade_test("q1-hidden", 3, partial=True, title="Question 1", hidden=True)
def check(t):
    cases = {"doc-a": [(0, 4)], "doc-b": [(2, 5), (7, 9)]}
    total = 0.0
    for doc_id, want in cases.items():
        got = t.spans(t.call("spans_of", doc_id), 20, f"spans_of({doc_id!r})")
        total += t.span_f1(got, want)
    frac = total / len(cases)
    return frac, None if frac == 1.0 else f"overlap {frac:.2f}"
### END HIDDEN TESTS'''

PASSFAIL = '''from kjpacts.grading.testkit import grade_test


@grade_test("q2-test", 1)
def check(t):
    got = t.value("ANSWER")
    if type(got) is not dict or got != {"x": 1}:
        return "ANSWER should be {'x': 1}."
    return None'''


class FakeKernel:
    """Runs the request code as the real kernel would: in a namespace of the 'student's' code,
    through kjpacts.grading.answer. Records everything it is sent."""

    def __init__(self, student_code: str, monkeypatch):
        import __main__

        self.ns = {}
        exec(student_code, self.ns)  # noqa: S102 - a hand-written stand-in for a student
        for k, v in self.ns.items():
            if not k.startswith("__"):
                monkeypatch.setattr(__main__, k, v, raising=False)
        self.sent: list[str] = []

    def run(self, code: str) -> str:
        import contextlib
        import io

        self.sent.append(code)
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            exec(code, {})  # noqa: S102
        return buf.getvalue()


def _verdict(source, grade_id, points, kernel):
    answers = judge.KernelAnswers(kernel.run)
    return judge.judge(source, grade_id, points, answers), answers


def test_honest_answer_scores_and_half_right_answer_gets_half(monkeypatch):
    right = FakeKernel("def spans_of(d):\n    return {'doc-a': [(0, 4)], 'doc-b': [(2, 5), (7, 9)]}[d]", monkeypatch)
    v, _ = _verdict(TEST, "q1-hidden", 3, right)
    assert v.score == 3.0 and v.partial
    half = FakeKernel("def spans_of(d):\n    return {'doc-a': [(0, 4)], 'doc-b': [(10, 12)]}[d]", monkeypatch)
    v, _ = _verdict(TEST, "q1-hidden", 3, half)
    assert v.score == 1.5  # (1 + 0) / 2 of 3 points
    outs = judge.outputs(v)
    assert outs[-1]["output_type"] == "execute_result" and outs[-1]["data"]["text/plain"] == "1.5"


def test_kernel_sees_names_and_arguments_only(monkeypatch):
    k = FakeKernel("def spans_of(d):\n    return [(0, 4)]", monkeypatch)
    _verdict(TEST, "q1-hidden", 3, k)
    sent = "\n".join(k.sent)
    assert "doc-a" in sent and "doc-b" in sent  # the inputs of the calls
    for secret in ("(2, 5)", "[2, 5]", "7, 9", "span_f1", "cases", "overlap", "grade_test"):
        assert secret not in sent, secret


def test_always_equal_and_int_subclass_answers_score_nothing(monkeypatch):
    code = ("class Eq(list):\n    def __eq__(self, o): return True\n"
            "def spans_of(d):\n    return Eq([(0, 4)])\nANSWER = type('I', (int,), {'__eq__': lambda s, o: True})(1)")
    k = FakeKernel(code, monkeypatch)
    v, answers = _verdict(TEST, "q1-hidden", 3, k)
    assert v.score == 0.0 and "not plain data" in v.hint
    assert "not-plain-data" in answers.flags
    v, _ = _verdict(PASSFAIL, "q2-test", 1, k)
    assert v.score == 0.0


def test_forged_answer_lines_are_not_believed(monkeypatch):
    def run(code):
        nonce = code.split("'")[1]
        return f"{nonce}{json.dumps({'ok': wire.encode([(0, 4)])})}\n{nonce}{json.dumps({'ok': wire.encode([])})}\n"

    answers = judge.KernelAnswers(run)
    v = judge.judge(TEST, "q1-hidden", 3, answers)
    assert v.score == 0.0 and "answer-channel-tampered" in answers.flags


def test_dead_kernel_and_raising_function_score_zero_with_a_hint(monkeypatch):
    v = judge.judge(TEST, "q1-hidden", 3, judge.KernelAnswers(lambda code: None))
    assert v.score == 0.0 and "no answer" in v.hint
    k = FakeKernel("def spans_of(d):\n    raise SystemExit(0)", monkeypatch)
    v, _ = _verdict(TEST, "q1-hidden", 3, k)
    assert v.score == 0.0 and "SystemExit" in v.hint


def test_pass_fail_outputs_are_what_nbgrader_scores(monkeypatch):
    from nbgrader.utils import determine_grade

    for code, want in (("ANSWER = {'x': 1}", 1.0), ("ANSWER = {'x': 2}", 0.0), ("", 0.0)):
        k = FakeKernel(code or "pass", monkeypatch)
        import __main__

        if not code:
            monkeypatch.delattr(__main__, "ANSWER", raising=False)
        v, _ = _verdict(PASSFAIL, "q2-test", 1, k)
        cell = nbformat.v4.new_code_cell(PASSFAIL)
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": "q2-test", "points": 1,
                                     "locked": True, "schema_version": 3}
        cell.outputs = judge.outputs(v)
        assert determine_grade(cell)[0] == want, code


def test_a_test_that_does_not_check_scores_zero():
    v = judge.judge("x = 1", "q9-test", 2, judge.KernelAnswers(lambda c: ""))
    assert v.score == 0.0


def test_in_the_notebook_the_same_cell_gives_instant_feedback(monkeypatch, capsys):
    import __main__

    monkeypatch.setattr(__main__, "ANSWER", {"x": 1}, raising=False)
    exec(PASSFAIL, {})  # noqa: S102
    assert "Passed" in capsys.readouterr().out
    monkeypatch.setattr(__main__, "ANSWER", {"x": 3}, raising=False)
    with pytest.raises(testkit.Failed):
        exec(PASSFAIL, {})  # noqa: S102
    assert "Hint: ANSWER should be" in capsys.readouterr().out


def test_answer_reply_prints_one_line(monkeypatch, capsys):
    import __main__

    monkeypatch.setattr(__main__, "f", lambda x: [x, x], raising=False)
    answer.reply("N:", "call", "f", wire.encode([3]))
    line = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("N:")]
    assert len(line) == 1
    assert wire.decode(json.loads(line[0][2:])["ok"]) == [3, 3]


def test_span_f1_by_hand():
    f1 = testkit.Tools.span_f1
    assert f1([(0, 10)], [(0, 10)]) == 1.0
    assert f1([(0, 10)], [(10, 20)]) == 0.0
    assert math.isclose(f1([(0, 10)], [(5, 15)]), 0.5)  # p = r = 5/10
    assert f1([], []) == 1.0 and f1([], [(0, 1)]) == 0.0


# ---------------------------------------------------------------------------
# metadata repair
# ---------------------------------------------------------------------------

GB = [Expected("intro", "markdown", True, False, False, None, "# Title", None),
      Expected("q1-answer", "code", False, False, True, None, "# YOUR CODE HERE", None),
      Expected("q1-test", "code", True, True, False, 1.0, "# Q1 tests\ncheck()", None),
      Expected("q1-hidden", "code", True, True, False, 3.0,
               "# Q1 hidden\n### BEGIN HIDDEN TESTS\nsecret()\n### END HIDDEN TESTS", None)]


def _release() -> nbformat.NotebookNode:
    cells = []
    for e in GB:
        src = "# Q1 hidden" if e.name == "q1-hidden" else e.source
        c = nbformat.v4.new_markdown_cell(src) if e.cell_type == "markdown" else nbformat.v4.new_code_cell(src)
        c.id = e.name
        c.metadata["nbgrader"] = {k: v for k, v in e.metadata().items()}
        cells.append(c)
    return nbformat.v4.new_notebook(cells=cells)


def _meta(nb):
    return {c.id: {k: c.metadata.get("nbgrader", {}).get(k) for k in ("grade_id", "grade", "solution", "locked", "points")}
            for c in nb.cells}


def test_untouched_notebook_needs_no_repair():
    nb = _release()
    assert restore(nb, GB) == []
    assert _meta(nb) == _meta(_release())


@pytest.mark.parametrize("edit,field", [
    (lambda nb: nb.cells[3].metadata["nbgrader"].update(grade_id="renamed"), "grade_id"),
    (lambda nb: nb.cells[2].metadata["nbgrader"].update(solution=True), "solution"),
    (lambda nb: nb.cells[3].metadata["nbgrader"].update(points=100), "points"),
    (lambda nb: nb.cells[2].metadata["nbgrader"].update(locked=False, grade=False), "grade"),
    (lambda nb: nb.cells[1].metadata.pop("nbgrader"), "solution"),
])
def test_one_field_edits_are_repaired_and_flagged(edit, field):
    nb = _release()
    edit(nb)
    flags = restore(nb, GB)
    assert _meta(nb) == _meta(_release())
    assert len(flags) == 1 and flags[0].startswith("repaired-metadata:") and field in flags[0], flags


def test_old_nbformat_without_ids_and_renamed_grade_ids_matched_by_source():
    nb = _release()
    nb.nbformat_minor = 1
    for c in nb.cells:
        del c["id"]
    nb.cells[3].metadata["nbgrader"]["grade_id"] = "mine"  # no id, no grade_id: only the source is left
    del nb.cells[2]  # a deleted visible test (nbgrader puts it back)
    flags = restore(nb, GB)
    assert nb.nbformat_minor == 5
    assert [c.id for c in nb.cells] == ["intro", "q1-answer", "q1-hidden"]
    assert nb.cells[2].metadata["nbgrader"]["grade_id"] == "q1-hidden"
    assert flags[0] == "upgraded-nbformat:4.1" and "q1-hidden(grade_id" in flags[1]
    nbformat.validate(nb)


def test_added_cell_posing_as_a_graded_cell_loses_its_claim():
    nb = _release()
    fake = nbformat.v4.new_code_cell("x = 1")
    fake.metadata["nbgrader"] = {"grade": True, "grade_id": "forged", "points": 50, "solution": False,
                                 "locked": False, "schema_version": 3}
    nb.cells.insert(2, fake)
    dup = copy.deepcopy(nb.cells[3])  # a copy of q1-test with the same grade id
    dup.id = "copy1"
    nb.cells.insert(4, dup)
    flags = restore(nb, GB)
    assert "nbgrader" not in nb.cells[2].metadata and "nbgrader" not in nb.cells[4].metadata
    assert "unknown-grade-cells:2" in flags
    assert len({c.id for c in nb.cells}) == len(nb.cells)


@pytest.mark.parametrize("frac,score", [("1.7", 2.0), ("-0.5", 0.0), ("float('nan')", 0.0), ("0.25", 0.5)])
def test_partial_credit_is_clamped_to_the_cell_points(frac, score):
    src = ("from kjpacts.grading.testkit import grade_test\n"
           f"@grade_test('q3-hidden', 2, partial=True)\ndef check(t):\n    return {frac}, None\n")
    assert judge.judge(src, "q3-hidden", 2, judge.KernelAnswers(lambda c: "")).score == score


def test_a_cell_judging_another_grade_id_scores_zero():
    src = "from kjpacts.grading.testkit import grade_test\n@grade_test('q1-test', 1)\ndef check(t):\n    return None\n"
    assert judge.judge(src, "q1-test", 1, judge.KernelAnswers(lambda c: "")).score == 1.0
    assert judge.judge(src, "q2-test", 1, judge.KernelAnswers(lambda c: "")).score == 0.0


def test_nbgrader_failure_reason_is_read_from_its_log():
    from kjpacts.grading.nblog import failures

    log = """[AutogradeApp | ERROR] There was an error processing assignment: /c/submitted/bo/ps01
[AutogradeApp | ERROR] Traceback (most recent call last):
      File "/x/nbgrader/converters/base.py", line 301, in init_assignment
        shutil.copy(filename, path)
    FileNotFoundError: [Errno 2] No such file or directory: '/c/submitted/bo/ps01/data.csv'

[AutogradeApp | WARNING] Removing failed assignment: /c/autograded/bo/ps01
[AutogradeApp | ERROR] There was an error processing assignment 'ps01' for student 'bo'"""
    assert failures(log, ["bo", "ann"]) == {
        "bo": "FileNotFoundError: [Errno 2] No such file or directory: '/c/submitted/bo/ps01/data.csv'"}
