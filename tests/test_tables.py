"""Tables in the lessons keep ids and dates on one line (issue 14: "2011-01-/10")."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd

from kjpacts.teaching.tables import frame_html, tidy_tables


class _Cells(HTMLParser):
    """The CSS of a table and, for each cell, its tag, classes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.css, self.cells, self._open, self._in_style = "", [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "style":
            self._in_style = True
        if tag in ("td", "th"):
            self._open = [tag, (dict(attrs).get("class") or "").split(), ""]

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False
        if tag in ("td", "th") and self._open:
            self.cells.append(tuple(self._open))
            self._open = None

    def handle_data(self, data):
        if self._in_style:
            self.css += data
        elif self._open:
            self._open[2] += data.strip()


def _parse(html: str) -> _Cells:
    p = _Cells()
    p.feed(html)
    return p


def _nowrap_selectors(css: str) -> set[str]:
    """The selectors (without the table's own #id) whose rule says white-space: nowrap."""
    return {sel.split()[-1] for sel, body in re.findall(r"([^{}]+)\{([^}]*)\}", css) if "nowrap" in body}


def _nowrap(cell: tuple, selectors: set[str]) -> bool:
    tag, classes, _ = cell
    return any(s.split(".")[0] == tag and all(c in classes for c in s.split(".")[1:]) for s in selectors)


def test_id_and_date_columns_do_not_wrap_and_the_rest_may():
    frame = pd.DataFrame({"doc_id": ["yonhap-2012-06-27", "ahram-2011-01-10"], "published": ["2012-06-27", "2011-01-10"],
                          "text": ["a Seoul official said", "Kim's ministry said"], "count": [11, 2]})
    page = _parse(frame_html(frame))
    selectors = _nowrap_selectors(page.css)
    by_text = {text: cell for cell in page.cells for text in [cell[2]]}
    for value in ("yonhap-2012-06-27", "ahram-2011-01-10", "2012-06-27", "2011-01-10"):
        assert _nowrap(by_text[value], selectors), f"{value} may wrap: {page.css}"
    for value in ("a Seoul official said", "11"):
        assert not _nowrap(by_text[value], selectors), f"{value} should wrap as usual"


def test_an_index_of_doc_ids_does_not_wrap():
    counts = pd.DataFrame({"named": [5, 3]}, index=pd.Index(["yonhap-2012-06-27", "wapo-2011-01-11"], name="doc_id"))
    page = _parse(frame_html(counts))
    selectors = _nowrap_selectors(page.css)
    row = next(c for c in page.cells if c[2] == "yonhap-2012-06-27")
    assert row[0] == "th" and _nowrap(row, selectors)


def test_ids_are_found_by_their_values_too():
    frame = pd.DataFrame({"source_group": ["seoul-official", "ministry-officials"], "n": [11, 1]})
    page = _parse(frame_html(frame))
    assert _nowrap(next(c for c in page.cells if c[2] == "seoul-official"), _nowrap_selectors(page.css))


def test_a_frame_without_ids_or_dates_is_unchanged():
    frame = pd.DataFrame({"word": ["defence", "provocations"], "count": [4, 4], "g2": [14.8, 14.8]})
    assert frame_html(frame) == frame._repr_html_()
    words = pd.DataFrame({"text": ["is said", "could be signed"]}, index=[3, 7])
    assert frame_html(words) == words._repr_html_()


def test_tidy_tables_makes_the_notebook_use_it():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    frame = pd.DataFrame({"doc_id": ["koreaherald-2012-05"], "n": [1]})
    before = shell.display_formatter.format(frame)[0]["text/html"]
    assert "nowrap" not in before
    tidy_tables()
    try:
        assert "nowrap" in shell.display_formatter.format(frame)[0]["text/html"]
        plain = pd.DataFrame({"n": [1]})
        assert shell.display_formatter.format(plain)[0]["text/html"] == plain._repr_html_()
    finally:
        shell.display_formatter.formatters["text/html"].pop(pd.DataFrame, None)
        InteractiveShell.clear_instance()
