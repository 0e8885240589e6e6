"""binder/ (repo2docker) installs what `make lab` installs: pyproject.toml's dependencies, then the kit."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[2]
BINDER = REPO / "binder"


def requirements(lines: list[str]) -> dict[str, str]:
    reqs = [Requirement(re.sub(r"\s+#.*", "", ln)) for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    return {r.name.lower(): str(r.specifier) + (f"[{','.join(sorted(r.extras))}]" if r.extras else "") for r in reqs}


def test_binder_installs_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    binder = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert requirements(binder) == requirements(project)


def test_postbuild_installs_the_kit_without_extras_or_more():
    lines = [ln for ln in (BINDER / "postBuild").read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    installs = [ln for ln in lines if "pip install" in ln]
    assert installs == ["python -m pip install --no-cache-dir --no-compile --no-deps -e ."], installs
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"


def test_readme_badge_opens_the_first_lesson():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    link = re.search(r"\(https://mybinder\.org/v2/gh/[^)\s]+\)", readme)
    assert link and "labpath=notebooks%2F00-start-here.ipynb" in link.group(0), "README has no Binder link to 00"
    assert (REPO / "notebooks" / "00-start-here.ipynb").is_file()
