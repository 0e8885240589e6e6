"""Command line: ``kjpacts build | validate | export | nltk-setup | course | lab``.

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

from .errors import CorpusError, CorpusErrors


def punkt_dir() -> Path:
    return Path(__file__).resolve().parent / "data" / "punkt_tab" / "english"


def build_punkt(corpus, check: bool) -> list[str]:
    """Train Punkt on the clean texts; write (or compare) the shipped parameter files."""
    from .nltk_setup import package_data, stopword_lines, train_punkt_files

    abbreviations = stopword_lines(package_data("abbreviations.txt"))
    files = train_punkt_files([d.text for d in corpus], abbreviations)
    differ = []
    for name, text in files.items():
        path = punkt_dir() / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            differ.append(f"src/kjpacts/data/punkt_tab/english/{name}")
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    return differ


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .corpus import load, shipped_corpus_dir
    from .datapackage import write_datapackage

    root = Path(args.corpus) if args.corpus else shipped_corpus_dir()
    differ = [f"corpus/{p}" for p in build(root, check=args.check)]
    corpus = load(root) if not args.check or not differ else None
    if corpus is not None and not args.corpus:
        differ += build_punkt(corpus, args.check)
    if not args.check:
        from .validate import validate

        problems = [p for p in validate(root) if p.file != "datapackage.json"]
        if problems:  # datapackage.json certifies a valid corpus: never write it for a broken one
            for p in problems:
                print(p)
            print("datapackage.json not written: fix the problems above, then run `kjpacts build` again",
                  file=sys.stderr)
            return 1
    if write_datapackage(root, check=args.check):
        differ.append("corpus/datapackage.json")
    verb = "out of date" if args.check else "written"
    for path in differ:
        print(f"{path}: {verb}")
    if not differ:
        print("everything up to date")
    return 1 if (args.check and differ) else 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .corpus import shipped_corpus_dir
    from .validate import validate

    root = Path(args.corpus_dir) if args.corpus_dir else shipped_corpus_dir()
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
    from .corpus import load
    from .export import export

    corpus = load(args.corpus)
    for path in export(corpus, args.format, Path(args.out_dir), args.base_uri):
        print(path)
    return 0


def cmd_nltk_setup(args: argparse.Namespace) -> int:
    from .nltk_setup import setup_nltk

    print(setup_nltk(Path(args.target) if args.target else None))
    return 0


def cmd_course(args: argparse.Namespace) -> int:
    from .course import sync

    repo = Path(__file__).resolve().parents[2]
    changed = sync(repo / "notebooks", check=args.check)
    for name in changed:
        print(f"notebooks/{name}: {'out of date' if args.check else 'updated'}")
    return 1 if (args.check and changed) else 0


def cmd_lab(args: argparse.Namespace) -> int:
    import os

    repo = Path(__file__).resolve().parents[2]
    cmd = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={repo}",
           "--LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    return subprocess.call(cmd + args.jupyter_args)


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
    e.add_argument("--format", required=True, choices=["csv", "brat", "w3c"])
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
    from .grading import cli as grading_cli; grading_cli.register(sub)  # noqa: E702 - `kjpacts grade ...`
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
