"""Build the course website offline (``make site``): Jupyter Book 1 over a staged copy of the lessons.

Steps (all local; nothing is fetched at build or view time):

1. stage ``notebooks/CONTENTS.md`` (as the home page) and every notebook it lists, in its
   order, into ``site/_build/book``; add to each executed copy a banner that says its widgets are
   static snapshots and how to run them live, and a note after each cell that shows a widget;
2. copy the scripts the pages need from ``site/node_modules`` (npm: require.js and the widget
   html-manager with its fonts) into the book's ``_static``;
3. ``jupyter-book build`` (which executes every notebook and saves widget state);
4. scrub: remove sphinx-thebe's duplicate script (the ``THEBE_JS_URL`` page error) and any
   build-machine path an output printed, then check that none is left.

Run: ``.venv/bin/python site/build.py [--out DIR]``; the site is in ``site/_build/html``.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import nbformat

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
NOTEBOOKS = ROOT / "notebooks"
NODE = SITE / "node_modules"
FONTS = ("*.woff", "*.woff2", "*.ttf", "*.eot", "*.svg")
#: (npm file pattern under node_modules, where it goes in the book): _vendor ends up in the site's _static,
#: _extra in the site's root, where the widget CSS asks for its fonts (next to two AMD module ids)
ASSETS = [
    ("requirejs/require.js", "_vendor/require.js"),
    ("@jupyter-widgets/html-manager/dist/embed-amd.js", "_vendor/html-manager/embed-amd.js"),
    ("@jupyter-widgets/html-manager/dist/embed.js.LICENSE.txt", "_vendor/html-manager/LICENSE.txt"),
    *((f"@jupyter-widgets/html-manager/dist/{font}", folder)
      for font in FONTS for folder in ("_extra/@jupyter-widgets/", "_extra/@jupyter-widgets/html-manager/dist/")),
]
BINDER = "https://mybinder.org/v2/gh/{repo}/HEAD?labpath=notebooks%2F{name}"


class SiteError(RuntimeError):
    """A build step failed; the message says which and what to do."""


def course_order(contents: Path = NOTEBOOKS / "CONTENTS.md") -> list[str]:
    """Notebook file names in the order CONTENTS.md links them (lessons, then the 'Also' line)."""
    names: list[str] = []
    for name in re.findall(r"\]\(([^)/]+\.ipynb)\)", contents.read_text(encoding="utf-8")):
        if name not in names:
            names.append(name)
    missing = [n for n in names if not (contents.parent / n).is_file()]
    if not names or missing:
        raise SiteError(f"{contents}: links no notebooks or missing ones {missing}; run `kjpacts course`")
    return names


def _outside_links(text: str) -> str:
    """Links out of notebooks/ (``../docs/x.md``) name the file in the kit instead of breaking."""
    return re.sub(r"\[([^\]]+)\]\(\.\./([^)#]+)(#[^)]*)?\)", r"\1 (`\2` in the kit)", text)


def banner(name: str, repo: str) -> str:
    return (":::{note} Static snapshot\n"
            "This page is the notebook as it ran when the site was built. Its **widgets are static snapshots**: "
            "each is marked *static snapshot* below it, shows the state saved at build time, and does nothing "
            "when you move it, because no Python runs behind this page. To run the lesson live:\n\n"
            f"- **JupyterLab**: clone the kit, run `make lab` and open `notebooks/{name}`;\n"
            "- **a class JupyterHub**: your instructor's link (`docs/instructors/running-the-course.md` in the kit);\n"
            f"- **Binder**: [open this lesson on mybinder.org]({BINDER.format(repo=repo, name=name)}) (needs the internet).\n"
            ":::")


def stage_notebook(src: Path, dest: Path, repo: str) -> None:
    """Copy a lesson for the book, links out of notebooks/ made plain, with the banner after its title."""
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = _outside_links(cell.source)
    at = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and re.search(r"^# ", c.source, re.M)), -1)
    nb.cells.insert(at + 1, nbformat.v4.new_markdown_cell(banner(src.name, repo), metadata={"kjpacts-site": "banner"}))
    nbformat.write(nb, dest)


def stage(book: Path, repo: str) -> list[str]:
    if book.exists():
        shutil.rmtree(book)
    book.mkdir(parents=True)
    names = course_order()
    contents = _outside_links((NOTEBOOKS / "CONTENTS.md").read_text(encoding="utf-8"))
    contents = re.sub(r"<!--.*?-->\n?", "", contents, flags=re.S)
    (book / "index.md").write_text(contents + "\n\n" + banner_home(repo), encoding="utf-8")
    for name in names:
        stage_notebook(NOTEBOOKS / name, book / name, repo)
    toc = "format: jb-book\nroot: index\nchapters:\n" + "".join(f"- file: {Path(n).stem}\n" for n in names)
    (book / "_toc.yml").write_text(toc, encoding="utf-8")
    shutil.copy(SITE / "_config.yml", book / "_config.yml")
    # _vendor is copied into the site's _static (not _static itself: Jupyter Book would load every .js there);
    # _extra into the site's root
    for pattern, dest in ASSETS:
        found = sorted(NODE.glob(pattern))
        if not found:
            raise SiteError(f"{NODE / pattern} is missing: run `make site-deps` (npm ci in site/) first")
        for path in found:
            target = book / dest / path.name if dest.endswith("/") else book / dest
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return names


def banner_home(repo: str) -> str:
    return (":::{note} About this site\nEvery lesson below was run when the site was built; its widgets are "
            "static snapshots. To run the course live, clone the kit and run `make lab`, use your class "
            f"JupyterHub, or [start it on mybinder.org]({BINDER.format(repo=repo, name='00-start-here.ipynb')}).\n:::\n")


def build_machine_paths() -> list[str]:
    """Prefixes that would leak the build machine into a page."""
    paths = {str(ROOT), str(Path(sys.prefix)), sysconfig.get_paths()["purelib"], str(Path.home())}
    return sorted((p for p in paths if len(p) > 1), key=len, reverse=True)


THEBE = re.compile(r"<script>\s*const THEBE_JS_URL = .*?</script>\s*", re.S)
#: a saved widget view; the html-manager renders the widget just before it
VIEW = re.compile(r'(<script type="application/vnd\.jupyter\.widget-view\+json">.*?</script>)', re.S)
NOTE = ('<p class="kjpacts-snapshot-note"><em>Static snapshot</em> of a widget, as saved when the site was built: '
        'it does not respond here. Run the lesson live (see the note at the top of the page) to use it.</p>')
#: the kit's scrollable text regions (kjpacts widgets) get a tab stop, so keyboard users can scroll them
REGION = re.compile(r'role=\\"region\\"(?! tabindex)')
SITE_PACKAGES = re.compile(r"(?:/[^\s\"'<>/]+)*/site-packages/")


def scrub_text(text: str, leaks: list[str]) -> str:
    """One page: no duplicate THEBE_JS_URL script, a snapshot note under each widget, no build-machine path."""
    text = THEBE.sub("", text)
    text = VIEW.sub(lambda m: m.group(1) + NOTE, text)
    text = REGION.sub(r'role=\\"region\\" tabindex=\\"0\\"', text)
    text = SITE_PACKAGES.sub("…/", text)
    for prefix in leaks:
        text = text.replace(prefix, "…")
    return text


def scrub(html: Path) -> int:
    """Rewrite every page with scrub_text; fail if a build-machine path is left anywhere; returns pages changed."""
    changed = 0
    leaks = build_machine_paths()
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = scrub_text(text, leaks)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    left = [str(p.relative_to(html)) for p in html.rglob("*") if p.is_file() and p.suffix in (".html", ".js", ".txt")
            for prefix in leaks if prefix in p.read_text(encoding="utf-8", errors="replace")]
    if left:
        raise SiteError(f"build-machine paths are still in {sorted(set(left))[:5]}")
    return changed


def build(out: Path, repo: str) -> Path:
    book = SITE / "_build" / "book"
    stage(book, repo)
    cmd = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(book), "--path-output", str(book),
           "--keep-going", "--quiet"]
    proc = subprocess.run(cmd, cwd=book, capture_output=True, text=True)
    html = book / "_build" / "html"
    log = proc.stdout + proc.stderr
    if proc.returncode != 0 or not (html / "index.html").is_file():
        raise SiteError(f"jupyter-book build failed (exit {proc.returncode}):\n{log[-4000:]}")
    failed = re.findall(r"(?:Executing notebook failed|Notebook exception).*", log)
    if failed:
        raise SiteError("a notebook failed to execute:\n" + "\n".join(failed[:5]) + f"\n{log[-3000:]}")
    scrub(html)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(html, out)
    (out / ".nojekyll").touch()
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="site/build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SITE / "_build" / "html"))
    parser.add_argument("--repo", default=json.loads((SITE / "site.json").read_text())["repo"],
                        help="GitHub owner/name for the Binder links (site/site.json)")
    args = parser.parse_args(argv)
    try:
        out = build(Path(args.out).resolve(), args.repo)
    except SiteError as err:
        print(f"site: {err}", file=sys.stderr)
        return 1
    print(f"site: built {out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
