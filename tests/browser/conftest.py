"""Fixtures for the real-browser tests: one JupyterLab server and one Chromium per session.

Without Chromium or playwright the tests are skipped with the install command;
under CI=true they fail instead, so a CI machine never passes by skipping.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.browser import lab

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: runs notebooks in JupyterLab + headless Chromium (needs chromium and playwright)"
    )


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def require_browser() -> None:
    problems = lab.missing_requirements()
    if problems:
        msg = "browser tests need: " + "; ".join(problems)
        if in_ci():
            pytest.fail("CI=true, so not skipping: " + msg, pytrace=False)
        pytest.skip(msg)


def safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")[:150]


def lab_env() -> dict[str, str]:
    """Kernels can import kjpacts from the work tree."""
    src = str(REPO / "src")
    old = os.environ.get("PYTHONPATH", "")
    return {"PYTHONPATH": os.pathsep.join([src] + ([old] if old else []))}


@pytest.fixture(scope="session")
def lab_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lab-root")


@pytest.fixture(scope="session")
def lab_server(lab_root):
    require_browser()
    server = lab.LabServer(lab_root, extra_env=lab_env()).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser(request):
    require_browser()
    b = lab.launch_browser(request.getfixturevalue("playwright_driver"))
    yield b
    b.close()


@pytest.fixture
def artifacts_dir(request) -> Path:
    """test-artifacts/<test name>/ (git-ignored); cleared first. Screenshots of each widget at each
    width go to widgets/; logs and whole-page screenshots are written only on failure."""
    d = ARTIFACTS / safe_name(request.node.name)
    shutil.rmtree(d, ignore_errors=True)
    return d


@pytest.fixture
def stage(lab_root, request):
    """stage(path) -> a copy of the notebook in this test's own folder under the lab root."""
    def _stage(notebook: Path) -> Path:
        dest = lab_root / safe_name(request.node.name)
        notebook = Path(notebook).resolve()
        base = REPO if notebook.is_relative_to(REPO) else notebook.parent
        return lab.stage_notebook(base, notebook, dest)
    return _stage
