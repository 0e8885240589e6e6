"""The grading event log: one JSON line per thing that happened while nbgrader graded.

``kjpacts grade autograde`` points ``$KJPACTS_GRADING_EVENTS`` at a file; the preprocessors
append to it (timeouts, crashes, repaired metadata, judge flags) and the report reads it.
"""

from __future__ import annotations

import json
import os
import time


def log_event(resources: dict | None, event: str, **fields) -> None:
    """Append one grading event to ``$KJPACTS_GRADING_EVENTS`` (a JSON-lines file)."""
    path = os.environ.get("KJPACTS_GRADING_EVENTS")
    if not path:
        return
    nbg = resources.get("nbgrader", {}) if resources else {}
    row = {"student": nbg.get("student"), "assignment": nbg.get("assignment"),
           "notebook": nbg.get("notebook"), "event": event, "time": time.time(), **fields}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")
