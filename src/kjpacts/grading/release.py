"""Student versions of the problem sets, kept in sync with the sources.

``kjpacts grade release-sync`` runs ``nbgrader generate_assignment`` in a
throw-away copy of the course folder (so it needs no gradebook) and copies the
result into ``exercises/release/<ps>/``. ``release/.manifest.json`` records the
hash of every file it wrote. A release file whose hash no longer matches the
manifest was edited after it was generated (a student working in the repo
copy): it is never overwritten; ``--force`` first renames it to
``<ps>-my-copy-<time>.ipynb`` beside the new one.

Students are told to work on a copy (``kjpacts grade start <ps>`` copies the
release into ``~/kjpacts-work/<ps>/`` and refuses to overwrite an existing
copy), so regenerating a release never touches their work.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from kjpacts.grading.pipeline import log_path

from .course import Course, GradingError

MANIFEST = ".manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _manifest(release: Path) -> dict[str, str]:
    path = release / MANIFEST
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError) as exc:
        raise GradingError(f"{path}: unreadable manifest ({exc}); restore it from git") from None


def _write_manifest(release: Path, files: dict[str, str]) -> None:
    text = json.dumps({"about": "sha256 of each file written by `kjpacts grade release-sync`; "
                                "a file that no longer matches was edited and is never overwritten",
                       "files": dict(sorted(files.items()))}, indent=1) + "\n"
    (release / MANIFEST).write_text(text, encoding="utf-8")


@dataclass
class SyncResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)   # differs from the sources (check mode)
    edited: list[str] = field(default_factory=list)     # edited after generation: kept
    backed_up: list[str] = field(default_factory=list)  # edited copies renamed (--force)
    extra: list[str] = field(default_factory=list)      # in release/ but not generated
    registered: list[str] = field(default_factory=list)  # problem sets registered in the gradebook

    @property
    def in_sync(self) -> bool:
        return not (self.outdated or self.edited)

    def lines(self) -> list[str]:
        out = list(self.registered) + [f"written: {p}" for p in self.written]
        out += [f"out of date: {p}" for p in self.outdated]
        out += [f"edited after release, NOT overwritten: {p} (rerun with --force to keep it as a copy and regenerate)"
                for p in self.edited]
        out += [f"your edited copy kept as: {p}" for p in self.backed_up]
        out += [f"not generated from source/ (left alone): {p}" for p in self.extra]
        return out


def generate_into(course: Course, dest_root: Path, assignments: list[str], log: Path | None = None) -> Path:
    """Run generate_assignment in a scratch copy of ``course``; return its release folder."""
    scratch = dest_root / "course"
    scratch.mkdir(parents=True)
    shutil.copy2(course.root / "nbgrader_config.py", scratch / "nbgrader_config.py")
    for ps in assignments:
        shutil.copytree(course.source / ps, scratch / "source" / ps,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    generate(Course(scratch), assignments, log=log)
    return scratch / "release"


def generate(course: Course, assignments: list[str], *extra: str, log: Path | None = None) -> None:
    """``nbgrader generate_assignment`` for each assignment (one process when it is all of them)."""
    if sorted(assignments) == course.assignments():
        course.nbgrader("generate_assignment", "*", "--force", *extra, log=log, check=True)
        return
    for ps in assignments:
        course.nbgrader("generate_assignment", ps, "--force", *extra, log=log, check=True)


def clean_notebook(path: Path) -> None:
    """Outputs and execution counts cleared (generate_assignment already does this)."""
    nb = nbformat.read(path, as_version=4)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            cell.outputs, cell.execution_count = [], None
            changed = True
    if changed:
        nbformat.write(nb, path)


def sync_release(generated: Path, release: Path, assignments: list[str], *, check: bool = False,
                 force: bool = False) -> SyncResult:
    result = SyncResult()
    manifest = _manifest(release)
    new_manifest = dict(manifest)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for ps in assignments:
        produced = sorted(p for p in (generated / ps).rglob("*") if p.is_file())
        names = {p.relative_to(generated).as_posix() for p in produced}
        for src in produced:
            if src.suffix == ".ipynb":
                clean_notebook(src)
            rel = src.relative_to(generated).as_posix()
            dest = release / rel
            new_hash = sha256(src)
            if dest.is_file():
                cur = sha256(dest)
                if cur == new_hash:
                    result.unchanged.append(rel)
                    new_manifest[rel] = new_hash
                    continue
                pristine = manifest.get(rel) == cur
                if not pristine:
                    if check or not force:
                        result.edited.append(rel)
                        continue
                    keep = dest.with_name(f"{dest.stem}-my-copy-{stamp}{dest.suffix}")
                    dest.rename(keep)
                    result.backed_up.append(keep.relative_to(release).as_posix())
                elif check:
                    result.outdated.append(rel)
                    continue
            elif check:
                result.outdated.append(rel)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
            new_manifest[rel] = new_hash
            result.written.append(rel)
        folder = release / ps
        if folder.is_dir():
            for p in sorted(folder.rglob("*")):
                rel = p.relative_to(release).as_posix()
                if p.is_file() and rel not in names and "-my-copy-" not in p.name and ".ipynb_checkpoints" not in rel:
                    result.extra.append(rel)
    if not check and (result.written or set(new_manifest) != set(manifest)):
        release.mkdir(parents=True, exist_ok=True)
        _write_manifest(release, new_manifest)
    return result


def release_sync(course: Course, assignments: list[str] | None = None, *, check: bool = False,
                 force: bool = False) -> SyncResult:
    assignments = [course.check_assignment(a) for a in assignments] if assignments else course.assignments()
    with tempfile.TemporaryDirectory(prefix="kjpacts-release-") as tmp:
        generated = generate_into(course, Path(tmp), assignments, log=Path(tmp) / "nbgrader.log")
        return sync_release(generated, course.release, assignments, check=check, force=force)


def lab_root(course: Course) -> Path | None:
    """The folder ``make lab`` opens (the repository around the course folder), if there is one."""
    repo = course.root.parent
    if (repo / "Makefile").is_file() and (repo / "notebooks").is_dir():
        return repo
    return None


def work_folder(course: Course) -> Path:
    """Where ``start`` copies by default: ``my-work/`` in the Lab's folder, else ``~/kjpacts-work``."""
    root = lab_root(course)
    return root / "my-work" if root is not None else Path("~/kjpacts-work").expanduser()


def lab_path(course: Course, path: Path) -> str | None:
    """``path`` as the JupyterLab file browser shows it under ``make lab`` (None: outside it)."""
    root = lab_root(course)
    try:
        return str(path.resolve().relative_to(root.resolve())) if root is not None else None
    except ValueError:
        return None


def start(course: Course, ps: str, dest: Path) -> Path:
    """Copy the release of ``ps`` into ``dest/<ps>/``; refuse to overwrite a started copy."""
    ps = course.check_assignment(ps)
    src = course.release / ps
    if not (src / f"{ps}.ipynb").is_file():
        raise GradingError(f"{src}: no released notebook; ask your instructor or run `kjpacts grade release-sync`")
    target = Path(dest).expanduser().resolve() / ps
    notebook = target / f"{ps}.ipynb"
    if notebook.exists():
        raise GradingError(f"{notebook} already exists: that is your work, it is not overwritten. "
                           "Open it, or choose another folder with --dest.")
    target.mkdir(parents=True, exist_ok=True)
    ignore = target.parent / ".gitignore"
    if target.parent == work_folder(course) and not ignore.exists():
        ignore.write_text("# students' own work: never committed to the course repository\n*\n", encoding="utf-8")
    for p in sorted(src.rglob("*")):
        if p.is_file() and "-my-copy-" not in p.name and ".ipynb_checkpoints" not in p.parts:
            out = target / p.relative_to(src)
            if out.exists():
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, out)
    return notebook


def generate_and_sync(course: Course, assignments: list[str] | None, force: bool = False) -> SyncResult:
    """``nbgrader generate_assignment`` into a scratch folder, then release/ synced from it."""
    import tempfile


    names = [course.check_assignment(a) for a in assignments] if assignments else course.assignments()
    with tempfile.TemporaryDirectory(prefix="generated-", dir=course.private) as tmp:
        generate(course, names, f"--CourseDirectory.release_directory={tmp}", log=log_path(course, "generate"))
        result = sync_release(Path(tmp), course.release, names, force=force)
    result.registered = [f"{ps}: registered in {course.gradebook.name}" for ps in names]
    return result
