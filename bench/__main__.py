"""``python -m bench`` (``make bench``): measure the course against its floors, write BENCHMARKS.md.

Every figure is a median of repeated runs, taken in this one run so that the
machine's drift cancels out of each ratio. Rows:

- P1 the whole course headless (lessons + exercise solutions) vs a bare kernel running
  ``import kjpacts; kjpacts.load()`` per notebook, and vs a peer floor that also imports the
  third-party libraries each notebook ends up importing;
- P2 widget callback latency (``bench/widgets_bench.py``), on the corpus and on 10x/100x
  resampled corpora;
- P3 a fresh process that loads the corpus and prints the first concordance vs plain
  NLTK doing the same on the raw files;
- P4 autograding (``bench/grading_bench.py``) vs plain execution;
- P5 sizes of fresh student / instructor / test environments, and a fresh clone to a
  green ``make test`` (skip with ``--no-clone``);
- M resident memory of a real kernel: bare, after loading the kit, after typical use;
- H a JupyterHub class on this machine (``bench/hub_bench.py``), N = 5 and N = 20.
"""

from __future__ import annotations

import argparse
import copy
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


def run_notebook(path: Path | nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb = nbformat.read(path, as_version=4) if isinstance(path, Path) else path
    with tempfile.TemporaryDirectory() as tmp:
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": tmp}}).execute()
    return nb


def floor_notebook(libraries: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """The issue's floor (``import kjpacts; kjpacts.load()``), plus ``libraries`` for the peer row."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import kjpacts\ncorpus = kjpacts.load()"
                                          + "".join(f"\nimport {lib}" for lib in libraries))]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def course_notebooks() -> list[Path]:
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    solutions = sorted((ROOT / "exercises" / "source").glob("*/*.ipynb"))
    return lessons + solutions


#: Third-party libraries the lessons use through the kit or directly (the design card's and the NLTK book's).
LIBRARIES = ("nltk", "pandas", "ipywidgets", "matplotlib.pyplot")


def libraries_used(path: Path) -> tuple[str, ...]:
    """Which of LIBRARIES a notebook has imported once it has run to the end."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(f"import sys\nprint(' '.join(m for m in {LIBRARIES!r} if m in sys.modules))"))
    out = run_notebook(nb).cells[-1].outputs
    return tuple("".join(o.get("text", "") for o in out).split())


def p1(repeat: int) -> list[dict]:
    notebooks = course_notebooks()
    used = {p: libraries_used(p) for p in notebooks}
    floors = {p: floor_notebook() for p in notebooks}
    peers = {p: floor_notebook(used[p]) for p in notebooks}
    times: dict[str, list[float]] = {"course": [], "floor": [], "peer": []}
    for _ in range(repeat):  # interleaved, so that drift hits all three alike
        for name, runs in (("floor", floors), ("peer", peers), ("course", {p: p for p in notebooks})):
            t0 = time.perf_counter()
            for nb in runs.values():
                run_notebook(copy.deepcopy(nb) if isinstance(nb, nbformat.NotebookNode) else nb)
            times[name].append(time.perf_counter() - t0)
    course, floor, peer = (statistics.median(times[k]) for k in ("course", "floor", "peer"))
    counts = {lib: sum(lib in u for u in used.values()) for lib in LIBRARIES}
    return [
        {"id": "P1", "measure": f"whole course headless ({len(notebooks)} notebooks)", "figure": f"{course:.1f} s",
         "floor": f"{floor:.1f} s (bare kernel + kjpacts.load() per notebook)", "ratio": course / floor,
         "goal": "≤ 1.5×", "met": course / floor <= 1.5},
        {"id": "P1", "measure": "the same, against a peer floor that also imports the libraries each notebook uses",
         "figure": f"{course:.1f} s", "floor": f"{peer:.1f} s (bare kernel + kjpacts.load() + those imports)",
         "ratio": course / peer, "goal": "—", "met": None,
         "note": "P1 libraries imported (notebooks of " + str(len(notebooks)) + "): "
                 + ", ".join(f"{lib} {n}" for lib, n in counts.items())},
    ]


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

    kits, plains = [], []
    for _ in range(repeat):  # interleaved, so that drift hits both alike
        kits.append(median_time(lambda: run(P3_KIT), 1))
        plains.append(median_time(lambda: run(P3_PLAIN), 1))
    kit, plain = statistics.median(kits), statistics.median(plains)
    return {"id": "P3", "measure": "fresh process: load corpus, print first concordance", "figure": f"{kit:.2f} s",
            "floor": f"{plain:.2f} s (plain NLTK on the raw files)", "ratio": kit / plain, "goal": "≤ 1.2×",
            "met": kit / plain <= 1.2}


KERNEL_RSS = "import re; print(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status').read()).group(1))"


def kernel_memory(repeat: int = 3) -> list[dict]:
    """Resident memory of a real ipykernel: bare, after loading the kit, after a lesson's worth of use."""
    from jupyter_client.manager import start_new_kernel

    stages = {
        "bare kernel": "",
        "import kjpacts; kjpacts.load()": "import kjpacts\ncorpus = kjpacts.load()",
        "+ annotations, NLTK reader words, a DataFrame": (
            "corpus.annotations\nimport nltk\nnltk.Text(corpus.reader().words())\ncorpus.frame('quotes')"),
    }
    runs: dict[str, list[float]] = {k: [] for k in stages}
    for _ in range(repeat):
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
        try:
            for stage, code in stages.items():
                out: list[str] = []
                if code:
                    kc.execute_interactive(code, timeout=120, output_hook=lambda m: None)
                kc.execute_interactive(KERNEL_RSS, timeout=60,
                                       output_hook=lambda m: out.append(m["content"].get("text", "")))
                runs[stage].append(int("".join(out).strip()) / 1024)
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
    med = {k: statistics.median(v) for k, v in runs.items()}
    bare = med["bare kernel"]
    rows = []
    for stage in list(stages)[1:]:
        rows.append({"id": "M", "measure": f"kernel resident memory: {stage}", "figure": f"{med[stage]:.0f} MB",
                     "floor": f"{bare:.0f} MB (bare ipykernel)", "ratio": med[stage] / bare, "goal": "—", "met": None})
    return rows


def dir_size(path: Path) -> int:
    """Bytes on disk (allocated blocks, as ``du`` counts them)."""
    return sum(p.lstat().st_blocks * 512 for p in path.rglob("*") if not p.is_symlink())


def _pip(venv: Path, *args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *args], check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def _use_like_a_student(venv: Path) -> None:
    """Run every lesson notebook and start JupyterLab once in ``venv`` (Python caches the bytecode it uses)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([str(venv / "bin" / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                            "--output-dir", out, str(nb)], cwd=ROOT, env=env, check=True, capture_output=True)
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    lab = subprocess.Popen([str(venv / "bin" / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
                            "--ServerApp.token=", "--allow-root"], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/lab", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
    finally:
        lab.terminate()
        lab.wait(30)


def biggest_distributions(venv: Path, top: int = 10) -> list[tuple[float, str]]:
    code = ("import json; from importlib.metadata import distributions; from pathlib import Path\n"
            "out = {}\n"
            "for d in distributions():\n"
            "    out[d.metadata['Name']] = sum(Path(d.locate_file(f)).stat().st_size for f in d.files or []"
            " if Path(d.locate_file(f)).is_file())\n"
            "print(json.dumps(out))")
    out = subprocess.run([str(venv / "bin" / "python"), "-c", code], check=True, capture_output=True, text=True)
    return sorted(((b / 1e6, n) for n, b in json.loads(out.stdout).items()), reverse=True)[:top]


def p5(clone: bool) -> dict:
    """Disk size of fresh environments built as `make lab`, `make instructor` and `make test` build them."""
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        _pip(venv, "--upgrade", "pip")
        base = dir_size(venv) / 1e6
        t_install = _pip(venv, "--no-compile", "-e", str(ROOT))  # as `make lab`
        installed = dir_size(venv) / 1e6
        _use_like_a_student(venv)
        used = dir_size(venv) / 1e6
        biggest = biggest_distributions(venv)
        site = next((venv / "lib").glob("python*/site-packages"))
        subprocess.run([str(venv / "bin" / "python"), "-m", "compileall", "-q", "-j", "0", str(site)],
                       capture_output=True)
        compiled = dir_size(venv) / 1e6  # what a plain `pip install` (bytecode for every module) takes
        _pip(venv, "-e", f"{ROOT}[instructor]")
        instructor = dir_size(venv) / 1e6
        _pip(venv, "-e", f"{ROOT}[test]")
        test = dir_size(venv) / 1e6
    figure = (f"student: {used:.0f} MB after running every lesson and JupyterLab once "
              f"({installed:.0f} MB as `make lab` installs it in {t_install:.0f} s, with `--no-compile`; "
              f"{compiled:.0f} MB with bytecode for every module, as plain `pip install` leaves it; "
              f"empty venv {base:.0f} MB); + instructor tools {instructor - compiled:.0f} MB; "
              f"+ test tools {test - instructor:.0f} MB")
    met = used <= 500
    measure = "environment size on disk (du)"
    if clone:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["git", "clone", "-q", str(ROOT), f"{tmp}/main"], check=True)
            os.symlink(ROOT.parent / "shared", f"{tmp}/shared")
            t0 = time.perf_counter()
            done = subprocess.run(["make", "test"], cwd=f"{tmp}/main", capture_output=True, text=True)
            minutes = (time.perf_counter() - t0) / 60
        green = done.returncode == 0
        figure += f"; fresh clone to {'green' if green else 'FAILED'} suite in {minutes:.1f} min"
        met = met and green and minutes <= 15
        measure += "; fresh clone to a green `make test` (install + whole suite)"
    return {"id": "P5", "measure": measure, "figure": figure, "floor": "—", "ratio": None,
            "goal": "≤ 500 MB; ≤ 15 min", "met": met,
            "note": "P5 largest distributions of the student install (MB): "
                    + ", ".join(f"{n} {m:.0f}" for m, n in biggest)}


def p4(n: int = 100) -> list[dict]:
    """Sandboxed autograding of a simulated class vs plain execution (bench/grading_bench.py)."""
    from bench.grading_bench import run

    r = run(n=n)
    if "skipped" in r:
        return [{"id": "P4", "measure": "autograding", "figure": f"skipped: {r['skipped']}", "floor": "—",
                 "ratio": None, "goal": "≤ 1.5×; class ≤ 3 min", "met": None}]
    return [
        {"id": "P4", "measure": f"autograde per submission ({r['problem_set']}, sandboxed, one after another)",
         "figure": f"{r['autograde_per_submission_s']:.2f} s",
         "floor": f"{r['plain_per_submission_s']:.2f} s (plain nbclient execution of the same notebooks)",
         "ratio": r["ratio_serial"], "goal": "≤ 1.5×", "met": r["ratio_serial"] <= 1.5,
         "note": f"P4 details: {json.dumps(r, sort_keys=True)}"},
        {"id": "P4", "measure": f"autograde a class of {n} on {r['cores']} cores (--jobs {r['jobs']})",
         "figure": f"{r['autograde_parallel_s']:.0f} s",
         "floor": f"{r['plain_parallel_s']:.0f} s plain, {r['jobs']} processes", "ratio": r["ratio_parallel"],
         "goal": "≤ 180 s", "met": r["autograde_parallel_s"] <= 180},
        {"id": "P4", "measure": "of which: judging the tests outside the kernel (trusted judge, its requests "
                                "to the kernel and their answers), per submission",
         "figure": f"{r['judge_per_submission_s']:.3f} s ({r['judge_requests']} requests for {n})",
         "floor": f"{r['autograde_per_submission_s']:.2f} s (the whole autograde per submission)",
         "ratio": r["judge_share"], "goal": "reported", "met": None},
    ]


def story_quality() -> list[dict]:
    """Q rows: `kjpacts new` scored on hand-annotated pages (bench/story_eval.py)."""
    from bench.story_eval import all_rows

    return all_rows()


def guarded(name: str, fn, *args) -> list[dict]:
    """Run one measurement; a failure becomes a row that says so instead of losing the others."""
    try:
        out = fn(*args)
        return out if isinstance(out, list) else [out]
    except Exception as exc:  # a benchmark report must still be written
        return [{"id": name, "measure": f"{name} failed: {type(exc).__name__}: {exc}", "figure": "—", "floor": "—",
                 "ratio": None, "goal": "—", "met": False}]


PROFILES = ROOT / "bench" / "profiles"
#: The rows of the last run, so that BENCHMARKS.md can be re-rendered after editing FIXES.md.
RESULTS = PROFILES / "results.json"


def _importtime(code: str, top: int = 25) -> str:
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stderr
    rows = [ln for ln in err.splitlines() if ln.startswith("import time:") and ln.split("|")[1].strip().isdigit()]
    rows.sort(key=lambda ln: int(ln.split("|")[1]), reverse=True)
    return f"python -X importtime -c {code!r}  (top {top} by cumulative microseconds)\n" + "\n".join(rows[:top]) + "\n"


def write_profiles() -> list[str]:
    """Profiles behind the P3 and P4 figures, written to bench/profiles/ (pyinstrument, -X importtime)."""
    PROFILES.mkdir(exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp, "p3_kit.py")
        script.write_text(P3_KIT, encoding="utf-8")
        out = subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "text", "--show-all", "-o",
                              str(PROFILES / "p3-kit.pyinstrument.txt"), str(script)], cwd=ROOT, capture_output=True)
        if out.returncode == 0:
            written.append("p3-kit.pyinstrument.txt")
    for name, code in {"import-kjpacts": "import kjpacts",
                       "import-grading-sandbox-launcher": "import kjpacts.grading.sandbox"}.items():
        (PROFILES / f"{name}.importtime.txt").write_text(_importtime(code), encoding="utf-8")
        written.append(f"{name}.importtime.txt")
    return written


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
    fixes = ROOT / "bench" / "FIXES.md"
    if fixes.is_file():  # hand-written: what each miss was traced to, and the before/after figures
        lines += ["", fixes.read_text(encoding="utf-8").rstrip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-clone", dest="clone", action="store_false",
                        help="skip timing a fresh clone to a green suite (it runs `make test`, 10-15 minutes)")
    parser.add_argument("--class-size", type=int, default=100)
    parser.add_argument("--out", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--only", metavar="ID[,ID]",
                        help="measure only these rows (e.g. P4); the other rows are kept from the last results")
    parser.add_argument("--render", action="store_true",
                        help=f"measure nothing: rewrite --out from {RESULTS.relative_to(ROOT)} and bench/FIXES.md")
    args = parser.parse_args(argv)
    if args.render:
        Path(args.out).write_text(markdown(json.loads(RESULTS.read_text(encoding="utf-8"))), encoding="utf-8")
        return 0
    from bench.hub_bench import rows as hub_rows  # H: a JupyterHub class of 5 and of 20 (needs root)

    measures = {"P1": (p1, args.repeat), "P2": (p2, args.repeat), "P3": (p3, max(args.repeat, 11)),
                "P4": (p4, args.class_size), "P5": (p5, args.clone), "M": (kernel_memory,),
                "Q": (story_quality,), "H": (hub_rows,)}
    only = [x.strip() for x in args.only.split(",")] if args.only else list(measures)
    unknown = sorted(set(only) - set(measures))
    if unknown:
        parser.error(f"--only: no row {', '.join(unknown)} (rows: {', '.join(measures)})")
    if not args.only:
        write_profiles()
    kept = json.loads(RESULTS.read_text(encoding="utf-8")) if args.only and RESULTS.is_file() else []
    rows = []
    for name, (fn, *fn_args) in measures.items():
        if name in only:
            rows += guarded(name, fn, *fn_args)
        else:
            rows += [r for r in kept if ("Q" if r["id"].startswith("Q") else r["id"]) == name]  # Q rows: Q1..Q6
    RESULTS.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    Path(args.out).write_text(markdown(rows), encoding="utf-8")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
