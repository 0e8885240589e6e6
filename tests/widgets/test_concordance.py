"""Concordance: literal and regex queries, bad patterns, filters, callbacks."""

from __future__ import annotations

from html import unescape

import pytest

from kjpacts.teaching.widgets import Concordance
from kjpacts.teaching.widgets.concordance import compile_query, concordance, render_concordance


@pytest.fixture
def docs(tiny):
    return {d.doc_id: (d.outlet, d.text) for d in tiny}


def test_literal_whole_words(docs):
    r = concordance(docs, "pact")
    assert r.total == 5 and r.counts == {"alpha-2011-01-10": 3, "beta-2011-01-11": 1, "gamma-2012-05": 1}
    assert r.outlet_counts == {"Outlet A": 4, "Outlet B": 1}
    assert all(row.match.lower() == "pact" for row in r.rows)  # "Pacts" is another word
    row = r.rows[0]
    assert docs[row.doc_id][1][row.start:row.end] == row.match
    assert concordance(docs, "PACT", case=True).total == 0
    assert concordance(docs, "a.b").total == 0  # literal: the dot is not a wildcard


def test_regex_and_forms(docs):
    r = concordance(docs, r"pacts?", regex=True)
    assert r.total == 6 and set(r.forms) == {"pact", "pacts"}
    assert concordance(docs, r"\b", regex=True).total == 0  # empty matches are skipped


@pytest.mark.parametrize("query,needle", [("(", "missing )"), ("[a-", "unterminated character set"),
                                          ("*x", "nothing to repeat")])
def test_invalid_regex_gives_a_message(docs, query, needle):
    r = concordance(docs, query, regex=True)
    assert r.error and needle in r.error and r.total == 0
    html = render_concordance(r, 3)
    assert "Not a valid regular expression" in html and "Traceback" not in html


def test_empty_and_long_queries(docs):
    assert concordance(docs, "   ").error == "Type a word or a pattern to search for."
    assert "too long" in concordance(docs, "x" * 500).error
    with pytest.raises(ValueError):
        compile_query("")


def test_filters_and_row_cap(docs):
    assert concordance(docs, "pact", doc_ids=["gamma-2012-05"]).total == 1
    assert concordance(docs, "pact", outlets=["Outlet B"]).counts == {"beta-2011-01-11": 1}
    capped = concordance(docs, "a", regex=True, max_rows=3)
    assert len(capped.rows) == 3 and capped.total > 3
    assert "first 3 shown" in render_concordance(capped, 3)


def test_callbacks(tiny):
    w = Concordance(tiny, query="pact")
    assert "5 match(es)" in w.results.value
    w.outlet.value = "Outlet B"
    assert "1 match(es)" in w.results.value and "in 1 of 1 document" in w.results.value
    w.outlet.value = ""
    w.regex.value = True
    w.query.value = "pact("
    assert "Not a valid regular expression" in w.results.value
    w.query.value = r"pacts?"
    assert "6 match(es)" in w.results.value and "Forms matched" in w.results.value
    w.document.value = "gamma-2012-05"  # "Pacts delayed", "The military pact"
    assert "2 match(es)" in w.results.value
    w.query.value = "zebra"
    assert "No match for 'zebra'" in unescape(w.results.value)
    assert "Keyword in context" not in w.results.value


def test_catastrophic_pattern_is_stopped_with_a_message():
    from kjpacts.teaching.widgets.concordance import concordance

    docs = {"d": ("Outlet", "a" * 60 + "b")}
    res = concordance(docs, "(a|aa)+$", regex=True)
    assert res.error and "took longer" in res.error and not res.rows
