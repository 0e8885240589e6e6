"""The hub class test runs where it can make Linux users (root, useradd); elsewhere it skips and says why."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.hub import classroom

collect_ignore = ["jupyterhub_test_config.py"]  # a JupyterHub config file, not a module to import


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: runs a JupyterHub class with local users (root, useradd)")


def require_hub() -> None:
    problems = classroom.missing_requirements()
    can_make_users = os.geteuid() == 0 and shutil.which("useradd")
    if problems and can_make_users and os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail("CI=true as root with useradd, so not skipping: the hub class test needs " + ", ".join(problems),
                    pytrace=False)
    if problems:
        pytest.skip("the hub class test needs " + ", ".join(problems) + "; it runs under `make test` as root")
