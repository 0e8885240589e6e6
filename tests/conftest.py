from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def corpus():
    import kjpacts

    return kjpacts.load()


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped corpus, safe to corrupt."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
