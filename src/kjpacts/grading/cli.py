"""``kjpacts grade ...``: a thin wrapper around nbgrader for the kjpacts course.

nbgrader stays the engine (same gradebook, same folders, the formgrader works
as usual). The wrapper adds the bubblewrap sandbox kernel, checks submissions
before grading, writes a status report with an explicit status per submission,
sanitises feedback and never overwrites grades or notebooks silently.

    kjpacts grade release-sync [--check] [--force] [PS ...]   student versions in release/
    kjpacts grade start PS [--dest DIR]                       (students) copy a release into my-work/
    kjpacts grade generate [PS ...]                           register in the gradebook
    kjpacts grade collect PS --from DIR | --zip FILE.zip [--lms moodle|canvas|blackboard]
    kjpacts grade autograde PS [--student ID] [--regrade] [--jobs N]  sandboxed autograding + report
    kjpacts grade similarity PS                               written answers sharing long passages
    kjpacts grade feedback PS                                 sanitised HTML feedback
    kjpacts grade export [--to FILE]                          grades CSV with a status column
    kjpacts grade rubrics [PS]                                the written questions and their rubrics
    kjpacts grade doctor                                      check nbgrader, bubblewrap and the sandbox
    kjpacts grade build-sources [--check]                     (authors) source notebooks from specs

``start``, ``rubrics``, ``install-kernel``, ``doctor`` and ``collect`` work without nbgrader;
the others need it (the instructor tools: ``make instructor``). This module only declares the
commands; the work is in :mod:`.pipeline`, :mod:`.collect`, :mod:`.export`, :mod:`.release`,
:mod:`.similarity` and :mod:`.feedback`.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kjpacts.grading.authoring import build_sources, rubrics
from kjpacts.grading.collect import collect
from kjpacts.grading.export import export
from kjpacts.grading.feedback import feedback
from kjpacts.grading.release import (
    generate_and_sync,
    lab_path,
    release_sync,
    start,
    work_folder,
)
from kjpacts.grading.sandbox import bwrap_available, install_kernelspec
from kjpacts.grading.similarity import similarity

from .collect import LMS_PATTERNS
from .course import Course, GradingError, nbgrader_missing, require_nbgrader
from .pipeline import autograde


def _course(args) -> Course:
    return Course.find(getattr(args, "course", None))


# ----------------------------------------------------------------------------
def cmd_release_sync(args) -> int:

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

    course = _course(args)
    changed = build_sources(course.root, check=args.check, only=args.assignments or None)
    for p in changed:
        print(f"{p}: {'out of date' if args.check else 'written'}")
    if not changed:
        print("source notebooks up to date")
    return 1 if (args.check and changed) else 0


def cmd_start(args) -> int:

    course = _course(args)
    nb = start(course, args.assignment, Path(args.dest) if args.dest else work_folder(course))
    shown = lab_path(course, nb)
    where = f"in the JupyterLab file browser (make lab): {shown}" if shown else f"your copy: {nb}"
    print(f"{where}\nopen it, answer, run the test cells, then hand in that file")
    return 0


def cmd_generate(args) -> int:

    result = generate_and_sync(_course(args), args.assignments, force=args.force)
    for line in result.lines():
        print(line)
    return 1 if result.edited else 0


def cmd_collect(args) -> int:

    result = collect(_course(args), args.assignment, from_dir=args.from_dir, zips=args.zip, lms=args.lms,
                     regexp=args.regexp, replace=args.replace)
    for line in result.lines():
        print(line)
    return 0


def cmd_autograde(args) -> int:
    course = _course(args)
    autograde(course, args.assignment, args.student or None, args.timeout, args.regrade, jobs=args.jobs)
    return 0


def cmd_feedback(args) -> int:

    course = _course(args)
    result = feedback(course, args.assignment, args.student or None, args.force)
    for path, n in result.leaks.items():
        print(f"{path}: {n} line(s) of hidden test code removed", file=sys.stderr)
    if result.removed:
        print(f"{len(result.removed)} other file(s) removed from feedback/*/{result.assignment}/ "
              "(copies; the originals stay in submitted/)")
    print(f"{result.pages} feedback file(s) in feedback/*/{result.assignment}/ (hidden tests removed)")
    if result.failed:
        print(f"nbgrader reported errors for some students: see {result.log.relative_to(course.root)}", file=sys.stderr)
        return 1
    return 0


def cmd_similarity(args) -> int:

    similarity(_course(args), args.assignment, args.words)
    return 0


def cmd_export(args) -> int:

    course = _course(args)
    to = Path(args.to) if args.to else course.reports / f"grades-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    path = export(course, to, args.force)
    print(f"grades with status: {path}")
    return 0


def cmd_rubrics(args) -> int:

    for line in rubrics(_course(args), args.assignment):
        print(line)
    return 0


def cmd_doctor(args) -> int:

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
    p.add_argument("--dest", help="working folder (default: my-work/ in the folder `make lab` opens, else ~/kjpacts-work)")

    p = add("generate", cmd_generate, "register problem sets in the gradebook (nbgrader generate_assignment)")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--force", action="store_true", help="regenerate edited release files, keeping copies")

    p = add("collect", cmd_collect, "import submissions into submitted/<student>/<ps>/", nbgrader=False)
    p.add_argument("assignment")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--from", dest="from_dir", help="folder of <student>/ folders or <student>.ipynb files")
    src.add_argument("--zip", nargs="+", help="LMS download(s): every file is collected or listed with a reason")
    p.add_argument("--lms", choices=sorted(LMS_PATTERNS), default="generic",
                   help="the LMS layout (moodle: single files or 'download in folders')")
    p.add_argument("--regexp", help="your own pattern with (?P<student_id>...) [and (?P<file_id>...)], "
                                    "searched in each path inside the zip")
    p.add_argument("--replace", action="store_true", help="replace an earlier, different submission (kept in .grading/backups)")

    p = add("autograde", cmd_autograde, "pre-flight checks, sandboxed nbgrader autograde, status report")
    p.add_argument("assignment")
    p.add_argument("--student", action="append", help="only this student (repeatable)")
    p.add_argument("--timeout", type=int, help="seconds per cell (default: nbgrader_config.py)")
    p.add_argument("--regrade", action="store_true", help="grade again (previous autograded copies and gradebook backed up)")
    p.add_argument("--jobs", type=int, metavar="N",
                   help="grade in N parallel shards (default: the number of CPUs; 1: one nbgrader batch)")

    p = add("similarity", cmd_similarity, "flag written answers that share long passages (never a penalty)")
    p.add_argument("assignment")
    p.add_argument("--words", type=int, default=8, help="shortest shared passage flagged, in words (default 8)")

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
