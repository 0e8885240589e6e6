"""Run a copy of a notebook, with everything around it linked in."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

_NEVER_LINK = {".git", "test-artifacts", ".ipynb_checkpoints", "__pycache__", ".pytest_cache"}


def stage_notebook(repo_root: str | os.PathLike, notebook: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy ``notebook`` to the same relative place under ``dest``; return the copy.

    Running dirties a notebook, so tests run a copy.  So that relative paths such as
    ``../corpus/clean/x.txt`` or a data file beside the notebook keep working, every other
    entry along the way (siblings of the notebook and of each of its parent folders,
    up to ``repo_root``) is symlinked, not copied: treat them as read-only.
    """
    repo_root, notebook, dest = Path(repo_root).resolve(), Path(notebook).resolve(), Path(dest)
    rel = notebook.relative_to(repo_root)
    src_dir, dst_dir = repo_root, dest
    for part in rel.parts:
        dst_dir.mkdir(parents=True, exist_ok=True)
        for entry in src_dir.iterdir():
            if entry.name != part and entry.name not in _NEVER_LINK and not (dst_dir / entry.name).exists():
                (dst_dir / entry.name).symlink_to(entry)
        src_dir, dst_dir = src_dir / part, dst_dir / part
    shutil.copyfile(notebook, dst_dir)
    return dst_dir
