"""Lesson 10's rubric and the citation helpers it teaches (kjpacts.nlp.citations)."""

from __future__ import annotations

import json
import re

from kjpacts.nlp.citations import citations_in, closest_span, find_span, verify_citations

from .conftest import ROOT


def _rubric_rows(markdown: str) -> list[list[str]]:
    """The rows of the first table whose header starts with ``| criterion |``, cells stripped of bold."""
    lines = markdown.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| criterion |"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip().strip("*") for c in line.strip().strip("|").split("|")])
    return [r for r in rows if not set("".join(r)) <= set("-: ")]


def test_the_instructor_rubric_is_the_students_rubric():
    nb = json.loads((ROOT / "notebooks" / "10-capstone.ipynb").read_text(encoding="utf-8"))
    cell = next("".join(c["source"]) for c in nb["cells"] if "### The rubric" in "".join(c["source"]))
    doc = (ROOT / "docs" / "instructors" / "lessons" / "10-capstone.md").read_text(encoding="utf-8")
    student, instructor = _rubric_rows(cell), _rubric_rows(doc)
    assert len(student) == 9  # header + eight criteria
    assert student == instructor


def test_citations_are_found_in_memo_text_with_either_kind_of_quotes():
    text = 'First (ahram-2011-01-10: "agreed Monday") and then (wapo-2011-01-11: \u201cno agreement\u201d).'
    assert citations_in(text) == [("ahram-2011-01-10", "agreed Monday"), ("wapo-2011-01-11", "no agreement")]
    assert citations_in("no citation (here) at all") == []


def test_a_span_is_found_only_where_its_words_are(corpus):
    text = corpus["yonhap-2012-06-27"].text
    start, end = find_span(corpus, "yonhap-2012-06-27", "as early as this week")
    assert text[start:end] == "as early as this week"
    spaced = find_span(corpus, "yonhap-2012-06-27", "as  early as\nthis week")
    assert spaced == (start, end)
    assert find_span(corpus, "yonhap-2012-06-27", "as late as next year") is None
    assert find_span(corpus, "no-such-doc", "as early as this week") is None
    assert find_span(corpus, "yonhap-2012-06-27", "   ") is None


def test_a_misquote_gets_the_nearest_real_wording(corpus):
    assert closest_span(corpus, "yonhap-2012-06-27", "as early as next week") == "as early as this week"
    assert closest_span(corpus, "no-such-doc", "anything") is None


def test_verify_citations_says_what_to_fix(corpus):
    frame = verify_citations(corpus, [("yonhap-2012-06-27", "as early as this week"),
                                      ("yonhap-2012-06-27", "as early as next week"),
                                      ("nope", "x")])
    assert list(frame["found"]) == [True, False, False]
    assert frame.loc[0, "start"] == corpus["yonhap-2012-06-27"].text.index("as early as this week")
    assert "as early as this week" in frame.loc[1, "advice"]
    assert re.match(r"No document 'nope'; the ids are: ", frame.loc[2, "advice"])


def test_older_notebooks_still_import_the_helpers_from_the_lesson_with_a_warning():
    import warnings

    from kjpacts.nlp import citations
    from kjpacts.teaching.lessons import l10

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert l10.verify_citations is citations.verify_citations
    assert "has moved to kjpacts.nlp.citations.verify_citations" in str(caught[0].message)
