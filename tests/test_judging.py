"""Judge first, then compare: gold hidden until judged, kappa and disagreements from hand-made items."""

from __future__ import annotations

import pytest

from kjpacts.teaching.judging import JudgeItem, blank, compare_judgements, show_items

ITEMS = [JudgeItem("1", "[[a Seoul official]] said", "anonymous", "GOLD-REASON-1"),
         JudgeItem("2", "said [[Rep. Kim]]", "named", "GOLD-REASON-2"),
         JudgeItem("3", "[[Seoul]] has demanded", "named", "GOLD-REASON-3"),
         JudgeItem("4", "[[critics]] denounced", "anonymous", "GOLD-REASON-4")]
LABELS = ("named", "anonymous")


def test_nothing_judged_shows_no_gold():
    result = compare_judgements(blank(ITEMS), ITEMS, LABELS)
    shown = repr(result) + result._repr_html_()
    assert result.judged == 0 and result.kappa is None
    assert "GOLD-REASON" not in shown and "0 of 4" in shown


def test_the_items_view_hides_the_gold():
    view = show_items(ITEMS, "Named or anonymous?", LABELS)
    assert "GOLD-REASON" not in repr(view) + view._repr_html_()
    assert "<mark" in view._repr_html_()


def test_kappa_agreement_and_disagreements_by_hand():
    # you: anonymous, anonymous, anonymous, anonymous would be one label only; use a real mix:
    mine = {"1": ("anonymous", "no name"), "2": ("named", "a name"), "3": ("anonymous", "which official?"),
            "4": ("anonymous", "nobody named")}
    r = compare_judgements(mine, ITEMS, LABELS)
    # observed 3/4; your marginals named 1/4, anonymous 3/4; gold 1/2 and 1/2 -> expected 1/2 -> kappa 0.5
    assert (r.judged, r.agreed) == (4, 3)
    assert r.kappa == pytest.approx(0.5)
    assert [it.item_id for it, _, _ in r.disagreements] == ["3"]
    html = r._repr_html_()
    assert "which official?" in html and "GOLD-REASON-3" in html


def test_only_judged_items_reveal_their_gold_and_reasons_are_asked_for():
    r = compare_judgements({"1": ("anonymous", ""), "2": ...}, ITEMS, LABELS)
    shown = repr(r) + r._repr_html_()
    assert r.judged == 1 and r.missing_reasons == ["1"]
    assert "GOLD-REASON-1" in shown and "GOLD-REASON-2" not in shown and "GOLD-REASON-3" not in shown
    assert r.kappa is None and "fewer than two" in r.kappa_reason


def test_bad_labels_and_ids_are_named():
    r = compare_judgements({"1": ("Anonymous!", "x"), "9": ("named", "x")}, ITEMS, LABELS)
    assert r.judged == 0
    assert any("'Anonymous!' is not one of the labels" in p for p in r.problems)
    assert any("no item '9'" in p for p in r.problems)
    assert "not list" in compare_judgements(["named"], ITEMS, LABELS).problems[0]
