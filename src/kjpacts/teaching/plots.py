"""Drawings the lessons show: plain functions over kit data, drawn with matplotlib (no widget).

- :func:`draw_network`: entity pairs (from :func:`kjpacts.nlp.names.cooccurrences`) on a circle.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING

from kjpacts.nlp.names import LETTERS, short_name
from kjpacts.teaching.html import OKABE_ITO

if TYPE_CHECKING:
    import nltk

    from kjpacts.corpus.load import Corpus

#: Pixels per inch of the drawings: a browser's CSS inch, so a point in the figure is a point on screen.
DPI = 96
#: Default width in inches: 576 px, inside the 592 px output area of JupyterLab at 1024 px with the
#: file browser open (measured by the browser test), so the picture is never scaled down there.
WIDTH = 6.0
MIN_PT = 9.0  # no text smaller than this, at any width
PT_PER_INCH = 10.0 / WIDTH  # labels are 10 pt at the default width, and grow with the figure


def font_sizes(width: float) -> dict[str, float]:
    """Font sizes in points for a figure ``width`` inches wide: proportional to the width, never
    below :data:`MIN_PT`."""
    base = width * PT_PER_INCH
    return {"label": max(MIN_PT, base), "count": max(MIN_PT, 0.9 * base), "title": max(MIN_PT, 1.1 * base),
            "legend": max(MIN_PT, 0.9 * base), "letter": max(MIN_PT, 0.9 * base)}


def draw_network(pairs: "nltk.FreqDist", corpus: "Corpus", n: int = 15, title: str = "", width: float = WIDTH):
    """Draw the ``n`` most frequent pairs: entities on a circle, thicker lines for more sentences.

    Nodes are coloured by entity type (colour-blind-safe palette, plus a letter for the
    type, see :data:`LETTERS`; L = place, for location); each line is labelled with its
    count. ``width`` is in inches; text sizes follow it (:func:`font_sizes`). Returns the
    matplotlib ``Figure`` (made with pyplot, so a notebook shows it below the cell). The
    text alternative is :func:`kjpacts.nlp.names.pair_table`, which lessons show below it.
    """
    import matplotlib.pyplot as plt

    ann = corpus.annotations
    top = pairs.most_common(n)
    nodes: list[str] = []
    for (a, b), _ in top:
        for x in (a, b):
            if x not in nodes:
                nodes.append(x)
    size = font_sizes(width)
    fig, ax = plt.subplots(figsize=(width, width * 0.8), dpi=DPI)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.01)
    ax.set_axis_off()
    ax.set_aspect("equal")
    if title:
        ax.set_title(textwrap.fill(title, 60), fontsize=size["title"])
    if not nodes:
        ax.text(0.5, 0.5, "no pairs to draw", ha="center", va="center", transform=ax.transAxes)
        return fig
    k = len(nodes)
    pos = {x: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
           for i, x in enumerate(nodes)}
    biggest = max(c for _, c in top)
    for (a, b), c in top:
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color="#555555", linewidth=0.8 + 5 * c / biggest, alpha=0.7, zorder=1)
    colours = {"person": OKABE_ITO["orange"], "organisation": OKABE_ITO["sky-blue"],
               "country": OKABE_ITO["bluish-green"], "place": OKABE_ITO["yellow"],
               "agreement": OKABE_ITO["reddish-purple"], "event": OKABE_ITO["vermillion"]}
    for x in nodes:
        e = ann.entities.get(x)
        typ = e.type if e else "?"
        px, py = pos[x]
        ax.scatter([px], [py], s=(2.2 * size["letter"]) ** 2, color=colours.get(typ, "#999999"), edgecolors="black",
                   zorder=2)
        ax.text(px, py, LETTERS.get(typ, "?"), fontsize=size["letter"], ha="center", va="center", zorder=4)
        label = textwrap.fill(short_name(e) if e else x, 18)  # long names on two lines, not across the figure
        ax.text(px * 1.14, py * 1.14, label, fontsize=size["label"], zorder=4,
                ha="left" if px > 0.1 else "right" if px < -0.1 else "center",
                va="bottom" if py > 0.1 else "top" if py < -0.1 else "center")
    _place_counts(fig, ax, [(pos[a], pos[b], c) for (a, b), c in top], size["count"])
    handles = [ax.scatter([], [], s=80, color=c, edgecolors="black", label=f"{LETTERS[t]} = {t}")
               for t, c in colours.items() if any(ann.entities.get(x) and ann.entities[x].type == t for x in nodes)]
    ax.legend(handles=handles, loc="lower left", fontsize=size["legend"], frameon=False, borderaxespad=0)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.4, 1.35)
    return fig


#: Where along its line a count may sit (share of the way from one end), tried in this order.
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)


def _place_counts(fig, ax, lines: list, fontsize: float) -> None:
    """Label each line with its count, moved along the line until it overlaps no text drawn so far."""
    renderer = fig.canvas.get_renderer() if hasattr(fig.canvas, "get_renderer") else None
    taken = [t.get_window_extent(renderer) for t in ax.texts] if renderer else []
    style = {"fontsize": fontsize, "ha": "center", "va": "center", "zorder": 3,
             "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}}
    for (x1, y1), (x2, y2), count in lines:
        for share in _ALONG:
            label = ax.text(x1 + share * (x2 - x1), y1 + share * (y2 - y1), str(count), **style)
            if renderer is None:
                break
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(b) for b in taken):
                taken.append(box)
                break
            label.remove()
        else:  # nowhere free on this line: the middle, as before
            taken.append(ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(count), **style).get_window_extent(renderer))
