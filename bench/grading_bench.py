"""Benchmark: sandboxed autograding of a simulated class against plain execution.

``run(n=100)`` builds a class of ``n`` submissions of one problem set (mostly
correct, some blank, some half done), autogrades them with ``kjpacts grade
autograde`` (one nbgrader batch, bubblewrap kernel) and executes the same
notebooks without nbgrader:

- ``plain``: nbclient with the stock ``python3`` kernel, one notebook after another;
- ``plain-same-kernel``: nbclient with the grading kernel's entry point but no
  sandbox (the grading kernel skips one slow optional import, see
  ``kjpacts.grading.kernel``), which isolates the cost of nbgrader + sandbox.

It returns a dict of timings and ratios; ``python bench/grading_bench.py [N]``
prints it as JSON. Not run by the test suite (a class of 100 takes minutes).
"""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "exercises"


def _strip(src: str) -> str:
    return "\n".join(ln for ln in src.splitlines() if "### BEGIN SOLUTION" not in ln and "### END SOLUTION" not in ln)


def simulated_class(course: Path, ps: str, n: int) -> dict[str, object]:
    """``n`` notebooks: 80 % solution, 10 % blank, 10 % only the first two answers."""
    import nbformat

    release = nbformat.read(course / "release" / ps / f"{ps}.ipynb", as_version=4)
    source = nbformat.read(course / "source" / ps / f"{ps}.ipynb", as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: _strip(c.source)
               for c in source.cells if c.metadata.get("nbgrader", {}).get("solution")}
    order = [g for g in answers if g.endswith("-answer")]
    out = {}
    for i in range(n):
        nb = copy.deepcopy(release)
        kind = "blank" if i % 10 == 0 else "partial" if i % 10 == 1 else "solution"
        keep = {"solution": set(answers), "partial": set(order[:2]), "blank": set()}[kind]
        for c in nb.cells:
            gid = c.metadata.get("nbgrader", {}).get("grade_id")
            if gid in keep:
                c.source = answers[gid]
        out[f"student{i:03d}"] = nb
    return out


def _grade(course: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "kjpacts.cli", "grade", "--course", str(course), *args]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def _plain(notebooks: dict, workdir: Path, kernel_name: str, timeout: int) -> float:
    import nbformat
    from nbclient import NotebookClient

    start = time.perf_counter()
    for student, nb in notebooks.items():
        folder = workdir / kernel_name / student
        folder.mkdir(parents=True)
        run = nbformat.from_dict(copy.deepcopy(nb))
        NotebookClient(run, kernel_name=kernel_name, timeout=timeout, allow_errors=True,
                       resources={"metadata": {"path": str(folder)}}).execute()
    return time.perf_counter() - start


def run(n: int = 100, ps: str = "ps01-provenance-and-dating", timeout: int = 30,
        workdir: str | Path | None = None, plain_runs: tuple[str, ...] = ("plain", "plain-same-kernel")) -> dict:
    """Autograde ``n`` simulated submissions and execute them plainly; return timings."""
    import nbformat

    from kjpacts.grading.sandbox import bwrap_available

    problem = bwrap_available()
    if problem:
        return {"skipped": problem}
    tmp = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="kjpacts-grading-bench-"))
    course = tmp / "course"
    if course.exists():
        shutil.rmtree(course)
    course.mkdir(parents=True)
    shutil.copy2(EXERCISES / "nbgrader_config.py", course)
    shutil.copytree(EXERCISES / "source" / ps, course / "source" / ps)
    shutil.copytree(EXERCISES / "release" / ps, course / "release" / ps)
    result: dict = {"n": n, "problem_set": ps, "cores": os.cpu_count(), "timeout_per_cell_s": timeout}

    t = time.perf_counter()
    _grade(course, "generate", ps)
    result["generate_s"] = round(time.perf_counter() - t, 1)

    notebooks = simulated_class(course, ps, n)
    incoming = tmp / "incoming"
    for student, nb in notebooks.items():
        (incoming / student).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, incoming / student / f"{ps}.ipynb")
    _grade(course, "collect", ps, "--from", str(incoming))

    t = time.perf_counter()
    _grade(course, "autograde", ps, "--timeout", str(timeout))
    result["autograde_s"] = round(time.perf_counter() - t, 1)
    import csv

    with open(course / "reports" / "status.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["assignment"] == ps]
    result["statuses"] = dict(Counter(r["status"] for r in rows))
    result["mean_autograded_score"] = round(sum(float(r["autograded_score"] or 0) for r in rows) / max(1, len(rows)), 2)

    t = time.perf_counter()
    _grade(course, "feedback", ps)
    result["feedback_s"] = round(time.perf_counter() - t, 1)

    plain_dir = tmp / "plain"
    if "plain" in plain_runs:
        result["plain_s"] = round(_plain(notebooks, plain_dir, "python3", timeout), 1)
    if "plain-same-kernel" in plain_runs:
        from kjpacts.grading.sandbox import kernelspec

        spec_root = tmp / "jupyter" / "kernels" / "kjpacts-plain"
        spec_root.mkdir(parents=True, exist_ok=True)
        spec = kernelspec()
        spec["argv"] = [sys.executable, "-m", "kjpacts.grading.kernel", "-f", "{connection_file}"]
        spec["display_name"] = "kjpacts grading kernel, no sandbox (bench)"
        (spec_root / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
        old = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(tmp / "jupyter"), old) if p)
        try:
            result["plain_same_kernel_s"] = round(_plain(notebooks, plain_dir, "kjpacts-plain", timeout), 1)
        finally:
            if old is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = old
    a = result["autograde_s"]
    result["autograde_per_submission_s"] = round(a / n, 2)
    if "plain_s" in result:
        result["ratio_autograde_to_plain"] = round(a / result["plain_s"], 2)
    if "plain_same_kernel_s" in result:
        result["ratio_autograde_to_plain_same_kernel"] = round(a / result["plain_same_kernel_s"], 2)
    if not workdir:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 100
    print(json.dumps(run(n), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
