"""The course folder and how the wrapper runs nbgrader in it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kjpacts.paths import course_root

from .sandbox import install_kernelspec


class GradingError(RuntimeError):
    """A problem the instructor must fix; the message says how."""


NEEDS_NBGRADER = ("kjpacts grade {cmd} needs nbgrader, which is part of the instructor tools: "
                  "make instructor (or pip install -e '.[instructor]' in the repository, or pip install 'kjpacts[instructor]')")


def nbgrader_missing(cmd: str) -> str | None:
    """The message to show when nbgrader cannot be imported, else None."""
    try:
        import nbgrader  # noqa: F401
    except ImportError:
        return NEEDS_NBGRADER.format(cmd=cmd)
    return None


def require_nbgrader(cmd: str) -> None:
    """Stop with a clear message when nbgrader (the ``instructor`` extra) is not installed."""
    problem = nbgrader_missing(cmd)
    if problem:
        raise GradingError(problem)


def repo_course_dir() -> Path:
    """``exercises/`` of the repository this package lives in."""
    return course_root() / "exercises"


@dataclass
class Course:
    root: Path

    @classmethod
    def find(cls, path: str | Path | None = None) -> "Course":
        if path is None:
            env = os.environ.get("KJPACTS_COURSE_DIR")
            here = Path.cwd()
            if env:
                path = Path(env)
            elif (here / "nbgrader_config.py").is_file():
                path = here
            else:
                path = repo_course_dir()
        root = Path(path).resolve()
        if not (root / "nbgrader_config.py").is_file():
            raise GradingError(f"{root}: no nbgrader_config.py here; pass the course folder with --course")
        return cls(root)

    # folders ---------------------------------------------------------------
    @property
    def source(self) -> Path:
        return self.root / "source"

    @property
    def release(self) -> Path:
        return self.root / "release"

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    @property
    def autograded(self) -> Path:
        return self.root / "autograded"

    @property
    def feedback(self) -> Path:
        return self.root / "feedback"

    @property
    def private(self) -> Path:
        """``.grading/``: the wrapper's own files (kernelspec, logs, backups, reports)."""
        p = self.root / ".grading"
        p.mkdir(exist_ok=True)
        return p

    @property
    def reports(self) -> Path:
        p = self.root / "reports"
        p.mkdir(exist_ok=True)
        return p

    @property
    def gradebook(self) -> Path:
        return self.root / "gradebook.db"

    def assignments(self) -> list[str]:
        """Problem sets in ``source/`` (or in ``release/`` for a student-only copy)."""
        folder = self.source if self.source.is_dir() else self.release
        if not folder.is_dir():
            return []
        return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))

    def check_assignment(self, ps: str) -> str:
        names = self.assignments()
        if ps not in names:
            close = [n for n in names if n.startswith(ps)]
            if len(close) == 1:
                return close[0]
            raise GradingError(f"no problem set {ps!r} in {self.source}; choose one of: {', '.join(names)}")
        return ps

    def backup(self, path: Path, why: str) -> Path:
        """Move ``path`` into ``.grading/backups/<time>/`` (never delete)."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        dest = self.private / "backups" / stamp / path.relative_to(self.root)
        n = 1
        while dest.exists():
            dest = dest.with_name(f"{dest.name}.{n}")
            n += 1
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), str(dest))
        with open(self.private / "backups" / "LOG.txt", "a", encoding="utf-8") as fh:
            fh.write(f"{stamp}\t{path.relative_to(self.root)}\t{dest.relative_to(self.root)}\t{why}\n")
        return dest

    # nbgrader -----------------------------------------------------------------
    def env(self, events: Path | None = None) -> dict[str, str]:
        """Environment for nbgrader: the sandbox kernelspec on JUPYTER_PATH, the event log."""
        env = dict(os.environ)
        # nbgrader runs `alembic` from PATH: put this Python's scripts folder first
        scripts = str(Path(sys.executable).parent)
        env["PATH"] = os.pathsep.join([scripts] + [p for p in env.get("PATH", "").split(os.pathsep) if p and p != scripts])
        kernels = self.private / "jupyter"
        install_kernelspec(kernels)
        env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(kernels), env.get("JUPYTER_PATH", "")) if p)
        env["KJPACTS_COURSE_DIR"] = str(self.root)
        env["KJPACTS_GRADEBOOK"] = str(self.gradebook)
        if events is not None:
            env["KJPACTS_GRADING_EVENTS"] = str(events)
        env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
        return env

    def nbgrader(self, *args: str, events: Path | None = None, log: Path | None = None,
                 check: bool = False) -> subprocess.CompletedProcess:
        """Run ``python -m nbgrader ARGS`` in the course folder (same Python as kjpacts)."""
        cmd = [sys.executable, "-m", "nbgrader", *args]
        proc = subprocess.run(cmd, cwd=self.root, env=self.env(events), capture_output=True, text=True)
        if log is not None:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(f"$ {' '.join(cmd)}\n{proc.stdout}{proc.stderr}\n[exit {proc.returncode}]\n")
        if check and proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise GradingError(f"nbgrader {args[0]} failed (exit {proc.returncode}):\n{tail}")
        return proc

