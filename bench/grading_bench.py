"""Benchmark: sandboxed autograding of a simulated class against plain execution.

``run(n=100)`` builds a class of ``n`` submissions of one problem set (mostly
correct, some blank, some half done) and times, in one run:

- ``autograde --jobs 1``: ``kjpacts grade autograde`` as one nbgrader batch
  (bubblewrap kernel), one submission after another;
- ``plain``: nbclient with the stock ``python3`` kernel, one notebook after
  another: the floor for the per-submission ratio;
- ``autograde --jobs J`` (J = cores): the class split into J shards graded at
  once and merged into the gradebook (``kjpacts.grading.shards``);
- ``plain-parallel``: the same notebooks plainly, in J processes at once: the
  floor for the class ratio.

The cost of judging the tests outside the kernel is reported on its own, from the grader's
event log (``judge-timing`` events of ``SandboxExecute``): ``judge_s`` is the time spent in the
trusted judge for the whole class (the test code, its requests to the kernel and their
answers), ``judge_requests_s`` the part spent waiting for the kernel's answers, and
``judge_share`` their part of the serial autograde time.

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


def _plain_worker(args: tuple) -> float:
    notebooks, workdir, kernel_name, timeout = args
    import nbformat

    return _plain({s: nbformat.from_dict(nb) for s, nb in notebooks.items()}, Path(workdir), kernel_name, timeout)


def _plain_parallel(notebooks: dict, workdir: Path, jobs: int, timeout: int) -> float:
    """The notebooks split round-robin over ``jobs`` processes, executed plainly at once."""
    from concurrent.futures import ProcessPoolExecutor

    names = sorted(notebooks)
    shards = [{s: notebooks[s] for s in names[k::jobs]} for k in range(jobs)]
    start = time.perf_counter()
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_plain_worker, [(sh, workdir / f"w{k}", "python3", timeout) for k, sh in enumerate(shards)]))
    return time.perf_counter() - start


def _autograde(course: Path, ps: str, timeout: int, jobs: int, regrade: bool) -> float:
    args = ["autograde", ps, "--timeout", str(timeout), "--jobs", str(jobs)] + (["--regrade"] if regrade else [])
    t = time.perf_counter()
    _grade(course, *args)
    return round(time.perf_counter() - t, 1)


def judge_cost(course: Path, ps: str) -> dict:
    """Totals of the ``judge-timing`` events of the latest autograde of ``ps``."""
    logs = sorted((course / ".grading" / "logs").glob(f"*-events-{ps}.jsonl"))
    rows = [json.loads(line) for line in logs[-1].read_text(encoding="utf-8").splitlines()] if logs else []
    timing = [r for r in rows if r.get("event") == "judge-timing"]
    return {"judge_s": round(sum(r["judge_s"] for r in timing), 2),
            "judge_requests_s": round(sum(r["requests_s"] for r in timing), 2),
            "judge_requests": sum(r["requests"] for r in timing), "judged_notebooks": len(timing)}


def run(n: int = 100, ps: str = "ps01-provenance-and-dating", timeout: int = 30,
        workdir: str | Path | None = None) -> dict:
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

    jobs = os.cpu_count() or 1
    result["jobs"] = jobs
    result["autograde_serial_s"] = _autograde(course, ps, timeout, 1, regrade=False)
    result.update(judge_cost(course, ps))
    result["judge_per_submission_s"] = round(result["judge_s"] / n, 3)
    result["judge_share"] = round(result["judge_s"] / result["autograde_serial_s"], 3)
    import csv

    with open(course / "reports" / "status.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["assignment"] == ps]
    result["statuses"] = dict(Counter(r["status"] for r in rows))
    result["mean_autograded_score"] = round(sum(float(r["autograded_score"] or 0) for r in rows) / max(1, len(rows)), 2)
    result["autograde_parallel_s"] = _autograde(course, ps, timeout, jobs, regrade=True)
    with open(course / "reports" / "status.csv", newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["assignment"] == ps]
    result["mean_autograded_score_parallel"] = round(
        sum(float(r["autograded_score"] or 0) for r in rows) / max(1, len(rows)), 2)

    t = time.perf_counter()
    _grade(course, "feedback", ps)
    result["feedback_s"] = round(time.perf_counter() - t, 1)

    plain_dir = tmp / "plain"
    result["plain_s"] = round(_plain(notebooks, plain_dir / "serial", "python3", timeout), 1)
    result["plain_parallel_s"] = round(_plain_parallel(notebooks, plain_dir / "parallel", jobs, timeout), 1)
    result["autograde_per_submission_s"] = round(result["autograde_serial_s"] / n, 2)
    result["plain_per_submission_s"] = round(result["plain_s"] / n, 2)
    result["ratio_serial"] = round(result["autograde_serial_s"] / result["plain_s"], 2)
    result["ratio_parallel"] = round(result["autograde_parallel_s"] / result["plain_parallel_s"], 2)
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
