"""Fixtures for the course-site test: the built site, served on 127.0.0.1, and Debian's Chromium.

The site is built once per session by ``site/build.py`` into a temporary folder, unless
``KJPACTS_SITE_DIR`` names an already built one (``make site`` then ``KJPACTS_SITE_DIR=site/_build/html``).
Missing Chromium, playwright or the npm packages skip with the command to run; under CI=true they fail.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "site"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_configure(config):
    config.addinivalue_line("markers", "site: builds the course website and checks it in Debian's Chromium")


def _missing() -> list[str]:
    problems = []
    if not Path(CHROMIUM).exists():
        problems.append("Debian's Chromium (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        problems.append("playwright (pip install -e '.[test]')")
    if not (SITE / "node_modules" / "axe-core" / "axe.min.js").is_file():
        problems.append("the site's npm packages (make site-deps)")
    if shutil.which("jupyter-book", path=str(Path(sys.executable).parent)) is None and "KJPACTS_SITE_DIR" not in os.environ:
        problems.append("jupyter-book (pip install -e '.[site]')")
    return problems


def require_site_tools() -> None:
    problems = _missing()
    if problems:
        msg = "the site test needs: " + "; ".join(problems)
        if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
            pytest.fail("CI=true, so not skipping: " + msg, pytrace=False)
        pytest.skip(msg)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    require_site_tools()
    given = os.environ.get("KJPACTS_SITE_DIR")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("site") / "html"
    proc = subprocess.run([sys.executable, str(SITE / "build.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"site/build.py failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(site_dir):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(request):
    require_site_tools()
    pw = request.getfixturevalue("playwright_driver")
    b = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()
