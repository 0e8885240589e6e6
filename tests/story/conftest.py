"""A story folder built once per session from the evaluation pages (real, public news pages)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
PAGES = HERE / "eval" / "pages"
SOURCES = HERE / "eval" / "sources.csv"


def build(dest: Path, pages: list[Path] | None = None) -> Path:
    from kjpacts.cli import main

    pages = pages or sorted(PAGES.glob("*.txt"))
    assert main(["new", str(dest), *map(str, pages), "--urls", str(SOURCES), "--title", "Test story"]) == 0
    return dest


@pytest.fixture(scope="session")
def story_built(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("story") / "story")


@pytest.fixture
def story(story_built: Path, tmp_path: Path) -> Path:
    """A private copy of the built story folder, safe to change."""
    dest = tmp_path / "story"
    shutil.copytree(story_built, dest)
    return dest


def snapshot(root: Path) -> dict[str, str]:
    """Every file of a folder and its SHA-256."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}
