"""The hub class test runs where it can make Linux users (root, useradd); elsewhere it skips and says why."""

from __future__ import annotations

import pytest

from tests.hub import classroom

collect_ignore = ["jupyterhub_test_config.py"]  # a JupyterHub config file, not a module to import


def pytest_configure(config):
    config.addinivalue_line("markers", "hub: runs a JupyterHub class with local users (root, useradd)")


def require_hub() -> None:
    problems = classroom.missing_requirements()
    if problems:
        pytest.skip("the hub class test needs " + ", ".join(problems) + "; it runs under `make test` as root")
