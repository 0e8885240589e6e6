"""Visible tests that teach: the mistakes the walk-through found fail the visible test (instant
feedback), and ps04 Q3's hidden test rejects unmerged spans. Each mistake is a hand-written
variant of the solution; the tests are judged as during autograding (kjpacts.grading.judge)."""

from __future__ import annotations

import pytest

from kjpacts.grading import judge, testkit, wire

from . import subs
from .conftest import EXERCISES


def _ask(ns: dict):
    def ask(kind, name, args):
        if name not in ns:
            raise testkit.Problem(f"`{name}` is not defined")
        obj = ns[name]
        try:
            obj = obj(*args) if kind == "call" else obj
        except Exception as exc:  # noqa: BLE001
            raise testkit.Problem(f"`{name}` raised {type(exc).__name__}") from None
        return wire.decode(wire.encode(obj))

    return ask


def _score(ps: str, grade_id: str, ns: dict) -> float:
    prob = subs.Problem(EXERCISES, ps)
    cell = next(c for c in prob.source.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return judge.judge(cell.source, grade_id, cell.metadata["nbgrader"]["points"], _ask(ns)).score


MISTAKES = {
    # (problem set, function, mistaken body, visible test, hidden test or None)
    "ps03 Q1 without the None guard": (
        "ps03-who-speaks", "def anonymous_sources(doc_id):\n"
        "    return sorted({(q.source.start, q.source.end) for q in quotes[doc_id] if not q.named})",
        "q1-test", None),
    "ps05 Q3 without the overused filter": (
        "ps05-framing-and-keyness", "def keywords(target_ids, reference_ids, k):\n"
        "    return [kw.word for kw in keyness(corpus_words(corpus, target_ids), corpus_words(corpus, reference_ids))][:k]",
        "q3-test", None),
    "ps04 Q3 unmerged spans": (
        "ps04-corroboration-and-reuse", "def reused_spans(a, b, n):\n"
        "    return sorted(sp for spans_a, _ in shared_ngrams(corpus[a], corpus[b], n).values() for sp in spans_a)",
        "q3-test", "q3-hidden"),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_the_mistake_fails_the_visible_test_and_the_solution_passes(name):
    ps, mistaken, visible, hidden = MISTAKES[name]
    prob = subs.Problem(EXERCISES, ps)
    ns = prob.solution_namespace()
    assert _score(ps, visible, ns) == prob.source.cells[[c.metadata.get("nbgrader", {}).get("grade_id")
                                                         for c in prob.source.cells].index(visible)].metadata["nbgrader"]["points"]
    exec(mistaken, ns)  # noqa: S102 - the hand-written mistake replaces the solution's function
    assert _score(ps, visible, ns) == 0.0, f"{name}: the visible test does not catch it"
    if hidden:
        assert _score(ps, hidden, ns) == 0.0, f"{name}: the hidden test still gives credit"


def test_gold_fields_are_not_on_the_table():
    for ps, code in (("ps04-corroboration-and-reuse", "claims['gsomia-24-countries'].occurrences[1].independent"),
                     ("ps03-who-speaks", "quotes['wapo-2011-01-11'][0].speaker_type")):
        ns = subs.Problem(EXERCISES, ps).solution_namespace()
        with pytest.raises(AttributeError, match="removed from this view"):
            eval(code, ns)  # noqa: S307
