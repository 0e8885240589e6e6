"""kjpacts.annotations.agreement: span scores and Cohen's kappa worked out by hand
(kappa = (p_o - p_e) / (1 - p_e)), overlap matching, and the DATASHEET table."""

from __future__ import annotations

import pytest

from kjpacts.annotations.agreement import Kappa, agreement_markdown, cohen_kappa, compare, match_overlap, prf


def test_prf_by_hand():
    assert prf(2, 4, 5) == {"precision": 0.4, "recall": 0.5, "f1": 0.444, "matched": 2, "a": 4, "b": 5}
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "matched": 0, "a": 0, "b": 0}
    assert prf(0, 3, 2)["f1"] == 0.0 and prf(0, 0, 2)["recall"] == 1.0 and prf(0, 2, 0)["precision"] == 1.0


def test_overlap_pairs_take_the_largest_overlap_first_and_use_each_span_once():
    a = [(0, 10, {}), (20, 30, {}), (40, 41, {})]
    b = [(5, 25, {}), (8, 12, {}), (29, 35, {}), (41, 50, {})]
    # a0-b0 overlap 5, a0-b1 2, a1-b0 5, a1-b2 1; ties broken by index: a0-b0, then a1-b2 (b0 used), a40-41 touches b41 only
    assert match_overlap(a, b) == [(0, 0), (1, 2)]
    assert match_overlap(a, []) == [] and match_overlap([(0, 5, {})], [(5, 9, {})]) == []


@pytest.mark.parametrize("pairs, value", [
    # p_o = 2/3; Cohen's per-annotator marginals A: yes 1, no 2; B: yes 2, no 1
    # -> p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9; kappa = (6/9 - 4/9) / (5/9) = 0.4
    ([("yes", "yes"), ("no", "no"), ("no", "yes")], 0.4),
    ([("a", "a"), ("b", "b")], 1.0),
    # A: a,b ; B: b,a -> p_o = 0, p_e = 1/2 -> kappa = -1
    ([("a", "b"), ("b", "a")], -1.0),
    # True/False/None are labels too (compared as text): A True 2, False 1, None 1; B True 1, False 2, None 1;
    # p_o = 3/4, p_e = 2/16 + 2/16 + 1/16 = 5/16 -> kappa = (12/16 - 5/16) / (11/16) = 7/11
    ([(True, True), (False, False), (True, False), (None, None)], 0.636),
])
def test_kappa_by_hand(pairs, value):
    assert cohen_kappa(pairs) == Kappa(value, "")


def test_kappa_undefined_with_its_reason():
    assert cohen_kappa([]) == Kappa(None, "fewer than two items were labelled by both")
    assert cohen_kappa([("a", "a")]) == Kappa(None, "fewer than two items were labelled by both")
    assert cohen_kappa([("a", "a"), ("a", "a"), ("a", "a")]) == Kappa(
        None, "only one label was used, so agreement by chance is 100% and kappa is 0/0")


def test_compare_by_hand():
    a = {"d": [(0, 5, {"k": "x"}), (10, 15, {"k": "y"})], "e": [(0, 3, {"k": "x"})]}
    b = {"d": [(0, 5, {"k": "x"}), (11, 15, {"k": "x"}), (20, 25, {"k": "x"})], "f": [(0, 2, {"k": "y"})]}
    got = compare(a, b, ["k", "missing"])
    assert got["exact"] == {"precision": 0.25, "recall": 0.333, "f1": 0.286, "matched": 1, "a": 3, "b": 4}
    assert got["overlap"] == {"precision": 0.5, "recall": 0.667, "f1": 0.571, "matched": 2, "a": 3, "b": 4}
    # overlap pairs (x, x), (y, x): A x,y; B x,x; p_o = 1/2, p_e = (1/2)(1) + (1/2)(0) = 1/2 -> kappa 0
    assert got["kappa"] == {"k": 0.0, "missing": None}
    assert got["attribute_agreement"] == {"k": 0.5, "missing": 1.0}
    assert compare({}, {}, ["k"])["attribute_agreement"] == {"k": None}


def test_agreement_markdown_rows():
    report = {"quotes": {"exact": {"a": 3, "b": 4, "f1": 0.2857}, "overlap": {"f1": 0.5714},
                         "kappa": {"kind": 0.4, "named": None}}}
    assert agreement_markdown(report) == (
        "| layer | spans (pass 1 / pass 2) | exact F1 | overlap F1 | Cohen's κ on attributes (overlap pairs) |\n"
        "|---|---|---|---|---|\n"
        "| quotes | 3 / 4 | 0.29 | 0.57 | kind 0.40, named n/a |")


def test_attribute_agreement_is_rounded_to_three_places():
    a = {"d": [(0, 1, {"k": "x"}), (2, 3, {"k": "x"}), (4, 5, {"k": "x"})]}
    b = {"d": [(0, 1, {"k": "x"}), (2, 3, {"k": "x"}), (4, 5, {"k": "y"})]}
    assert compare(a, b, ["k"])["attribute_agreement"] == {"k": 0.667}  # 2 of 3


def test_an_unreadable_pass_file_is_named_in_the_error(tmp_path):
    from kjpacts.annotations.agreement import layer_records
    from kjpacts.errors import CorpusError

    (tmp_path / "quotes").mkdir()
    bad = tmp_path / "quotes" / "doc-a.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        layer_records(tmp_path, "quotes")
    assert bad.as_posix() in str(info.value)


def _pass(root, mentions, quotes=None):
    import json

    (root / "mentions").mkdir(parents=True)
    (root / "entities.json").write_text(json.dumps({"entities": [{"entity_id": "p", "type": "person"}]}), encoding="utf-8")
    (root / "mentions" / "d.json").write_text(json.dumps({"doc_id": "d", "mentions": mentions}), encoding="utf-8")
    if quotes is not None:
        (root / "quotes").mkdir()
        (root / "quotes" / "d.json").write_text(json.dumps({"doc_id": "d", "quotes": quotes}), encoding="utf-8")
    return root


def test_the_report_has_each_layer_both_passes_hold_and_nominal_mentions_only_where_there_are_some(tmp_path):
    from kjpacts.annotations.agreement import agreement_report

    named = {"start": 0, "end": 3, "entity_id": "p"}
    nominal = {"start": 5, "end": 9, "entity_id": "p", "form": "nominal"}
    quote = {"content": {"start": 10, "end": 20}, "speaker_type": "official", "named": True}
    one = _pass(tmp_path / "a", [named], [quote])
    two = _pass(tmp_path / "b", [named])  # no quotes folder: the layer is left out
    assert list(agreement_report(one, two)) == ["mentions"]
    assert agreement_report(one, two)["mentions"]["exact"]["matched"] == 1
    three = _pass(tmp_path / "c", [named, nominal], [quote])  # nominal mentions in one pass only
    four = _pass(tmp_path / "d", [named], [quote])
    report = agreement_report(three, four)
    assert set(report) == {"mentions", "quotes", "nominal mentions"}
    assert (report["nominal mentions"]["exact"]["a"], report["nominal mentions"]["exact"]["b"]) == (1, 0)
    assert (report["mentions"]["exact"]["a"], report["mentions"]["exact"]["b"]) == (1, 1)
