"""``make mutate``: mutation testing (mutmut) of the corpus, annotations, exports and try-it check
modules, with the kill rate per module written to TESTING.md. A report, not part of CI.

``python -m tests.mutate [--max-children N] [--module NAME ... [--resume | --survivors]] [--report-only]``

- ``--module corpus.reader`` (repeatable) mutates and tests that one module only (its functions
  and methods, not its submodules): the quick loop while writing tests for it. Results of the
  other modules stay as the last run left them; TESTING.md says when and at which commit each
  module was measured.
- ``--resume`` (with ``--module``) runs only those modules' mutants that no run reached yet, e.g.
  after a run was stopped.
- ``--survivors`` (with ``--module``) reruns only the mutants that survived, after adding tests.
- ``--report-only`` rewrites TESTING.md from the results of the last run.
- Survivors that make no observable difference are explained in ``tests/mutants_explained.toml``
  (module -> mutant-name glob, ``{a,b}`` allowed -> one-line reason); TESTING.md lists them apart
  from the unexplained ones.

It runs offline like the suite (empty ``NLTK_DATA``, the kit's NLTK data in a fresh folder, the
network blocked in the test process and its children), in mutmut's own copy of the tree
(``mutants/``, git-ignored).
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.85
RESULT = re.compile(r"^\s*(?P<name>[\w.ǁ]+)__mutmut_\d+: (?P<status>[\w ]+?)\s*$")
KILLED = {"killed", "timeout", "caught by type check"}
EXPLAINED = ROOT / "tests" / "mutants_explained.toml"
MEASURED = ROOT / "mutants" / "kjpacts-measured.json"  # module -> when/at which commit it was last run


def module_of(mutant: str) -> str:
    """``kjpacts.io.x_read_text__mutmut_3`` -> ``kjpacts.io`` (methods: ``Class.xǁ...``)."""
    parts = mutant.split(".")
    while parts and (parts[-1].startswith("x_") or "ǁ" in parts[-1] or parts[-1][:1].isupper()):
        parts.pop()
    return ".".join(parts)


def module_name(name: str) -> str:
    """``corpus.reader`` or ``kjpacts.corpus.reader`` -> ``kjpacts.corpus.reader``."""
    return name if name.startswith("kjpacts.") else f"kjpacts.{name}"


def mutant_globs(module: str) -> list[str]:
    """mutmut name patterns for the functions and methods defined in ``module`` itself."""
    return [f"{module}.x_*", f"{module}.xǁ*"]


def tally(results: str) -> dict[str, Counter]:
    per_module: dict[str, Counter] = defaultdict(Counter)
    for line in results.splitlines():
        m = RESULT.match(line)
        if m:
            per_module[module_of(m["name"])][m["status"]] += 1
    return per_module


def survivors_of(results: str) -> dict[str, list[str]]:
    survivors: dict[str, list[str]] = defaultdict(list)
    for line in results.splitlines():
        m = RESULT.match(line)
        if m and m["status"] == "survived":
            survivors[module_of(m["name"])].append(line.split(":")[0].strip())
    return survivors


def load_explained(path: Path = EXPLAINED) -> dict[str, dict[str, str]]:
    """``{module: {mutant glob: reason}}`` from the explained-survivors file (none if absent)."""
    if not path.is_file():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    return {module_name(m): dict(globs) for m, globs in table.items()}


def expand(pattern: str) -> list[str]:
    """``x_f__mutmut_{3,7}`` -> ``[x_f__mutmut_3, x_f__mutmut_7]`` (fnmatch has no braces)."""
    m = re.search(r"\{([^{}]*)\}", pattern)
    if not m:
        return [pattern]
    return [p for alt in m[1].split(",") for p in expand(pattern[:m.start()] + alt + pattern[m.end():])]


def explain(module: str, names: list[str], explained: dict[str, dict[str, str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Split a module's survivors into ``{reason: [short names]}`` and the unexplained rest."""
    reasons: dict[str, list[str]] = defaultdict(list)
    rest = []
    for name in names:
        short = name.rsplit(".", 1)[-1]
        reason = next((why for pat, why in explained.get(module, {}).items()
                       if any(fnmatch.fnmatchcase(short, p) for p in expand(pat))), None)
        if reason is None:
            rest.append(short)
        else:
            reasons[reason].append(short)
    return reasons, rest


def _names(names: list[str], limit: int = 40) -> str:
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(f"`{n}`" for n in names[:limit]) + more


def report(per_module: dict[str, Counter], survivors: dict[str, list[str]],
           explained: dict[str, dict[str, str]] | None = None, measured: dict[str, dict] | None = None,
           carried: dict[str, tuple[str, list[str]]] | None = None) -> str:
    """The TESTING.md report. ``carried`` (from :func:`last_rows`): rows and survivor notes of the last
    report, kept for modules this tree has not run (mutmut's state lives in the git-ignored ``mutants/``,
    so a fresh clone that measures one module keeps the others' figures)."""
    explained, measured, carried = explained or {}, measured or {}, carried or {}
    rows = ["| module | mutants | not run yet | killed | survived (explained) | no tests | kill rate (of those run) "
            "| goal (≥ 85%) | measured |", "|---|---|---|---|---|---|---|---|---|"]
    details: list[str] = []
    for module in sorted(per_module):
        c = per_module[module]
        total = sum(c.values())
        killed = sum(v for k, v in c.items() if k in KILLED)
        tried = killed + c["survived"] + c["no tests"]
        rate = killed / tried if tried else 0.0
        reasons, rest = explain(module, survivors.get(module, []), explained)
        verdict = "not run" if not tried else ("met" if rate >= GOAL else "missed")
        if tried and c["not checked"]:
            verdict += f" so far ({c['not checked']} not run)"
        elif tried and not rest and c["no tests"] == 0:
            verdict += ", every survivor explained" if c["survived"] else ", none survived"
        if not tried and module in carried:  # never run on this tree: the last report's figures stand
            rows.append(carried[module][0])
            details += carried[module][1]
            continue
        when = measured.get(module, {})
        stamp = f"{when['date']} at `{when['commit']}`" if when else ("before this log" if tried else "not on this tree")
        rows.append(f"| `{module}` | {total} | {c['not checked']} | {killed} | {c['survived']} ({c['survived'] - len(rest)}) "
                    f"| {c['no tests']} | {rate:.0%} | {verdict} | {stamp} |")
        if reasons or rest:
            details.append(f"### `{module}`")
            details.append("")
            details += [f"- {why} ({_names(names)})" for why, names in reasons.items()]
            if rest:
                details.append(f"- **not explained yet**: {_names(rest)}")
            details.append("")
    lines = ["# Mutation testing", "",
             "<!-- written by `make mutate` (tests/mutate.py); explanations come from tests/mutants_explained.toml -->", "",
             "mutmut changes one small thing in a function (a comparison, a constant, a returned value) and runs the",
             "tests that call that function. A mutant the tests do not notice *survived*: either a test is missing,",
             "or the change makes no observable difference (then tests/mutants_explained.toml says why). `no tests`",
             "means no selected test calls the function at all. `measured` names the runs a module's figures come",
             "from: start (UTC) and commit (`+`: src/ or tests/ had uncommitted changes). The",
             f"`{NOTES}` section at the end is written by hand and kept.", "", *rows, ""]
    if details:
        lines += ["## Surviving mutants", "", "`mutmut show NAME` prints each one's change (NAME: the module, a dot, "
                  "the short name).", "", *details]
    return "\n".join(lines).rstrip() + "\n"


NOTES = "## Notes"
_ROW = re.compile(r"^\| `(?P<module>kjpacts[\w.]*)` \|")


def last_rows(old: str) -> dict[str, tuple[str, list[str]]]:
    """module -> (its table row, its ``### `module``` survivor lines) in an earlier report, for the
    modules that report had measured."""
    out: dict[str, tuple[str, list[str]]] = {}
    lines = old.splitlines()
    for line in lines:
        m = _ROW.match(line)
        if m and not line.rstrip().endswith("| not on this tree |"):
            out[m["module"]] = (line, [])
    section = None
    for line in lines:
        if line.startswith("## "):
            section = None
        elif line.startswith("### `"):
            section = line[5:].rstrip("`")
            if section in out:
                out[section][1].append(line)
        elif section in out:
            out[section][1].append(line)
    return out


def kept_notes(old: str) -> str:
    """The hand-written ``## Notes`` section of TESTING.md (kept when the report is rewritten)."""
    i = old.find(f"\n{NOTES}\n")
    return "\n" + old[i + 1:] if i >= 0 else ""


def stamp() -> dict[str, str]:
    """When (UTC) and at which commit a run starts (mutmut copies src/ and tests/ then); ``+``: the
    tree had changes not committed yet."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "tests", "pyproject.toml"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"), "commit": head + ("+" if dirty else "")}


def record_measured(modules: list[str], when: dict[str, str], partial: bool = False) -> dict[str, dict]:
    """Note when each module was run; a partial run (resume, survivors) adds its stamp to the last."""
    measured = json.loads(MEASURED.read_text(encoding="utf-8")) if MEASURED.is_file() else {}
    for m in modules:
        last = measured.get(m) if partial else None
        measured[m] = {k: f"{last[k]}` and `{when[k]}" if k == "commit" else f"{last[k]} and {when[k]}"
                       for k in when} if last else when
    MEASURED.parent.mkdir(exist_ok=True)
    MEASURED.write_text(json.dumps(measured, indent=1, sort_keys=True), encoding="utf-8")
    return measured


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.mutate")
    ap.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--module", action="append", default=[], metavar="NAME",
                    help="mutate only this module (e.g. corpus.reader); repeatable")
    ap.add_argument("--resume", action="store_true",
                    help="with --module: run only the mutants the last runs did not reach (not checked)")
    ap.add_argument("--survivors", action="store_true",
                    help="with --module: rerun only the mutants that survived (after adding tests)")
    ap.add_argument("--report-only", action="store_true")
    args = ap.parse_args(argv)
    modules = [module_name(m) for m in args.module]
    started = stamp()
    mutmut = [sys.executable, "-m", "mutmut"]
    with tempfile.TemporaryDirectory(prefix="kjpacts-mutate-") as tmp:
        guard = os.pathsep.join(p for p in (str(ROOT / "tests" / "offline_guard"), os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, NLTK_DATA=str(Path(tmp, "empty")), KJPACTS_NLTK_DIR=str(Path(tmp, "kit")), PYTHONPATH=guard)
        Path(tmp, "empty").mkdir()
        if not args.report_only:
            names = [g for m in modules for g in mutant_globs(m)]
            wanted = {"not checked"} if args.resume else {"survived"} if args.survivors else None
            if wanted:  # explicit names: mutmut reruns exactly these
                before = subprocess.run([*mutmut, "results", "--all", "true"], cwd=ROOT, env=env,
                                        capture_output=True, text=True).stdout
                names = [line.split(":")[0].strip() for line in before.splitlines()
                         if (m := RESULT.match(line)) and m["status"] in wanted and module_of(m["name"]) in modules]
                if not names:
                    print("nothing left to run in those modules", file=sys.stderr)
            run = subprocess.run([*mutmut, "run", "--max-children", str(args.max_children), *names], cwd=ROOT, env=env) \
                if names or not wanted else subprocess.CompletedProcess([], 0)
            if run.returncode not in (0, 1):
                print(f"mutmut run failed with exit code {run.returncode}", file=sys.stderr)
                return run.returncode
        results = subprocess.run([*mutmut, "results", "--all", "true"], cwd=ROOT, env=env,
                                 capture_output=True, text=True).stdout
    per_module = tally(results)
    if not per_module:
        print("no mutmut results: run `make mutate` first", file=sys.stderr)
        return 1
    measured = record_measured([] if args.report_only else (modules or sorted(per_module)), started,
                               partial=args.resume or args.survivors)
    testing = ROOT / "TESTING.md"
    old = testing.read_text(encoding="utf-8") if testing.is_file() else ""
    testing.write_text(report(per_module, survivors_of(results), load_explained(), measured, last_rows(old))
                       + kept_notes(old), encoding="utf-8")
    print(f"TESTING.md: {len(per_module)} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
