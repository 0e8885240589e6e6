"""The package's layers hold: no module imports a module of a layer above it (import-linter).

The contract is in pyproject.toml ([tool.importlinter]); docs/architecture.md explains it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The layers as docs/architecture.md draws them, top first (written out here on purpose: a
#: contract edited to allow an upward import must also change this test).
EXPECTED_LAYERS = [
    "kjpacts.cli",
    "kjpacts.grading",
    "kjpacts.teaching",
    "kjpacts.story",
    "kjpacts.nlp | kjpacts.exports",
    "kjpacts.corpus.load : kjpacts.corpus.tables : kjpacts.corpus.reader : kjpacts.corpus.build : "
    "kjpacts.corpus.datapackage : kjpacts.corpus.validate : kjpacts.corpus.rebuild",
    "kjpacts.annotations",
    "kjpacts.corpus.model : kjpacts.corpus.cleaning : kjpacts.corpus.markup : kjpacts.corpus.files",
    "kjpacts.nltk_setup : kjpacts.paths : kjpacts.io : kjpacts.errors : kjpacts._moved",
]


def lint_imports() -> subprocess.CompletedProcess:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail("lint-imports is missing: pip install -e '.[test]' (it installs import-linter)")
    return subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True)


def test_the_contract_is_the_documented_one() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (contract,) = config["contracts"]
    assert contract["type"] == "layers"
    assert contract["layers"] == EXPECTED_LAYERS


def test_imports_run_one_way() -> None:
    out = lint_imports()
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "1 kept, 0 broken" in out.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: a copy of the package with one upward import is refused."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "kjpacts", src / "kjpacts", ignore=shutil.ignore_patterns("__pycache__", "_corpus"))
    records = src / "kjpacts" / "annotations" / "records.py"
    records.write_text(records.read_text(encoding="utf-8") + "\nfrom kjpacts.teaching import checks  # noqa\n",
                       encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    out = subprocess.run([exe, "--no-cache"], cwd=tmp_path, capture_output=True, text=True,
                         env={"PYTHONPATH": str(src), "PATH": str(Path(sys.executable).parent)})
    assert out.returncode != 0
    assert "kjpacts.annotations is not allowed to import kjpacts.teaching" in out.stdout
