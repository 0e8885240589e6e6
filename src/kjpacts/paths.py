"""Where the kit's files are: the one corpus-location lookup, and the package's own data.

>>> from kjpacts.paths import corpus_dir
>>> (corpus_dir() / "documents.json").is_file()
True
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CORPUS_ENV = "KJPACTS_CORPUS"


def corpus_dir() -> Path:
    """The corpus folder: ``$KJPACTS_CORPUS``, else the repo's ``corpus/``, else the wheel's copy.

    Every part of the kit (loader, schemas, widgets, lessons, grading sandbox) asks here.
    """
    env = os.environ.get(CORPUS_ENV)
    return Path(env) if env else shipped_corpus_dir()


def shipped_corpus_dir() -> Path:
    """The corpus that ships with the kit (the wheel's copy, or the repo's ``corpus/``)."""
    for candidate in (PACKAGE_DIR / "_corpus", PACKAGE_DIR.parent.parent / "corpus"):
        if (candidate / "documents.json").is_file():
            return candidate
    raise FileNotFoundError(f"no corpus found next to {PACKAGE_DIR}; set ${CORPUS_ENV} or pass a folder: "
                            "kjpacts.load(path)")


def package_data(name: str) -> Path:
    """Path of a file shipped in ``kjpacts/data``."""
    return PACKAGE_DIR / "data" / name


def schema_path(name: str) -> Path:
    """The kit's own JSON Schema ``schemas/<name>.json``: schemas come with the kit, since the
    folder being checked may be the broken one (or a new story without schemas).

    Not ``<name>.schema.json``: Frictionless reads any file whose name ends in ``schema.json``
    as a Table Schema (``frictionless validate`` failed on every one of them).
    """
    return shipped_corpus_dir() / "schemas" / f"{name}.json"


def course_root() -> Path:
    """The checkout that holds ``notebooks/`` (the course ships with the repository, not the wheel)."""
    root = PACKAGE_DIR.parent.parent
    if not (root / "notebooks").is_dir():
        raise FileNotFoundError(f"no notebooks/ folder beside {PACKAGE_DIR}: the lessons come with the "
                                "repository; clone it and run `make lab` there")
    return root
