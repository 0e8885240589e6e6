"""Debian's Chromium, driven through Playwright (never Playwright's own browsers)."""

from __future__ import annotations

import os
import shutil

from .errors import LabError  # noqa: F401

WIDGET_MANAGER_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install -y chromium; pip install playwright  (never `playwright install`)"

USER_SETTINGS = {
    # The news pop-up otherwise covers the page.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Windowing would leave off-screen cells out of the page.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}



def chromium_path() -> str | None:
    """Chromium to drive: ``$KJPACTS_CHROMIUM`` when set, else /usr/bin/chromium, else on PATH."""
    override = os.environ.get("KJPACTS_CHROMIUM")
    for cand in (override,) if override else (DEFAULT_CHROMIUM, shutil.which("chromium")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def missing_requirements() -> list[str]:
    """What is missing to run browser tests, each with the command that installs it."""
    from importlib.util import find_spec

    problems = []
    if find_spec("playwright") is None:
        problems.append("the Python package playwright is missing: pip install playwright "
                        "(it drives the system Chromium; never run `playwright install`)")
    if chromium_path() is None:
        where = os.environ.get("KJPACTS_CHROMIUM") or f"{DEFAULT_CHROMIUM} (nor on PATH)"
        problems.append(f"Chromium is not at {where}: apt-get install -y chromium")
    for mod, pkg in (("jupyterlab", "jupyterlab"), ("ipywidgets", "ipywidgets"), ("ipykernel", "ipykernel")):
        if find_spec(mod) is None:
            problems.append(f"the Python package {pkg} is missing: pip install {pkg}")
    return problems


def launch_browser(playwright, executable_path: str | None = None, headless: bool = True):
    """Launch the system Chromium through Playwright (never its downloaded browsers)."""
    exe = executable_path or chromium_path()
    if exe is None:
        raise LabError(f"Chromium not found; install it: {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=exe, headless=headless, args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------- processes
