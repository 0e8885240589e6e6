"""HTML shared by the try-it feedback and the widgets: the palette and the status line."""

from __future__ import annotations

import html

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with the
#: common colour-vision deficiencies.
OKABE_ITO: dict[str, str] = {
    "orange": "#E69F00",
    "sky-blue": "#56B4E9",
    "bluish-green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish-purple": "#CC79A7",
    "black": "#000000",
}
GREY = "#6E6E6E"  # text grey with 4.9:1 contrast on white

esc = html.escape


def message(text: str, kind: str = "info") -> str:
    """A status line (``role="status"`` so screen readers announce it). ``kind``: info, warning, ok."""
    colour = {"info": OKABE_ITO["blue"], "warning": OKABE_ITO["vermillion"], "ok": OKABE_ITO["bluish-green"]}[kind]
    icon = {"info": "ℹ", "warning": "⚠", "ok": "✓"}[kind]
    return (f'<div role="status" style="border-left:4px solid {colour};padding:2px 8px;margin:4px 0">'
            f'<span aria-hidden="true">{icon}</span> {esc(text)}</div>')
