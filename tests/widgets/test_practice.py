"""Annotation practice: kappa against NLTK, item builders, the labelling callbacks."""

from __future__ import annotations

from html import unescape

import pytest
from nltk.metrics.agreement import AnnotationTask

from kjpacts.teaching.widgets import AnnotationPractice, PracticeItem
from kjpacts.teaching.widgets.practice import agreement, anonymous_source_items, framing_sentence_items, kappa_words


def test_agreement_matches_nltk():
    you = {"a": "x", "b": "y", "c": "y", "d": "x"}
    gold = {"a": "x", "b": "y", "c": "x", "d": "x", "e": "y"}
    res = agreement(you, gold)
    task = AnnotationTask(data=[(c, i, lab) for c, labs in (("1", you), ("2", gold)) for i, lab in labs.items()
                                if i in you])
    assert res.labelled == 4 and res.agreed == 3 and res.observed == 0.75
    assert res.kappa == pytest.approx(task.kappa())
    assert [r[3] for r in res.rows] == [True, True, False, True]


def test_undefined_kappa():
    res = agreement({"a": "x"}, {"a": "x", "b": "y"})
    assert res.kappa is None and "undefined" in res.note
    assert agreement({}, {"a": "x"}).labelled == 0
    assert kappa_words(0.7) == "substantial" and kappa_words(None) == "undefined"


def test_item_builders(tiny):
    items = anonymous_source_items(tiny, tiny.annotations)
    assert [(i.item_id, i.gold) for i in items][:3] == [
        ("alpha-2011-01-10:q1", "named"), ("alpha-2011-01-10:q2", "named"), ("beta-2011-01-11:q1", "anonymous")]
    assert "<mark" in items[2].prompt_html and "a senior official" in items[2].prompt_html
    sent = framing_sentence_items(tiny, tiny.annotations, "hedge", doc_id="alpha-2011-01-10")
    assert [i.gold for i in sent] == ["no", "yes"]
    assert "'possibly'" in sent[1].explanation


def test_labelling_callbacks(tiny):
    w = AnnotationPractice.anonymous_sources(tiny, tiny.annotations)
    assert len(w.items) == 5 and w.previous.disabled and not w.next.disabled
    w.label.value = "named"
    assert "You agree" in w.feedback.value and "labelled 1 of 5" in w.scores.value
    w.next.click()
    assert w.item.value == 1 and w.label.value is None and "Choose a label" in w.feedback.value
    w.label.value = "named"
    w.next.click()
    w.label.value = "named"  # gold: anonymous
    assert "The gold label is 'anonymous'" in unescape(w.feedback.value)
    assert "Cohen's kappa = 0.00" in unescape(w.scores.value) and "✗ differ" in w.scores.value
    w.previous.click()
    assert w.label.value == "named" and w.item.options[1][0] == "2 of 5 (labelled)"
    w.item.value = 2
    w.label.value = "anonymous"  # change of mind is recorded
    assert w.answers["beta-2011-01-11:q1"] == "anonymous" and "kappa = 1.00" in w.scores.value
    w.item.value = 0
    w.label.value = "anonymous"
    assert "kappa = 0.40 (fair)" in w.scores.value  # Ao 2/3, Ae 4/9


def test_gold_hidden_until_the_end():
    items = [PracticeItem("1", "<p>one</p>", "yes"), PracticeItem("2", "<p>two</p>", "no")]
    w = AnnotationPractice(items, ("yes", "no"), "Hedge?", show_gold="end")
    w.label.value = "yes"
    assert "gold labels appear when every item is labelled" in w.feedback.value
    assert "kappa" not in w.scores.value
    w.next.click()
    w.label.value = "no"
    assert "kappa = 1.00" in w.scores.value


def test_bad_setups():
    with pytest.raises(ValueError, match="no items"):
        AnnotationPractice([], ("a",), "Q")
    with pytest.raises(ValueError, match="not among the labels"):
        AnnotationPractice([PracticeItem("1", "", "maybe")], ("yes", "no"), "Q")
