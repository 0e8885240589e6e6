"""The kit as a wheel: installed outside the repository, it still finds its corpus, schemas and
NLTK data (no ``parents[N]`` guess about where the repository is)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory) -> Path:
    """The wheel built from this checkout (offline: hatchling from the test environment), unpacked."""
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(out), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = out.glob("kjpacts-*.whl")
    site = out / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def run_from(site: Path, code: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "KJPACTS_CORPUS"}
    environ.update(env, PYTHONPATH=os.pathsep.join([str(site), *environ.get("PYTHONPATH", "").split(os.pathsep)]))
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=environ, capture_output=True, text=True)


def test_the_wheel_ships_the_corpus(installed_wheel: Path) -> None:
    shipped = installed_wheel / "kjpacts" / "_corpus"
    assert (shipped / "documents.json").is_file()
    assert sorted(p.name for p in (shipped / "raw").iterdir()) == sorted(p.name for p in (ROOT / "corpus" / "raw").iterdir())


def test_the_installed_kit_loads_and_validates_its_own_corpus(installed_wheel: Path, tmp_path: Path) -> None:
    code = ("import kjpacts, kjpacts.paths as p\n"
            "from kjpacts.corpus.validate import validate\n"
            "c = kjpacts.load()\n"
            "print(p.PACKAGE_DIR.is_relative_to(%r), c.root.name, len(c), len(validate(c.root)))\n" % str(installed_wheel))
    out = run_from(installed_wheel, code, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "_corpus", "5", "0"]


def test_kjpacts_corpus_points_the_installed_kit_elsewhere(installed_wheel: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-corpus"
    out = run_from(installed_wheel, "import kjpacts; kjpacts.load()", cwd=tmp_path, KJPACTS_CORPUS=str(missing))
    assert out.returncode != 0
    assert f"{missing}: -: corpus folder not found" in out.stderr
