"""The whole test suite, offline: ``python -m tests.run [pytest args]`` (what ``make test`` runs).

- ``NLTK_DATA`` points at an empty folder and the kit's NLTK data is rebuilt in a
  fresh folder, so nothing can come from a previous ``nltk.download()``;
- pytest-socket blocks every non-loopback connection in the test process, and
  ``tests/offline_guard`` does the same in every child process (kernels, servers);
- exit status is pytest's; "no tests collected" counts as a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="kjpacts-test-") as tmp:
        empty = Path(tmp, "empty-nltk-data")
        empty.mkdir()
        env = dict(os.environ)
        env["NLTK_DATA"] = str(empty)
        env["KJPACTS_NLTK_DIR"] = str(Path(tmp, "kit-nltk-data"))
        guard = str(ROOT / "tests" / "offline_guard")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (guard, env.get("PYTHONPATH", "")) if p)
        cmd = [
            sys.executable, "-m", "pytest",
            "--allow-hosts=127.0.0.1,::1,localhost", "--allow-unix-socket",
            "--timeout=900", "-ra", *argv,
        ]
        code = subprocess.call(cmd, cwd=ROOT, env=env)
    if code == 5:
        print("tests.run: pytest collected no tests; that is a failure", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
