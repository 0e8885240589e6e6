"""The whole check of one notebook in real JupyterLab."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any

from .errors import LabError
from .facts import ErrorOutput, NotebookFacts
from .interactions import Interaction
from .interactions import declared_interactions, require_interactions
from .layout import WIDTHS, WidgetLayout, measure, require_fit
from .server import LabServer
from .session import LabSession

# --------------------------------------------------------------------------- whole check

@dataclass
class CheckReport:
    notebook: str
    facts: NotebookFacts
    interactions: list[Interaction]
    tolerated_errors: list[ErrorOutput] = field(default_factory=list)
    layouts: list[WidgetLayout] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)


def nbgrader_answer_cell(nb: dict, err: ErrorOutput) -> bool:
    """True when the error is in an nbgrader answer cell or test cell (blank release notebook)."""
    try:
        meta = nb["cells"][err.cell].get("metadata", {}).get("nbgrader", {})
    except (IndexError, KeyError):
        return False
    return bool(meta.get("solution") or meta.get("grade"))


def check_notebook(
    server: LabServer,
    notebook: str | os.PathLike,
    *,
    browser=None,
    artifacts_dir: str | os.PathLike | None = None,
    release: bool = False,
    run_timeout: float = 120.0,
    widths: tuple[int, ...] = WIDTHS,
) -> CheckReport:
    """Open, run all, then assert: no error output, every widget view rendered, every
    declared interaction changes the display (and at least one is declared if widgets show),
    and every widget view fits (no overflow, no clipping) at each of ``widths`` with the file
    browser open: measured in the state Run All leaves (a screenshot of each widget at each
    width goes to ``artifacts_dir/widgets``) and again after the interactions, at the last width.

    ``release=True`` (nbgrader student versions) runs cells one by one and tolerates errors
    in answer and test cells only, since the answers are still blank.
    """
    t0 = time.monotonic()
    nb = json.loads((server.root_dir / server.relative(notebook)).read_text())
    interactions = declared_interactions(nb)
    shots = Path(artifacts_dir) / "widgets" if artifacts_dir else None
    layouts: list[WidgetLayout] = []
    first = (widths[0], 1000) if widths else (1280, 1000)
    with LabSession(server, notebook, browser=browser, artifacts_dir=artifacts_dir, viewport=first) as s:
        s.run_all(timeout=run_timeout, continue_on_error=release)
        facts = s.facts()
        tolerated = [e for e in facts.errors if release and nbgrader_answer_cell(nb, e)]
        errors = [e for e in facts.errors if e not in tolerated]
        if errors:
            raise LabError(f"{len(errors)} error output(s):\n" + "\n".join(
                f"  {e}\n{e.traceback[-1500:]}" for e in errors))
        mismatch = facts.widget_mismatch()
        if mismatch:
            raise LabError(f"widgets did not render: {mismatch}")
        require_interactions(facts.widget_views, interactions, s.path)
        t1 = time.monotonic()
        for width in widths if facts.widget_views else ():
            layouts += measure(s, width, shots)
        for it in interactions:
            s.perform(it)
        if widths and interactions:
            layouts += measure(s, widths[-1], None)
        s.timings["layout_s"] = round(time.monotonic() - t1 - sum(s.timings.get("interactions_s", [])), 3)
        require_fit(layouts, s.path)
        timings = {**s.timings}
    timings["total_s"] = round(time.monotonic() - t0, 3)
    return CheckReport(str(notebook), facts, interactions, tolerated, layouts=layouts, timings=timings)
