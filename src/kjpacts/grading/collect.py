"""``kjpacts grade collect``: submissions from a folder or LMS downloads into ``submitted/``.

Every file of a download ends up somewhere a person can see: in a student's
``submitted/<student>/<ps>/`` folder, or in the list of unmatched files with the reason.
LMS layouts (the path of each file inside the zip is matched):

- ``moodle``: "Download all submissions" as single files
  (``Name_123_assignsubmission_file_ps.ipynb``) or "download submissions in folders"
  (``Name_123_assignsubmission_file/ps.ipynb``); the student id is Moodle's participant id;
- ``canvas``: ``lastfirst_[LATE_]<user id>_<submission id>_<file>``;
- ``blackboard``: ``<assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>[_<file>]``; the
  latest attempt of each student is collected, earlier ones are listed;
- ``generic``: ``<student>_<file>.ipynb`` or ``<student>/<file>.ipynb``.

Each collected folder gets ``timestamp.txt`` (nbgrader's submission time): the file's own
time for ``--from``, the time recorded in the zip (or Blackboard's attempt time) for ``--zip``.
"""

from __future__ import annotations

import re
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from .course import Course, GradingError

#: Per layout: patterns tried in order against the path inside the archive (``/`` separated).
LMS_PATTERNS: dict[str, list[str]] = {
    "moodle": [r"(?:^|/)[^/]*_(?P<student_id>\d+)_assignsubmission_file_(?P<file_id>[^/]+)$",
               r"(?:^|/)[^/]*_(?P<student_id>\d+)_assignsubmission_\w+/(?:.*/)?(?P<file_id>[^/]+)$"],
    "canvas": [r"(?:^|/)[^/_]+_(?:LATE_|late_)?(?P<student_id>\d+)_\d+_(?P<file_id>[^/]+)$"],
    "blackboard": [r"(?:^|/)[^/]*?_(?P<student_id>[^_/]+)_attempt_(?P<attempt>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})"
                   r"(?:_(?P<file_id>[^/]+)|(?P<record>\.txt))$"],
    "generic": [r"(?:^|/)(?P<student_id>[A-Za-z0-9.@-]+)_(?P<file_id>[^/]+\.ipynb)$",
                r"(?:^|/)(?P<student_id>[A-Za-z0-9.@-]+)/(?P<file_id>[^/]+)$"],
}
#: Files every archive tool adds and nobody submitted.
SYSTEM_FILES = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")


@dataclass
class Found:
    """One student's files in a download."""

    student: str
    files: dict[str, bytes | Path] = field(default_factory=dict)  # name in the folder -> content
    when: float | None = None
    attempt: str = ""
    paths: dict[str, str] = field(default_factory=dict)  # name in the folder -> where it came from


@dataclass
class Collected:
    """What ``collect`` did: per student, and the files it could not place."""

    results: dict[str, str] = field(default_factory=dict)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)

    def lines(self) -> list[str]:
        out = [f"{s:<20} {how}" for s, how in sorted(self.results.items())]
        if self.unmatched:
            out.append(f"\n{len(self.unmatched)} file(s) not collected:")
            out += [f"  {name}: {why}" for name, why in self.unmatched]
        return out


def stamp(when: float) -> str:
    """nbgrader's ``timestamp.txt`` text for the POSIX time ``when``."""
    return datetime.fromtimestamp(when, timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def match(path: str, patterns: list[str]) -> re.Match | None:
    for pat in patterns:
        m = re.search(pat, path)
        if m:
            return m
    return None


def read_zip(archive: Path, patterns: list[str], ps: str, out: Collected) -> dict[str, Found]:
    """Students' files in one LMS zip; every other file goes to ``out.unmatched`` with a reason."""
    found: dict[str, Found] = {}
    earlier: list[tuple[str, str]] = []
    try:
        z = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise GradingError(f"{archive}: not a readable zip file ({exc})") from None
    with z:
        for info in z.infolist():
            name = info.filename
            shown = f"{archive.name}:{name}"
            if info.is_dir():
                continue
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts:
                out.unmatched.append((shown, "unsafe path in the archive: not extracted"))
                continue
            if SYSTEM_FILES.search(name):
                out.unmatched.append((shown, "ignored: a file the archiver adds"))
                continue
            m = match(name, patterns)
            if m is None:
                out.unmatched.append((shown, "its path matches no pattern of this layout (try --lms or --regexp)"))
                continue
            student = m.group("student_id")
            file_id = m.groupdict().get("file_id") or PurePosixPath(name).name
            attempt = m.groupdict().get("attempt") or ""
            if m.groupdict().get("record"):
                out.unmatched.append((shown, "Blackboard's attempt record (not a submission file)"))
                continue
            when = time.mktime(info.date_time + (0, 0, -1))
            if attempt:
                when = datetime.strptime(attempt, "%Y-%m-%d-%H-%M-%S").replace(tzinfo=timezone.utc).timestamp()
            f = found.get(student)
            if f is not None and attempt and f.attempt and attempt != f.attempt:
                if attempt < f.attempt:
                    earlier.append((shown, f"an earlier attempt of {student} ({attempt}); the latest is collected"))
                    continue
                earlier += [(f.paths[n], f"an earlier attempt of {student} ({f.attempt}); the latest is collected")
                            for n in f.files]
                f = None
            if f is None:
                f = found[student] = Found(student, attempt=attempt)
            if file_id in f.files:
                out.unmatched.append((shown, f"{student} already has a file named {file_id} in this download"))
                continue
            f.files[file_id] = z.read(info)
            f.paths[file_id] = shown
            f.when = max(f.when or when, when)
    out.unmatched += earlier
    return found


def read_folder(src: Path, ps: str, out: Collected) -> dict[str, Found]:
    """``<student>/`` folders (optionally ``<student>/<ps>/``) or ``<student>.ipynb`` files."""
    if not src.is_dir():
        raise GradingError(f"{src}: not a folder")
    found: dict[str, Found] = {}
    for entry in sorted(src.iterdir()):
        if entry.is_dir():
            inner = entry / ps if (entry / ps).is_dir() else entry
            files = {str(p.relative_to(inner)): p for p in sorted(inner.rglob("*"))
                     if p.is_file() and ".ipynb_checkpoints" not in p.parts}
            if not files:
                out.unmatched.append((entry.name + "/", "an empty folder"))
                continue
            found[entry.name] = Found(entry.name, files, max(p.stat().st_mtime for p in files.values()))
        elif entry.suffix == ".ipynb":
            found[entry.stem] = Found(entry.stem, {f"{ps}.ipynb": entry}, entry.stat().st_mtime)
        else:
            out.unmatched.append((entry.name, "a loose file that is not a notebook (put it in a <student>/ folder)"))
    return found


def _content(x: bytes | Path) -> bytes:
    return x if isinstance(x, bytes) else x.read_bytes()


def merge(course: Course, ps: str, f: Found, replace: bool) -> str:
    """Write one student's files into ``submitted/<student>/<ps>/``; never over a different one silently."""
    dest = course.submitted / f.student / ps
    files = {name: _content(c) for name, c in f.files.items()}
    if f.when is not None:
        files.setdefault("timestamp.txt", stamp(f.when).encode())
    if dest.exists():
        same = all((dest / n).is_file() and (dest / n).read_bytes() == data for n, data in files.items())
        if same:
            return "unchanged"
        if not replace:
            return "kept the earlier submission (a different one was offered; use --replace)"
        backup = course.backup(dest, f"replaced by a new submission of {f.student}")
        how = f"replaced (earlier one moved to {backup.relative_to(course.root)})"
    else:
        how = "collected"
    for name, data in files.items():
        out = dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    if not any(n.endswith(".ipynb") for n in files):
        how += " (no notebook in it: pre-flight will report it missing)"
    return how


def collect(course: Course, ps: str, *, from_dir: str | None = None, zips: list[str] | None = None,
            lms: str = "generic", regexp: str | None = None, replace: bool = False) -> Collected:
    """Collect ``ps`` submissions from a folder or LMS zip files into the course."""
    ps = course.check_assignment(ps)
    out = Collected()
    if zips:
        patterns = [regexp] if regexp else LMS_PATTERNS[lms]
        if regexp and "(?P<student_id>" not in regexp:
            raise GradingError("--regexp needs a named group (?P<student_id>...)")
        found: dict[str, Found] = {}
        for z in zips:
            for student, f in read_zip(Path(z), patterns, ps, out).items():
                if student in found:
                    out.unmatched += [(f.paths[n], f"{student} is also in an earlier zip; that one is kept")
                                      for n in f.files]
                    continue
                found[student] = f
    else:
        found = read_folder(Path(from_dir or "."), ps, out)
    if not found:
        reasons = "; ".join(f"{n}: {w}" for n, w in out.unmatched[:5])
        raise GradingError(f"no submissions found ({reasons or 'the source is empty'})")
    for student, f in sorted(found.items()):
        out.results[student] = merge(course, ps, f, replace)
    return out
