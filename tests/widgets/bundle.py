"""The display bundle of a kit widget, checked to hold the widget's own static view."""

from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def static_view(widget) -> str:
    """``text/html`` of the widget's bundle; fails when the base class had to stand in for a
    ``static_html`` that raised (its "No static view" warning) or when the frame is missing."""
    b = widget._repr_mimebundle_()
    assert WIDGET_VIEW in b and b["text/plain"]
    html = b["text/html"]
    assert "No static view" not in html, html[:300]
    assert 'class="kjpacts-static"' in html, html[:300]
    return html
