"""``python -m bench`` (``make bench``): measure the course against its floors, write BENCHMARKS.md.

Every figure is a median of repeated runs, taken in this one run so that the
machine's drift cancels out of each ratio. Rows:

- P1 the whole course headless (lessons + exercise solutions) vs a bare kernel running
  ``import kjpacts; kjpacts.load()`` per notebook;
- P2 widget callback latency (``bench/widgets_bench.py``), on the corpus and on 10x/100x
  resampled corpora;
- P3 a fresh process that loads the corpus and prints the first concordance vs plain
  NLTK doing the same on the raw files;
- P4 autograding (``bench/grading_bench.py``) vs plain execution;
- P5 environment size on disk (and, with ``--clone``, fresh clone to a green suite);
- kernel memory after ``import kjpacts; kjpacts.load()``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run_notebook(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import kjpacts\ncorpus = kjpacts.load()")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def course_notebooks() -> list[Path]:
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    solutions = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
    return lessons + solutions


def p1(repeat: int) -> dict:
    notebooks = course_notebooks()
    with tempfile.TemporaryDirectory() as tmp:
        floor_path = Path(tmp, "floor.ipynb")
        nbformat.write(floor_notebook(), floor_path)
        floor = median_time(lambda: [run_notebook(floor_path) for _ in notebooks], repeat)
    course = median_time(lambda: [run_notebook(p) for p in notebooks], repeat)
    return {"id": "P1", "measure": f"whole course headless ({len(notebooks)} notebooks)", "figure": f"{course:.1f} s",
            "floor": f"{floor:.1f} s (bare kernel + kjpacts.load() per notebook)", "ratio": course / floor, "goal": "≤ 1.5×",
            "met": course / floor <= 1.5}


def p2(repeat: int) -> list[dict]:
    """Widget callback latency per corpus size, and the per-widget growth curve as a note."""
    from bench.widgets_bench import run

    data = run(factors=(1, 10, 100), repeat=repeat)
    rows, curve = [], {}
    for label, goal in (("corpus", 50), ("10x synthetic", 150), ("100x synthetic", 150)):
        sub = [r for r in data if r["corpus"] == label]
        worst = max(sub, key=lambda r: r["p95_ms"])
        rows.append({"id": "P2", "measure": f"widget callback latency, {len(sub)} widgets, {label} "
                     f"({sub[0]['characters']:,} chars)",
                     "figure": f"median ≤ {max(r['median_ms'] for r in sub):.1f} ms; p95 ≤ {worst['p95_ms']:.1f} ms ({worst['widget']})",
                     "floor": "—", "ratio": None, "goal": f"p95 ≤ {goal} ms", "met": worst["p95_ms"] <= goal})
        for r in sub:
            curve.setdefault(r["widget"], {})[label] = r["p95_ms"]
    table = "; ".join(f"{w}: " + " → ".join(f"{v:.1f}" for v in sizes.values()) for w, sizes in curve.items())
    rows[-1]["note"] = f"P2 growth curve, p95 ms at 1× → 10× → 100×: {table}."
    return rows


P3_KIT = "import kjpacts, nltk\nc = kjpacts.load()\nnltk.Text(c.reader().words()).concordance('pact', lines=1)\n"
P3_PLAIN = (
    "import nltk, pathlib\n"
    "from nltk.tokenize import WordPunctTokenizer\n"
    "words = [w for p in sorted(pathlib.Path('corpus/raw').glob('*.txt')) "
    "for w in WordPunctTokenizer().tokenize(p.read_text(encoding='utf-8'))]\n"
    "nltk.Text(words).concordance('pact', lines=1)\n"
)


def p3(repeat: int) -> dict:
    def run(code: str) -> None:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)

    kit = median_time(lambda: run(P3_KIT), repeat)
    plain = median_time(lambda: run(P3_PLAIN), repeat)
    return {"id": "P3", "measure": "fresh process: load corpus, print first concordance", "figure": f"{kit:.2f} s",
            "floor": f"{plain:.2f} s (plain NLTK on the raw files)", "ratio": kit / plain, "goal": "≤ 1.2×",
            "met": kit / plain <= 1.2}


def kernel_memory() -> dict:
    code = ("import resource, kjpacts; kjpacts.load().annotations\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True, text=True)
    mb = int(out.stdout.strip()) / 1024
    return {"id": "M", "measure": "peak memory of a process after import kjpacts + load()", "figure": f"{mb:.0f} MB",
            "floor": "—", "ratio": None, "goal": "—", "met": None}


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


TEST_ONLY = ("playwright", "pytest", "pytest-socket", "pytest-timeout", "greenlet", "pyee", "pluggy", "iniconfig",
             "pyinstrument")


def dist_size(name: str) -> int:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution(name)
    except PackageNotFoundError:
        return 0
    total = 0
    for f in dist.files or []:
        path = Path(dist.locate_file(f))
        if path.is_file():
            total += path.stat().st_size
    return total


def p5(clone: bool) -> dict:
    from importlib.metadata import distributions

    size = dir_size(Path(sys.prefix)) / 1e6
    test_tools = sum(dist_size(n) for n in TEST_ONLY) / 1e6
    biggest = sorted(((dist_size(d.metadata["Name"]) / 1e6, d.metadata["Name"]) for d in distributions()), reverse=True)[:8]
    figure = f"student install {size - test_tools:.0f} MB (+{test_tools:.0f} MB test tools = {size:.0f} MB)"
    met = size - test_tools <= 500
    if clone:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["git", "clone", "-q", str(ROOT), f"{tmp}/main"], check=True)
            os.symlink(ROOT.parent / "shared", f"{tmp}/shared")
            t0 = time.perf_counter()
            subprocess.run(["make", "test"], cwd=f"{tmp}/main", check=True, capture_output=True)
            minutes = (time.perf_counter() - t0) / 60
        figure += f"; fresh clone to green {minutes:.1f} min"
        met = met and minutes <= 15
    return {"id": "P5", "measure": "environment size" + (" and fresh clone to green suite" if clone else ""),
            "figure": figure, "floor": "—", "ratio": None, "goal": "≤ 500 MB; ≤ 15 min", "met": met,
            "note": "P5 largest installed distributions (MB): " + ", ".join(f"{n} {m:.0f}" for m, n in biggest)}


def p4(n: int = 100) -> list[dict]:
    """Sandboxed autograding of a simulated class vs plain execution (bench/grading_bench.py)."""
    from bench.grading_bench import run

    r = run(n=n)
    if "skipped" in r:
        return [{"id": "P4", "measure": "autograding", "figure": f"skipped: {r['skipped']}", "floor": "—",
                 "ratio": None, "goal": "≤ 1.5×; class ≤ 3 min", "met": None}]
    per = r["autograde_per_submission_s"]
    plain = r.get("plain_s")
    return [
        {"id": "P4", "measure": f"autograde per submission ({r['problem_set']}, sandboxed)", "figure": f"{per:.2f} s",
         "floor": f"{plain / n:.2f} s (plain nbclient execution of the same notebooks)",
         "ratio": r.get("ratio_autograde_to_plain"), "goal": "≤ 1.5×",
         "met": r.get("ratio_autograde_to_plain") is not None and r["ratio_autograde_to_plain"] <= 1.5,
         "note": f"P4 details: {json.dumps(r, sort_keys=True)}"},
        {"id": "P4", "measure": f"autograde a class of {n} on {r['cores']} cores", "figure": f"{r['autograde_s']:.0f} s",
         "floor": f"{plain:.0f} s plain", "ratio": r.get("ratio_autograde_to_plain"), "goal": "≤ 180 s",
         "met": r["autograde_s"] <= 180},
    ]


def guarded(name: str, fn, *args) -> list[dict]:
    """Run one measurement; a failure becomes a row that says so instead of losing the others."""
    try:
        out = fn(*args)
        return out if isinstance(out, list) else [out]
    except Exception as exc:  # a benchmark report must still be written
        return [{"id": name, "measure": f"{name} failed: {type(exc).__name__}: {exc}", "figure": "—", "floor": "—",
                 "ratio": None, "goal": "—", "met": False}]


def markdown(rows: list[dict]) -> str:
    lines = ["# Benchmarks", "", "Generated by `make bench` (`python -m bench`); medians of repeated runs in one run,",
             f"on {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}.", "",
             "| id | measure | figure | floor or peer | ratio | goal | met |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = "—" if r.get("ratio") is None else f"{r['ratio']:.2f}×"
        met = {True: "yes", False: "**no**", None: "—"}[r.get("met")]
        lines.append(f"| {r['id']} | {r['measure']} | {r['figure']} | {r['floor']} | {ratio} | {r['goal']} | {met} |")
    notes = [r["note"] for r in rows if r.get("note")]
    if notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--clone", action="store_true", help="also time a fresh clone to a green suite (slow)")
    parser.add_argument("--class-size", type=int, default=100)
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    args = parser.parse_args(argv)
    rows = guarded("P1", p1, args.repeat)
    rows += guarded("P2", p2, args.repeat)
    rows += guarded("P3", p3, max(args.repeat, 5))
    rows += guarded("P4", p4, args.class_size)
    rows += guarded("P5", p5, args.clone) + guarded("M", kernel_memory)
    Path(args.out).write_text(markdown(rows), encoding="utf-8")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
