"""Drawings the lessons show: plain functions over kit data, drawn with matplotlib (no widget).

- :func:`draw_network`: entity pairs (from :func:`kjpacts.nlp.names.cooccurrences`) on a circle.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from kjpacts.nlp.names import LETTERS, short_name
from kjpacts.teaching.html import OKABE_ITO

if TYPE_CHECKING:
    import nltk

    from kjpacts.corpus.load import Corpus


def draw_network(pairs: "nltk.FreqDist", corpus: "Corpus", n: int = 15, title: str = ""):
    """Draw the ``n`` most frequent pairs: entities on a circle, thicker lines for more sentences.

    Nodes are coloured by entity type (colour-blind-safe palette, plus a letter for the
    type, see :data:`LETTERS`; L = place, for location); each line is labelled with its
    count. Returns the matplotlib ``Figure`` (made with pyplot, so a notebook shows it
    below the cell).
    """
    import matplotlib.pyplot as plt

    ann = corpus.annotations
    top = pairs.most_common(n)
    nodes: list[str] = []
    for (a, b), _ in top:
        for x in (a, b):
            if x not in nodes:
                nodes.append(x)
    fig, ax = plt.subplots(figsize=(9, 7), dpi=80)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.01)
    ax.set_axis_off()
    ax.set_aspect("equal")
    if title:
        ax.set_title(title, fontsize=11)
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
        ax.text((x1 + x2) / 2, (y1 + y2) / 2, str(c), fontsize=8, ha="center", va="center", zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    colours = {"person": OKABE_ITO["orange"], "organisation": OKABE_ITO["sky-blue"],
               "country": OKABE_ITO["bluish-green"], "place": OKABE_ITO["yellow"],
               "agreement": OKABE_ITO["reddish-purple"], "event": OKABE_ITO["vermillion"]}
    for x in nodes:
        e = ann.entities.get(x)
        typ = e.type if e else "?"
        px, py = pos[x]
        ax.scatter([px], [py], s=420, color=colours.get(typ, "#999999"), edgecolors="black", zorder=2)
        ax.text(px, py, LETTERS.get(typ, "?"), fontsize=9, ha="center", va="center", zorder=4)
        label = short_name(e) if e else x
        ax.text(px * 1.12, py * 1.12, label, fontsize=9, zorder=4,
                ha="left" if px > 0.1 else "right" if px < -0.1 else "center",
                va="bottom" if py > 0.1 else "top" if py < -0.1 else "center")
    handles = [ax.scatter([], [], s=80, color=c, edgecolors="black", label=f"{LETTERS[t]} = {t}")
               for t, c in colours.items() if any(ann.entities.get(x) and ann.entities[x].type == t for x in nodes)]
    ax.legend(handles=handles, loc="lower left", fontsize=9, frameon=False)
    ax.set_xlim(-2.0, 2.0)
    ax.set_ylim(-1.3, 1.3)
    return fig
