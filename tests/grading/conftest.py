"""Fixtures of the grading tests: a copy of the course folder in a temporary folder, with
every problem set generated, simulated submissions collected and autograded in one batch per
problem set. Timings are printed at the end of the run.

By default (and in CI) the full adversarial suite runs on all six problem sets (about 7.5
minutes on 2 cores). ``KJPACTS_GRADING_SUITE=quick`` runs it on two and a reduced suite on the
other four, for a faster local loop.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import subs

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
PROBLEM_SETS = sorted(p.name for p in (EXERCISES / "source").iterdir() if p.is_dir())
FULL_SETS = ("ps01-provenance-and-dating", "ps03-who-speaks")
TIMEOUT = os.environ.get("KJPACTS_GRADING_TIMEOUT", "10")  # seconds per cell in the tests
TIMINGS: dict[str, float] = {}


def pytest_configure(config):
    config.addinivalue_line("markers", "grading: runs nbgrader and the grading sandbox (slow)")


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("grading timings")
        for what, secs in TIMINGS.items():
            terminalreporter.write_line(f"{secs:7.1f} s  {what}")


def suite(ps: str) -> tuple[str, ...]:
    if os.environ.get("KJPACTS_GRADING_SUITE", "full") != "quick" or ps in FULL_SETS:
        return subs.FULL_SUITE
    return subs.REDUCED_SUITE


def grade(course: Path, *args: str, check: bool = True, timeout: int = 1200) -> subprocess.CompletedProcess:
    """``kjpacts grade --course COURSE ARGS`` with this Python (which runs ``python -m nbgrader``)."""
    cmd = [sys.executable, "-m", "kjpacts.cli", "grade", "--course", str(course), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_course(dest: Path) -> Path:
    """The course folder as an instructor would have it: config, sources, releases."""
    dest.mkdir(parents=True)
    shutil.copy2(EXERCISES / "nbgrader_config.py", dest / "nbgrader_config.py")
    shutil.copytree(EXERCISES / "source", dest / "source")
    shutil.copytree(EXERCISES / "release", dest / "release")
    return dest


def read_status(course: Path) -> dict[tuple[str, str], dict]:
    with open(course / "reports" / "status.csv", newline="", encoding="utf-8") as fh:
        return {(r["assignment"], r["student_id"]): r for r in csv.DictReader(fh)}


def sandbox_problem() -> str | None:
    from kjpacts.grading.sandbox import bwrap_available

    return bwrap_available()


def generated_course(tmp_path_factory, name: str, *problem_sets: str) -> Path:
    """A fresh course copy with ``problem_sets`` (default: all) generated; skips without a sandbox."""
    problem = sandbox_problem()
    if problem:
        pytest.skip(f"grading sandbox unavailable: {problem}")
    root = copy_course(tmp_path_factory.mktemp(name) / "course")
    grade(root, "generate", *problem_sets)
    return root


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Path:
    t = time.time()
    root = generated_course(tmp_path_factory, "grading")
    TIMINGS[f"generate {len(PROBLEM_SETS)} problem sets"] = time.time() - t
    return root


@pytest.fixture(scope="session")
def graded(course) -> dict:
    """Every problem set's simulated class, collected and autograded (one batch per set)."""
    incoming = course.parent / "incoming"
    record = course.parent / "sent-to-kernels.jsonl"  # every message sent to a kernel (SandboxExecute)
    os.environ["KJPACTS_RECORD_KERNEL_INPUT"] = str(record)
    problems, outputs = {}, {}
    total = 0.0
    for ps in PROBLEM_SETS:
        prob = subs.Problem(course, ps)
        problems[ps] = prob
        for variant in suite(ps):
            content, fname = prob.variant(variant, course)
            subs.write_submission(incoming / ps, variant, content, fname)
        grade(course, "collect", ps, "--from", str(incoming / ps))
        t = time.time()
        outputs[ps] = grade(course, "autograde", ps, "--timeout", TIMEOUT)
        took = time.time() - t
        total += took
        TIMINGS[f"autograde {ps}: {len(suite(ps))} submissions"] = took
    TIMINGS["autograde, all problem sets"] = total
    os.environ.pop("KJPACTS_RECORD_KERNEL_INPUT", None)
    return {"course": course, "problems": problems, "status": read_status(course), "outputs": outputs,
            "sent": record}
