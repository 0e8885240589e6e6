"""Paging for long tables: which rows are on a page, and the Previous/Next page controls.

A long table (57 quotes, 38 timeline entries) would make a widget thousands of pixels tall;
a page of ten rows is about one screen. The controls are native buttons (Tab to them, Enter
or Space to press) with a status line that screen readers announce.
"""

from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from kjpacts.teaching.html import GREY
from kjpacts.teaching.widgets._common import button, row

T = TypeVar("T")
PAGE_SIZE = 10


def page_count(n_rows: int, page_size: int = PAGE_SIZE) -> int:
    """Pages needed for ``n_rows`` rows (at least one, even for no rows)."""
    return max(1, -(-n_rows // page_size))


def page_rows(rows: Sequence[T], page: int, page_size: int = PAGE_SIZE) -> tuple[list[T], int, int, int]:
    """(rows on the page, the page clamped to 1..pages, pages, index of its first row)."""
    pages = page_count(len(rows), page_size)
    page = min(max(1, page), pages)
    first = (page - 1) * page_size
    return list(rows[first:first + page_size]), page, pages, first


def where(page: int, pages: int, first: int, n_shown: int, noun: str) -> str:
    """'page 2 of 4, quotes 11-20' for a table caption."""
    return f"page {page} of {pages}, {noun} {first + 1}-{first + n_shown}" if n_shown else f"no {noun}"


def static_note(pages: int) -> str:
    """What the static view says below page 1 of a paged table."""
    if pages <= 1:
        return ""
    return (f'<p style="color:{GREY}">Page 1 of {pages} of the table; run the notebook to see the '
            f'other {pages - 1} page{"s" if pages > 2 else ""}.</p>')


class Pager:
    """Previous/Next page buttons and a "Page 2 of 4" status, for one table.

    ``on_turn`` is called after the page changes; the widget then renders ``page``.
    """

    def __init__(self, noun: str, on_turn: Callable[[], None], page_size: int = PAGE_SIZE):
        import ipywidgets as w


        self.page, self.page_size, self.pages = 1, page_size, 1
        # the noun in the text: two pagers on one page keep distinct names for a screen reader
        self.previous = button(f"Previous page of {noun}", f"Show the previous page of {noun}")
        self.next = button(f"Next page of {noun}", f"Show the next page of {noun}")
        self.label = w.HTML()
        self.box = row([self.previous, self.label, self.next])
        self._on_turn = on_turn
        self.previous.on_click(lambda _: self.turn(-1))
        self.next.on_click(lambda _: self.turn(+1))

    def turn(self, by: int) -> None:
        """Go ``by`` pages on (negative: back), stopping at the ends."""
        self.page = min(max(1, self.page + by), self.pages)
        self._on_turn()

    def update(self, page: int, pages: int) -> None:
        """Show that ``page`` of ``pages`` is on screen."""
        self.page, self.pages = page, pages
        self.label.value = f'<span role="status" style="white-space:nowrap">Page {page} of {pages}</span>'
        self.previous.disabled = page <= 1
        self.next.disabled = page >= pages
        self.box.layout.display = "none" if pages <= 1 else None  # one page: no controls to stumble on
