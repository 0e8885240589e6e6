"""Command line: ``kjpacts build | validate | export | nltk-setup | course | lab | new | review | grade``.

This module only declares the commands; each verb's work lives in its own layer
(:mod:`kjpacts.corpus.rebuild`, :mod:`kjpacts.corpus.validate`, :mod:`kjpacts.exports`,
:mod:`kjpacts.nltk_setup`, :mod:`kjpacts.teaching`, :mod:`kjpacts.grading`).

``validate`` and ``export`` are a stable contract for scripts:

- ``kjpacts validate [CORPUS_DIR]``: exit 0 when every check holds, else exit 1
  and one line per problem: ``file: field: what is wrong``.
- ``kjpacts export --format csv|brat|w3c OUT_DIR``: write the corpus as data.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from kjpacts.corpus.load import load
from kjpacts.corpus.rebuild import rebuild
from kjpacts.corpus.validate import validate
from kjpacts.errors import CorpusError, CorpusErrors
from kjpacts.exports import FORMATS, export
from kjpacts.grading import cli as grading_cli
from kjpacts.nltk_setup import setup_nltk
from kjpacts.paths import corpus_dir, course_root
from kjpacts.story import brat_review, review
from kjpacts.story.create import new_story
from kjpacts.teaching.lab import lab_command
from kjpacts.teaching.notebook_sync import sync


def cmd_build(args: argparse.Namespace) -> int:
    result = rebuild(Path(args.corpus) if args.corpus else corpus_dir(), check=args.check, train_punkt=not args.corpus)
    if result.problems:
        for p in result.problems:
            print(p)
        print("datapackage.json not written: fix the problems above, then run `kjpacts build` again", file=sys.stderr)
        return 1
    for path in result.differ:
        print(f"{path}: {'out of date' if args.check else 'written'}")
    if not result.differ:
        print("everything up to date")
    return 1 if (args.check and result.differ) else 0


def cmd_validate(args: argparse.Namespace) -> int:
    root = Path(args.corpus_dir) if args.corpus_dir else corpus_dir()
    if not root.is_dir():
        print(f"{root}: -: corpus folder not found", file=sys.stderr)
        return 2
    problems = validate(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    print(f"{root}: all checks passed")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    for path in export(load(args.corpus), args.format, Path(args.out_dir), args.base_uri):
        print(path)
    return 0


def cmd_nltk_setup(args: argparse.Namespace) -> int:
    print(setup_nltk(Path(args.target) if args.target else None))
    return 0


def cmd_course(args: argparse.Namespace) -> int:
    changed = sync(course_root() / "notebooks", check=args.check)
    for name in changed:
        print(f"notebooks/{name}: {'out of date' if args.check else 'updated'}")
    return 1 if (args.check and changed) else 0


def cmd_lab(args: argparse.Namespace) -> int:
    return subprocess.call(lab_command(args.jupyter_args))


def cmd_new(args: argparse.Namespace) -> int:

    result = new_story(Path(args.story_dir), [Path(p) for p in args.pages],
                       Path(args.urls) if args.urls else None, args.title, description=args.description)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in result.problems:
        print(problem)
    print(f"{args.story_dir}: {len(result.added)} page(s) added" + (f", {len(result.warnings)} skipped or warned" if result.warnings else ""))
    return 1 if result.problems or not result.added else 0


def cmd_review(args: argparse.Namespace) -> int:

    root = Path(args.story_dir)
    if args.refresh:
        problems = review.refresh(root)
        for p in problems:
            print(p)
        if problems:
            return 1
    if args.apply:
        if not args.reviewer:
            print("error: --apply needs --reviewer NAME (who made the decisions)", file=sys.stderr)
            return 2
        problems = review.apply(root, review.read_sheet(Path(args.apply)), args.reviewer)
        for p in problems:
            print(p)
        if problems:
            print(f"{args.apply}: nothing changed: fix the problems above and apply again", file=sys.stderr)
            return 1
    if args.from_brat:
        if not args.reviewer:
            print("error: --from-brat needs --reviewer NAME (who edited the .ann files)", file=sys.stderr)
            return 2
        report, problems = brat_review.from_brat(root, Path(args.from_brat), args.reviewer, args.accept_unchanged)
        for line in report + [str(p) for p in problems]:
            print(line)
        if problems:
            print(f"{args.from_brat}: nothing changed: fix the problems above and import again", file=sys.stderr)
            return 1
    if args.to_brat:
        brat_review.to_brat(root, Path(args.to_brat))
        print(f"{args.to_brat}: brat files written; edit the .ann files in brat (or by hand), then: "
              "kjpacts review STORY_DIR --from-brat DIR --reviewer NAME")
    if args.sheet:
        print(f"{args.sheet}: {review.write_sheet(root, Path(args.sheet))} records; fill in 'decision' "
              "(accept, fix, reject), then: kjpacts review STORY_DIR --apply SHEET --reviewer NAME")
    print(review.summary(root))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kjpacts", description="Korea-Japan pacts course kit")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild clean text, logs, structure, Punkt data and datapackage.json from raw/")
    b.add_argument("--check", action="store_true", help="only report what is out of date (exit 1 if anything is)")
    b.add_argument("--corpus", help="corpus folder (default: the shipped corpus)")
    b.set_defaults(func=cmd_build)
    v = sub.add_parser("validate", help="check checksums, schemas, offsets and rebuild-from-log")
    v.add_argument("corpus_dir", nargs="?", help="corpus folder (default: the shipped corpus)")
    v.set_defaults(func=cmd_validate)
    e = sub.add_parser("export", help="write the corpus as csv, brat or w3c files")
    e.add_argument("--format", required=True, choices=FORMATS)
    e.add_argument("--corpus", help="corpus folder (default: the shipped corpus)")
    e.add_argument("--base-uri", default="urn:kjpacts:", help="URI prefix for W3C annotation targets")
    e.add_argument("out_dir")
    e.set_defaults(func=cmd_export)
    n = sub.add_parser("nltk-setup", help="build the offline nltk_data folder and print its path")
    n.add_argument("--target", help="folder to build it in (default: ~/.cache/kjpacts/nltk_data)")
    n.set_defaults(func=cmd_nltk_setup)
    c = sub.add_parser("course", help="regenerate lesson headers, footers, navigation and notebooks/CONTENTS.md")
    c.add_argument("--check", action="store_true", help="only report what is out of date (exit 1 if anything is)")
    c.set_defaults(func=cmd_course)
    lab = sub.add_parser("lab", help="open the course in JupyterLab")
    lab.add_argument("jupyter_args", nargs=argparse.REMAINDER)
    lab.set_defaults(func=cmd_lab)
    new = sub.add_parser("new", help="turn saved news pages (.txt or .html) into a pre-annotated story corpus folder")
    new.add_argument("story_dir")
    new.add_argument("pages", nargs="+", metavar="PAGE")
    new.add_argument("--urls", help="CSV with columns file,url (a page's URL is evidence for outlet and date)")
    new.add_argument("--title", help="the story's title (recorded in story.json; datapackage.json and DATASHEET.md use it)")
    new.add_argument("--description", help="a one-sentence description of the story (story.json, datapackage.json)")
    new.set_defaults(func=cmd_new)
    rv = sub.add_parser("review", help="review a story's machine annotations: write a sheet, apply decisions")
    rv.add_argument("story_dir")
    rv.add_argument("--sheet", help="write the review sheet (CSV) here")
    rv.add_argument("--apply", help="apply a filled-in review sheet")
    rv.add_argument("--reviewer", help="who made the decisions (recorded with each one)")
    rv.add_argument("--to-brat", metavar="DIR", help="export the records to brat files in DIR, to review in brat")
    rv.add_argument("--from-brat", metavar="DIR", help="import the .ann files edited in DIR (needs --reviewer)")
    rv.add_argument("--accept-unchanged", action="store_true",
                    help="with --from-brat: also accept the records of .ann files left unchanged")
    rv.add_argument("--refresh", action="store_true", help="rebuild clean text and machine records after editing documents.json")
    rv.set_defaults(func=cmd_review)
    grading_cli.register(sub)  # `kjpacts grade ...`
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CorpusErrors as many:
        for problem in many.problems:
            print(problem, file=sys.stderr)
        return 1
    except (CorpusError, FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
