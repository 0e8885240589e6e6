"""``RestoreMetadata``: the first sanitize step of ``autograde`` (see :mod:`kjpacts.grading.restore`).

It puts back every cell's nbgrader metadata and id from the gradebook and upgrades old
nbformat versions before nbgrader's own ``OverwriteCells`` compares the cells, so a one-field
edit is repaired instead of failing the submission; each repair is logged as a flag.
"""

from __future__ import annotations

from nbgrader.preprocessors import NbGraderPreprocessor

from ..events import log_event
from ..restore import from_gradebook, restore


class RestoreMetadata(NbGraderPreprocessor):
    """Cell metadata and ids restored from the gradebook; repairs flagged in the event log."""

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        nbg = resources["nbgrader"]
        with Gradebook(nbg["db_url"]) as gb:
            expected = from_gradebook(gb, nbg["notebook"], nbg["assignment"])
        flags = restore(nb, expected)
        if flags:
            log_event(resources, "repaired", flags=flags)
        return nb, resources
