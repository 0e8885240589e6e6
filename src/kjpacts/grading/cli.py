"""``kjpacts grade ...``: a thin wrapper around nbgrader for the kjpacts course.

nbgrader stays the engine (same gradebook, same folders, the formgrader works
as usual). The wrapper adds the bubblewrap sandbox kernel, checks submissions
before grading, writes a status report with an explicit status per submission,
sanitises feedback and never overwrites grades or notebooks silently.

    kjpacts grade release-sync [--check] [--force] [PS ...]   student versions in release/
    kjpacts grade start PS [--dest DIR]                       (students) copy a release to work on
    kjpacts grade generate [PS ...]                           register in the gradebook
    kjpacts grade collect PS --from DIR | --zip FILE.zip      import submissions
    kjpacts grade autograde PS [--student ID] [--regrade] [--jobs N]  sandboxed autograding + report
    kjpacts grade feedback PS                                 sanitised HTML feedback
    kjpacts grade export [--to FILE]                          grades CSV with a status column
    kjpacts grade rubrics [PS]                                the written questions and their rubrics
    kjpacts grade doctor                                      check nbgrader, bubblewrap and the sandbox
    kjpacts grade build-sources [--check]                     (authors) source notebooks from specs

``start``, ``rubrics``, ``install-kernel``, ``doctor`` and ``collect --from`` work without
nbgrader; the others need it (the instructor tools: ``pip install 'kjpacts[instructor]'``).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from .course import Course, GradingError

LMS_PATTERNS = {
    # matched against the full path of each extracted file (nbgrader's FileNameCollector)
    "generic": r".*/(?P<student_id>[A-Za-z0-9.@-]+)_(?P<file_id>[^/]+\.ipynb)$",
    "moodle": r".*/[^/]*_(?P<student_id>\d+)_assignsubmission_file_(?P<file_id>[^/]+\.ipynb)$",
    "canvas": r".*/[^/_]+_(?:LATE_|late_)?(?P<student_id>\d+)_\d+_(?P<file_id>[^/]+\.ipynb)$",
}


NEEDS_NBGRADER = ("kjpacts grade {cmd} needs nbgrader, which is part of the instructor tools: "
                  "pip install -e '.[instructor]' (or pip install 'kjpacts[instructor]')")


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


def _course(args) -> Course:
    return Course.find(getattr(args, "course", None))


def _log(course: Course, what: str) -> Path:
    return course.private / "logs" / f"{time.strftime('%Y%m%d-%H%M%S')}-{what}.log"


# ----------------------------------------------------------------------------
def cmd_release_sync(args) -> int:
    from .release import release_sync

    course = _course(args)
    result = release_sync(course, args.assignments or None, check=args.check, force=args.force)
    for line in result.lines():
        print(line)
    if args.check:
        if result.in_sync:
            print("release/ is in sync with source/")
            return 0
        print("release/ is out of sync: run `kjpacts grade release-sync`", file=sys.stderr)
        return 1
    if result.edited:
        return 1
    if not result.written and not result.backed_up:
        print("release/ already up to date")
    return 0


def cmd_build_sources(args) -> int:
    from .authoring import build_sources

    course = _course(args)
    changed = build_sources(course.root, check=args.check, only=args.assignments or None)
    for p in changed:
        print(f"{p}: {'out of date' if args.check else 'written'}")
    if not changed:
        print("source notebooks up to date")
    return 1 if (args.check and changed) else 0


def cmd_start(args) -> int:
    from .release import start

    nb = start(_course(args), args.assignment, Path(args.dest))
    print(f"your copy: {nb}\nopen it in JupyterLab, answer, run the test cells, then hand in that file")
    return 0


def cmd_generate(args) -> int:
    from .release import generate, sync_release

    course = _course(args)
    names = [course.check_assignment(a) for a in args.assignments] if args.assignments else course.assignments()
    log = _log(course, "generate")
    with tempfile.TemporaryDirectory(prefix="generated-", dir=course.private) as tmp:
        generate(course, names, f"--CourseDirectory.release_directory={tmp}", log=log)
        for ps in names:
            print(f"{ps}: registered in {course.gradebook.name}")
        result = sync_release(Path(tmp), course.release, names, force=args.force)
    for line in result.lines():
        print(line)
    return 1 if result.edited else 0


# ----------------------------------------------------------------------------
def _merge_submission(course: Course, student: str, ps: str, src_folder: Path, replace: bool) -> str:
    dest = course.submitted / student / ps
    files = sorted(p for p in src_folder.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts)
    if dest.exists():
        same = all((dest / p.relative_to(src_folder)).is_file()
                   and (dest / p.relative_to(src_folder)).read_bytes() == p.read_bytes() for p in files)
        if same:
            return "unchanged"
        if not replace:
            return "kept the earlier submission (a different one was offered; use --replace)"
        backup = course.backup(dest, f"replaced by a new submission of {student}")
        how = f"replaced (earlier one moved to {backup.relative_to(course.root)})"
    else:
        how = "collected"
    for p in files:
        out = dest / p.relative_to(src_folder)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, out)
    return how


def cmd_collect(args) -> int:
    if args.zip:
        require_nbgrader("collect --zip")
    course = _course(args)
    ps = course.check_assignment(args.assignment)
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="collect-", dir=course.private) as tmp:
        stage = Path(tmp)
        if args.zip:
            archive = stage / "downloaded" / ps / "archive"
            archive.mkdir(parents=True)
            for z in args.zip:
                shutil.copy2(z, archive / Path(z).name)
            regexp = args.regexp or LMS_PATTERNS[args.lms]
            rel = stage.relative_to(course.root)  # zip_collect only takes paths relative to the course
            course.nbgrader("zip_collect", ps,
                            f"--ZipCollectApp.downloaded_directory={rel / 'downloaded'}",
                            f"--CourseDirectory.submitted_directory={rel / 'submitted'}",
                            f"--FileNameCollectorPlugin.named_regexp={regexp}",
                            log=_log(course, "collect"), check=True)
            source_root = stage / "submitted"
            folders = {p.parent.name: p for p in source_root.glob(f"*/{ps}") if p.is_dir()}
        else:
            src = Path(args.from_dir)
            if not src.is_dir():
                raise GradingError(f"{src}: not a folder")
            folders = {}
            for entry in sorted(src.iterdir()):
                if entry.is_dir():
                    inner = entry / ps if (entry / ps).is_dir() else entry
                    folders[entry.name] = inner
                elif entry.suffix == ".ipynb":
                    one = stage / "loose" / entry.stem / ps
                    one.mkdir(parents=True)
                    shutil.copy2(entry, one / f"{ps}.ipynb")
                    folders[entry.stem] = one
        if not folders:
            raise GradingError("no submissions found (check --regexp against the file names in the archive)")
        for student, folder in sorted(folders.items()):
            results[student] = _merge_submission(course, student, ps, folder, args.replace)
    for student, how in results.items():
        print(f"{student:<20} {how}")
    return 0


# ----------------------------------------------------------------------------
def _gradebook_has(course: Course, ps: str) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    if not course.gradebook.is_file():
        return False
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        try:
            gb.find_assignment(ps)
            return True
        except MissingEntry:
            return False


def missing_students(course: Course, ps: str, seen: set[str]):
    """Students the gradebook knows who handed nothing in for ``ps``."""
    from nbgrader.api import Gradebook

    from .preflight import Check

    if not course.gradebook.is_file():
        return []
    with Gradebook(f"sqlite:///{course.gradebook}") as gb:
        known = sorted(s.id for s in gb.students)
    return [Check(s, ps, "missing", message="no submission") for s in known
            if s not in seen and not (course.submitted / s / ps).exists()]


def _one_batch(course: Course, ps: str, to_grade: list[str], timeout: int | None, events: Path,
               log: Path) -> set[str]:
    """One ``nbgrader autograde`` over ``to_grade``; returns the students it could not grade."""
    all_students = sorted(p.name for p in course.submitted.iterdir() if p.is_dir())
    exclude = [s for s in all_students if s not in to_grade]
    cmd = ["autograde", ps]
    if exclude:
        cmd.append("--CourseDirectory.student_id_exclude=" + ",".join(exclude))
    if timeout:
        cmd.append(f"--Execute.timeout={int(timeout)}")
    proc = course.nbgrader(*cmd, events=events, log=log)
    failed: set[str] = set()
    if proc.returncode != 0:
        text = proc.stdout + proc.stderr
        failed = {s for s in to_grade if f"for student '{s}'" in text}
    return failed


def _sharded(course: Course, ps: str, to_grade: list[str], jobs: int, timeout: int | None, stamp: str,
             events: Path, log: Path) -> set[str]:
    """``to_grade`` in ``jobs`` concurrent shards, merged back; returns the students not graded."""
    from .shards import run_shards

    extra = [f"--Execute.timeout={int(timeout)}"] if timeout else []
    failed, shards = run_shards(course, ps, to_grade, jobs, stamp, extra, events, log)
    for sh in shards:
        if not sh.ok:
            why = sh.problem or f"nbgrader exited {sh.returncode}"
            print(f"shard {sh.index} ({', '.join(sh.students)}): {why}; its folder is kept for a look: {sh.root}",
                  file=sys.stderr)
    return failed


def autograde(course: Course, ps: str, students: list[str] | None = None, timeout: int | None = None,
              regrade: bool = False, quiet: bool = False, jobs: int | None = None):
    """Pre-flight, sandboxed nbgrader, then the report. Returns (rows, csv_path).

    ``jobs`` (default: the number of CPUs, at most one per submission) > 1 grades the class in
    that many concurrent shards (:mod:`~kjpacts.grading.shards`); 1 runs one nbgrader batch.
    """
    require_nbgrader("autograde")
    if jobs is not None and jobs < 1:
        raise GradingError(f"--jobs must be 1 or more, not {jobs}")
    from .preflight import preflight
    from .report import build_rows, read_events, table, update_status, write_csv
    from .sandbox import bwrap_available

    ps = course.check_assignment(ps)
    problem = bwrap_available()
    if problem:
        raise GradingError(f"the grading sandbox is not available: {problem}")
    if not _gradebook_has(course, ps):
        raise GradingError(f"{ps} is not in the gradebook yet: run `kjpacts grade generate {ps}` first")
    checks = preflight(course, ps, students)
    if students is None:
        checks += missing_students(course, ps, {c.student for c in checks})
    if not checks:
        raise GradingError(f"no submissions in {course.submitted}/*/{ps}/ (use `kjpacts grade collect`)")
    gradeable = [c.student for c in checks if c.status in ("ok", "renamed")]
    skipped = {s for s in gradeable if (course.autograded / s / ps).exists() and not regrade}
    to_grade = [s for s in gradeable if s not in skipped]
    stamp = time.strftime("%Y%m%d-%H%M%S")
    events = course.private / "logs" / f"{stamp}-events-{ps}.jsonl"
    events.parent.mkdir(parents=True, exist_ok=True)
    log = _log(course, f"autograde-{ps}")
    failed: set[str] = set()
    if to_grade:
        if regrade:
            redo = [s for s in to_grade if (course.autograded / s / ps).exists()]
            if redo:
                gb_copy = course.private / "backups" / stamp / "gradebook.db"
                gb_copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(course.gradebook, gb_copy)
                for s in redo:
                    course.backup(course.autograded / s / ps, "regrade")
        jobs = min(jobs or os.cpu_count() or 1, len(to_grade))
        if jobs > 1:
            failed = _sharded(course, ps, to_grade, jobs, timeout, stamp, events, log)
        else:
            failed = _one_batch(course, ps, to_grade, timeout, events, log)
    rows = build_rows(course, ps, checks, set(to_grade), skipped, read_events(events), failed)
    report = write_csv(course.reports / f"autograde-{ps}-{stamp}.csv", rows)
    update_status(course, rows)
    if not quiet:
        print(table(rows))
        print(f"\nreport: {report.relative_to(course.root)}   (all runs: reports/status.csv; log: {log.relative_to(course.root)})")
    return rows, report


def cmd_autograde(args) -> int:
    course = _course(args)
    autograde(course, args.assignment, args.student or None, args.timeout, args.regrade, jobs=args.jobs)
    return 0


def cmd_feedback(args) -> int:
    from .feedback import scan_feedback

    course = _course(args)
    ps = course.check_assignment(args.assignment)
    log = _log(course, f"feedback-{ps}")
    extra = ["--force"] if args.force else []
    failed = False
    for student in (args.student or [None]):
        sel = [f"--student={student}"] if student else []
        proc = course.nbgrader("generate_feedback", ps, *sel, *extra, log=log)
        failed |= proc.returncode != 0
    leaks = scan_feedback(course, ps, args.student or None)
    for path, n in leaks.items():
        print(f"{path}: {n} line(s) of hidden test code removed", file=sys.stderr)
    n = len(list(course.feedback.glob(f"*/{ps}/*.html"))) if course.feedback.is_dir() else 0
    print(f"{n} feedback file(s) in feedback/*/{ps}/ (hidden tests removed)")
    if failed:
        print(f"nbgrader reported errors for some students: see {log.relative_to(course.root)}", file=sys.stderr)
        return 1
    return 0


def export(course: Course, to: Path, force: bool = False) -> Path:
    from .report import read_csv

    require_nbgrader("export")
    if to.exists() and not force:
        raise GradingError(f"{to} exists: choose another file with --to, or --force to replace it")
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "nbgrader.csv"
        course.nbgrader("export", f"--to={raw}", log=_log(course, "export"), check=True)
        rows = read_csv(raw)
    status = {(r["assignment"], r["student_id"]): r for r in read_csv(course.reports / "status.csv")}
    fields = list(rows[0].keys()) if rows else ["assignment", "student_id", "score", "max_score"]
    out_fields = fields + ["status", "flags", "message"]
    seen = set()
    out = []
    for r in rows:
        key = (r["assignment"], r["student_id"])
        seen.add(key)
        st = status.get(key)
        r = dict(r)
        if st is None:
            r.update(status="missing" if not (course.submitted / key[1] / key[0]).is_dir() else "not-graded",
                     flags="", message="no autograde run recorded for this submission")
        else:
            r.update(status=st["status"], flags=st["flags"], message=st["message"])
        if r["status"] in ("corrupt", "missing", "not-graded") or (r["status"] == "crashed" and st and st["score"] == ""):
            r["score"] = ""  # no grade: never a silent 0
        out.append(r)
    for key, st in sorted(status.items()):
        if key not in seen:
            out.append({**{f: "" for f in fields}, "assignment": key[0], "student_id": key[1],
                        "status": st["status"], "flags": st["flags"], "message": st["message"],
                        "score": st["score"], "max_score": st["max_score"]})
    to.parent.mkdir(parents=True, exist_ok=True)
    with open(to, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=out_fields)
        w.writeheader()
        for r in out:
            w.writerow({k: r.get(k, "") for k in out_fields})
    return to


def cmd_export(args) -> int:
    course = _course(args)
    to = Path(args.to) if args.to else course.reports / f"grades-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    path = export(course, to, args.force)
    print(f"grades with status: {path}")
    return 0


def cmd_rubrics(args) -> int:
    import nbformat

    course = _course(args)
    names = [course.check_assignment(args.assignment)] if args.assignment else course.assignments()
    for ps in names:
        nb = nbformat.read(course.source / ps / f"{ps}.ipynb", as_version=4)
        for cell in nb.cells:
            rubric = cell.metadata.get("kjpacts", {}).get("rubric")
            if rubric:
                gid = cell.metadata["nbgrader"]["grade_id"]
                total = sum(r["points"] for r in rubric)
                print(f"{ps} / {gid} ({total:g} points)")
                for r in rubric:
                    print(f"  {r['points']:>4g}  {r['criterion']}")
                print()
    return 0


def cmd_doctor(args) -> int:
    from .sandbox import bwrap_available

    course = _course(args)
    print(f"course folder: {course.root}")
    missing = nbgrader_missing("doctor")
    if missing:
        print(f"nbgrader: NOT INSTALLED: {missing}")
    else:
        import nbgrader

        print(f"nbgrader {nbgrader.__version__} (python: {sys.executable})")
    problem = bwrap_available()
    print("sandbox: " + ("OK (bubblewrap)" if not problem else f"NOT AVAILABLE: {problem}"))
    kernels = course.private / "jupyter"
    course.env()
    print(f"sandbox kernelspec: {kernels / 'kernels' / 'kjpacts-sandbox' / 'kernel.json'}")
    print(f"problem sets: {', '.join(course.assignments())}")
    return 1 if problem or missing else 0


def cmd_install_kernel(args) -> int:
    from jupyter_core.paths import jupyter_data_dir

    from .sandbox import install_kernelspec

    dest = Path(args.prefix) if args.prefix else Path(jupyter_data_dir())
    folder = install_kernelspec(dest)
    print(f"installed {folder} (for autograding from the formgrader's web page)")
    return 0


# ----------------------------------------------------------------------------
def _guarded(func, needs_nbgrader: str | None = None):
    def run(args) -> int:
        try:
            if needs_nbgrader:
                require_nbgrader(needs_nbgrader)
            return func(args)
        except GradingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

    return run


def register(sub) -> None:
    """Add ``kjpacts grade ...`` to the main parser's subparsers."""
    g = sub.add_parser("grade", help="problem sets: release, collect, sandboxed autograde, feedback, export",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g.add_argument("--course", help="course folder (default: the folder with nbgrader_config.py here, else exercises/)")
    gs = g.add_subparsers(dest="grade_command", required=True)

    def add(name, func, help, nbgrader=True):
        """A subcommand; ``nbgrader=True``: it stops with a clear message when nbgrader is missing."""
        p = gs.add_parser(name, help=help)
        p.set_defaults(func=_guarded(func, name if nbgrader else None))
        p.add_argument("--course", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        return p

    p = add("release-sync", cmd_release_sync, "write release/<ps>/<ps>.ipynb (student versions) from source/")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--check", action="store_true", help="only report drift (exit 1 if release/ is out of sync)")
    p.add_argument("--force", action="store_true", help="regenerate edited release files, keeping them as *-my-copy-*.ipynb")

    p = add("start", cmd_start, "(students) copy a problem set to a working folder", nbgrader=False)
    p.add_argument("assignment")
    p.add_argument("--dest", default="~/kjpacts-work", help="working folder (default: ~/kjpacts-work)")

    p = add("generate", cmd_generate, "register problem sets in the gradebook (nbgrader generate_assignment)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--force", action="store_true", help="regenerate edited release files, keeping copies")

    p = add("collect", cmd_collect, "import submissions into submitted/<student>/<ps>/", nbgrader=False)  # --zip does
    p.add_argument("assignment")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--from", dest="from_dir", help="folder of <student>/ folders or <student>.ipynb files")
    src.add_argument("--zip", nargs="+", help="LMS download(s), unpacked by nbgrader zip_collect")
    p.add_argument("--lms", choices=sorted(LMS_PATTERNS), default="generic", help="file-name pattern preset")
    p.add_argument("--regexp", help="nbgrader FileNameCollectorPlugin.named_regexp (matched against the full path)")
    p.add_argument("--replace", action="store_true", help="replace an earlier, different submission (kept in .grading/backups)")

    p = add("autograde", cmd_autograde, "pre-flight checks, sandboxed nbgrader autograde, status report")
    p.add_argument("assignment")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--timeout", type=int, help="seconds per cell (default: nbgrader_config.py)")
    p.add_argument("--regrade", action="store_true", help="grade again (previous autograded copies and gradebook backed up)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="grade in N parallel shards (default: the number of CPUs; 1: one nbgrader batch)")

    p = add("feedback", cmd_feedback, "HTML feedback with hidden tests removed")
    p.add_argument("assignment")
    p.add_argument("--student", action="append")
    p.add_argument("--force", action="store_true", help="regenerate existing feedback")

    p = add("export", cmd_export, "grades CSV (nbgrader export) with status, flags and message columns")
    p.add_argument("--to", help="output file (default: reports/grades-<time>.csv)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")

    p = add("rubrics", cmd_rubrics, "print the written questions' rubrics", nbgrader=False)
    p.add_argument("assignment", nargs="?")

    add("doctor", cmd_doctor, "check nbgrader, bubblewrap and the sandbox kernelspec", nbgrader=False)  # reports it

    p = add("install-kernel", cmd_install_kernel, "install the sandbox kernelspec for the formgrader", nbgrader=False)
    p.add_argument("--prefix", help="Jupyter data folder (default: your user data folder)")

    p = add("build-sources", cmd_build_sources, "(authors) write source/<ps>/<ps>.ipynb from exercises/authoring/")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--check", action="store_true")
