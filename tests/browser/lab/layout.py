"""Do the widgets fit? Overflow measured in the page, at several window widths, with screenshots."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import LabError

#: Window widths every widget must fit, with JupyterLab's file browser open (issue 14).
WIDTHS = (1366, 1024)
HEIGHT = 1000
MAX_SHOT_HEIGHT = 8000  # px; a taller widget is pictured in part (and should be paged)


@dataclass
class WidgetLayout:
    cell: int
    index: int  # n-th top-level widget view of the notebook
    window: int  # window width in px
    width: int  # width of the widget's output area in px
    problems: list[dict[str, Any]] = field(default_factory=list)
    scrolls: list[dict[str, Any]] = field(default_factory=list)  # .kj-scroll containers that scroll
    screenshot: str | None = None

    def describe(self) -> str:
        lines = [f"cell {self.cell} widget {self.index} at {self.window} px (output area {self.width} px):"]
        for p in self.problems:
            if "right" in p:
                lines.append(f"    {p['kind']}: {p['node']} reaches {p['right']} px, edge {p['edge']} px")
            else:
                lines.append(f"    {p['kind']} ({p['overflowX']}): {p['node']} is {p['scrollWidth']} px wide "
                             f"in {p['clientWidth']} px")
        return "\n".join(lines)


def open_file_browser(session) -> None:
    """Open JupyterLab's file browser in the left side bar (it takes its share of the width)."""
    if not session.page.evaluate("() => window.__kjpacts.openFileBrowser()"):
        raise LabError("could not open the file browser in the left side bar")


def measure(session, window: int, shots_dir: Path | None = None, tag: str = "") -> list[WidgetLayout]:
    """Resize the window to ``window`` px, let the page lay out, then measure every widget view;
    with ``shots_dir``, save a screenshot of each one there (``cell<N>-<i>-<window>px.png``)."""
    session.page.set_viewport_size({"width": window, "height": HEIGHT})
    open_file_browser(session)
    session.page.evaluate("() => window.__kjpacts.frames()")
    raw = session._eval("layout")
    found = [WidgetLayout(r["cell"], r["index"], window, r["width"], r["problems"], r["scrolls"]) for r in raw]
    if shots_dir is not None and found:
        shots_dir.mkdir(parents=True, exist_ok=True)
        # a widget taller than the window would be cut in its picture (the notebook scrolls inside
        # the page): make the window tall enough for the tallest one; the width stays the same
        tallest = session.page.evaluate(
            "() => Math.max(...Array.from(document.querySelectorAll('[data-kj-widget]')).map(e => e.offsetHeight))")
        session.page.set_viewport_size({"width": window, "height": min(max(HEIGHT, int(tallest) + 300), MAX_SHOT_HEIGHT)})
        session.page.evaluate("() => window.__kjpacts.frames()")
        for lay in found:
            path = shots_dir / f"cell{lay.cell:02d}-{lay.index}-{window}px{tag}.png"
            try:
                session.page.locator(f'#{session.panel_id} [data-kj-widget="{lay.index}"]').screenshot(path=str(path), timeout=10_000)
                lay.screenshot = str(path)
            except Exception as e:  # a missing picture must not hide the measurement
                path.with_suffix(".error.txt").write_text(str(e))
        session.page.set_viewport_size({"width": window, "height": HEIGHT})
    return found


def require_fit(layouts: list[WidgetLayout], name: str) -> None:
    bad = [lay for lay in layouts if lay.problems]
    if bad:
        raise LabError(f"{name}: widget views do not fit (JupyterLab's file browser open):\n"
                       + "\n".join(lay.describe() for lay in bad))
