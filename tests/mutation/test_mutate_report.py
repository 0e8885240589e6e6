"""tests/mutate.py's report: module names, explained survivors and the TESTING.md row."""

from __future__ import annotations

from collections import Counter

from tests.mutate import expand, explain, module_of, mutant_globs, report


def test_module_of_and_globs():
    assert module_of("kjpacts.io.x_read_text__mutmut_3") == "kjpacts.io"
    assert module_of("kjpacts.teaching.checks.xǁFeedbackǁhtml__mutmut_2") == "kjpacts.teaching.checks"
    assert mutant_globs("kjpacts.exports") == ["kjpacts.exports.x_*", "kjpacts.exports.xǁ*"]


def test_explained_survivors_are_listed_with_their_reason():
    assert expand("x_f__mutmut_{1,2}") == ["x_f__mutmut_1", "x_f__mutmut_2"]
    why = {"kjpacts.m": {"x_f__mutmut_{1,2}": "same result"}}
    names = ["kjpacts.m.x_f__mutmut_1", "kjpacts.m.x_f__mutmut_2", "kjpacts.m.x_f__mutmut_12"]
    reasons, rest = explain("kjpacts.m", names, why)
    assert dict(reasons) == {"same result": ["x_f__mutmut_1", "x_f__mutmut_2"]} and rest == ["x_f__mutmut_12"]
    text = report({"kjpacts.m": Counter(killed=17, survived=3)}, {"kjpacts.m": names}, why,
                  {"kjpacts.m": {"date": "2026-12-02 20:00", "commit": "abc1234"}})
    assert "| `kjpacts.m` | 20 | 0 | 17 | 3 (2) | 0 | 85% | met | 2026-12-02 20:00 at `abc1234` |" in text
    assert "- same result (`x_f__mutmut_1`, `x_f__mutmut_2`)" in text
    assert "- **not explained yet**: `x_f__mutmut_12`" in text
    done = report({"kjpacts.m": Counter(killed=8, survived=2)}, {"kjpacts.m": names[:2]}, why)
    assert "| 80% | missed, every survivor explained | before this log |" in done
    partial = report({"kjpacts.m": Counter(killed=3, **{"not checked": 9})}, {}, why)
    assert "| 100% | met so far (9 not run) | before this log |" in partial
    assert "| 0% | not run | not on this tree |" in report({"kjpacts.m": Counter(**{"not checked": 4})}, {}, why)


def test_hand_written_notes_are_kept():
    from tests.mutate import kept_notes

    old = "# Mutation testing\n\n| table |\n\n## Notes\n\nMeasured on 2 cores.\n"
    assert kept_notes(old) == "\n## Notes\n\nMeasured on 2 cores.\n" and kept_notes("# no notes\n") == ""


def test_a_fresh_tree_keeps_the_last_reports_figures_for_modules_it_has_not_run():
    from tests.mutate import last_rows

    old = ("| module | mutants |\n|---|---|\n"
           "| `kjpacts.a` | 10 | 0 | 9 | 1 (1) | 0 | 90% | met, every survivor explained | 2026-12-02 20:00 at `abc1234` |\n"
           "| `kjpacts.b` | 5 | 5 | 0 | 0 (0) | 0 | 0% | not run | not on this tree |\n\n"
           "## Surviving mutants\n\n### `kjpacts.a`\n\n- same result (`x_f__mutmut_1`)\n\n## Notes\n\nhand\n")
    carried = last_rows(old)
    assert list(carried) == ["kjpacts.a"]  # b was never measured: nothing to keep
    assert carried["kjpacts.a"][1][:3] == ["### `kjpacts.a`", "", "- same result (`x_f__mutmut_1`)"]
    text = report({"kjpacts.a": Counter(**{"not checked": 10}), "kjpacts.b": Counter(killed=5)}, {}, {}, {}, carried)
    assert "| `kjpacts.a` | 10 | 0 | 9 | 1 (1) | 0 | 90% | met, every survivor explained | 2026-12-02 20:00 at `abc1234` |" in text
    assert "- same result (`x_f__mutmut_1`)" in text and "\nhand\n" not in text  # notes are kept apart
    assert "| `kjpacts.b` | 5 | 0 | 5 | 0 (0) | 0 | 100% | met, none survived | before this log |" in text
    rerun = report({"kjpacts.a": Counter(killed=10)}, {}, {}, {}, carried)  # run again: new figures win
    assert "| `kjpacts.a` | 10 | 0 | 10 | 0 (0) | 0 | 100% | met, none survived |" in rerun and "same result" not in rerun
