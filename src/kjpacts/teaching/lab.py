"""``kjpacts lab``: JupyterLab on the course, with the repository as root so relative links resolve."""

from __future__ import annotations

import os
import sys

from kjpacts.paths import course_root

START = "notebooks/00-start-here.ipynb"


def lab_command(extra: list[str]) -> list[str]:
    """The command that opens the course on ``00-start-here``."""
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={course_root()}",
           f"--LabApp.default_url=/lab/tree/{START}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return cmd + list(extra)
