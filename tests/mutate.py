"""``make mutate``: mutation testing (mutmut) of the corpus, annotations, exports and try-it check
modules, with the kill rate per module written to TESTING.md. A report, not part of CI.

``python -m tests.mutate [--max-children N] [--only GLOB ...] [--report-only]``

It runs offline like the suite (empty ``NLTK_DATA``, the kit's NLTK data in a fresh folder, the
network blocked in the test process and its children),
in mutmut's own copy of the tree (``mutants/``, git-ignored). ``--report-only`` rewrites
TESTING.md from the results of the last run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.85
RESULT = re.compile(r"^\s*(?P<name>[\w.]+)__mutmut_\d+: (?P<status>[\w ]+?)\s*$")
KILLED = {"killed", "timeout", "caught by type check"}


def module_of(mutant: str) -> str:
    """``kjpacts.io.x_read_text__mutmut_3`` -> ``kjpacts.io`` (methods: ``Class.xǁ...``)."""
    parts = mutant.split(".")
    while parts and (parts[-1].startswith("x_") or "ǁ" in parts[-1] or parts[-1][:1].isupper()):
        parts.pop()
    return ".".join(parts)


def tally(results: str) -> dict[str, Counter]:
    per_module: dict[str, Counter] = defaultdict(Counter)
    for line in results.splitlines():
        m = RESULT.match(line)
        if m:
            per_module[module_of(m["name"])][m["status"]] += 1
    return per_module


def report(per_module: dict[str, Counter], survivors: dict[str, list[str]]) -> str:
    rows = ["| module | mutants | not run yet | killed | survived | no tests | kill rate (of those run) | goal (≥ 85%) |",
            "|---|---|---|---|---|---|---|---|"]
    for module in sorted(per_module):
        c = per_module[module]
        total = sum(c.values())
        killed = sum(v for k, v in c.items() if k in KILLED)
        tried = killed + c["survived"] + c["no tests"]
        rate = killed / tried if tried else 0.0
        verdict = "not run" if not tried else ("met" if rate >= GOAL else "missed")
        rows.append(f"| `{module}` | {total} | {c['not checked']} | {killed} | {c['survived']} | {c['no tests']} | "
                    f"{rate:.0%} | {verdict} |")
    lines = ["# Mutation testing", "",
             "<!-- written by `make mutate` (tests/mutate.py); edit the explanations below the table by hand -->", "",
             "mutmut changes one small thing in a function (a comparison, a constant, a returned value) and runs the",
             "tests that call that function. A mutant the tests do not notice *survived*: either a test is missing,",
             "or the change makes no observable difference (then say so below). `no tests` means no selected test",
             "calls the function at all.", "", *rows, ""]
    if survivors:
        lines += ["## Surviving mutants", "", "`mutmut show NAME` prints each one's change.", ""]
        for module in sorted(survivors):
            lines.append(f"- `{module}`: " + ", ".join(f"`{n.rsplit('.', 1)[-1]}`" for n in survivors[module][:40])
                         + (f" and {len(survivors[module]) - 40} more" if len(survivors[module]) > 40 else ""))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.mutate")
    ap.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--report-only", action="store_true")
    args = ap.parse_args(argv)
    mutmut = [sys.executable, "-m", "mutmut"]
    with tempfile.TemporaryDirectory(prefix="kjpacts-mutate-") as tmp:
        guard = os.pathsep.join(p for p in (str(ROOT / "tests" / "offline_guard"), os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, NLTK_DATA=str(Path(tmp, "empty")), KJPACTS_NLTK_DIR=str(Path(tmp, "kit")), PYTHONPATH=guard)
        Path(tmp, "empty").mkdir()
        if not args.report_only:
            run = subprocess.run([*mutmut, "run", "--max-children", str(args.max_children)], cwd=ROOT, env=env)
            if run.returncode not in (0, 1):
                print(f"mutmut run failed with exit code {run.returncode}", file=sys.stderr)
                return run.returncode
        results = subprocess.run([*mutmut, "results", "--all", "true"], cwd=ROOT, env=env,
                                 capture_output=True, text=True).stdout
    per_module = tally(results)
    if not per_module:
        print("no mutmut results: run `make mutate` first", file=sys.stderr)
        return 1
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in results.splitlines():
        m = RESULT.match(line)
        if m and m["status"] == "survived":
            survivors[module_of(m["name"])].append(line.split(":")[0].strip())
    (ROOT / "TESTING.md").write_text(report(per_module, survivors), encoding="utf-8")
    print(f"TESTING.md: {len(per_module)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
