"""The sandboxed grading kernel: ipykernel wrapped in bubblewrap.

``kjpacts grade`` installs a kernelspec named ``kjpacts-sandbox`` whose command is::

    python -m kjpacts.grading.sandbox -f {connection_file}

This launcher runs outside the sandbox. It works out what the kernel may read (nbgrader starts
every kernel in the folder of the notebook it grades, ``autograded/<student>/<assignment>/``)
and then starts ``python -m kjpacts.grading.kernel`` inside ``bwrap`` with:

- **only what a kernel needs, read-only**: ``/usr`` (and the top-level links into it), a short
  list of files from ``/etc``, the Python installation, the ``sys.path`` folders and the kit's
  package folder. Nothing else of the host is there: no home folders, no course folder, no
  checkout of the kit (its ``exercises/source`` solutions and the instructor answer key), no
  other course a machine holds. A folder is never mounted when it holds the course folder, is
  inside it, is the root of a git checkout (an editable kit needs only its ``src/``) or is in a
  git history. The course folder, the wheel's shipped corpus inside the kit's package folder,
  ``$KJPACTS_SANDBOX_HIDE`` and the gradebook's folder become empty read-only folders (hidden
  where they fall inside what is mounted; read-only where the folders bwrap makes for the
  submission's mount point would otherwise leave them writable in the fresh ``/tmp``);
- **the grading corpus** (``$KJPACTS_SANDBOX_CORPUS``: autograde's copy of the corpus with
  the problem set's answers withheld, see :mod:`kjpacts.grading.withheld`; else the kit's
  corpus) read-only at :data:`KERNEL_CORPUS`, where ``$KJPACTS_CORPUS`` points;
- only the submission's own folder writable, plus the private folder of the kernel's
  connection file and IPC sockets (the network is unshared, so the kernel talks to nbgrader
  over Unix sockets: ``transport = "ipc"``);
- **its own process namespace** (``--unshare-pid``, a fresh ``/proc``): the kernel sees only
  its own processes, so it can neither signal the grader (same uid) nor find its folders
  through ``/proc/<pid>/cwd``. ``JPY_PARENT_PID`` is not passed in (ipykernel would poll a
  parent it cannot see); ``--die-with-parent`` ends the kernel with the launcher;
- every capability dropped (``--cap-drop ALL``: run as root, bwrap would keep them);
- no network (``--unshare-net``), ``--new-session``, a cleared environment and resource
  limits (address space, file size, no core files).

The kernelspec says ``"interrupt_mode": "message"`` so timeouts interrupt the kernel through
the control channel, not by signalling bwrap.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

from kjpacts.paths import PACKAGE_DIR
from kjpacts.paths import corpus_dir as kit_corpus_dir

KERNEL_NAME = "kjpacts-sandbox"
BWRAP = os.environ.get("KJPACTS_BWRAP", "/usr/bin/bwrap")
#: Prefix of the private folder holding one kernel's connection file and sockets.
PRIVATE_PREFIX = "kjpacts-kernel-"
#: Folders the sandbox gets fresh and empty (nothing of the host shows there).
FRESH = (Path("/tmp"), Path("/var/tmp"), Path("/run"))
#: The system, read-only: ``/usr`` and, as on the host, the top-level links into it or folders.
SYSTEM = (Path("/usr"),)
TOP_LEVEL = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
#: The files of ``/etc`` a Python kernel reads (the dynamic linker, users, time zone, TLS, fonts).
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "passwd", "group", "nsswitch.conf", "localtime",
       "timezone", "ssl", "ca-certificates", "fonts", "mime.types", "alternatives", "matplotlibrc",
       "os-release", "debian_version", "locale.alias", "locale.gen", "default")
#: Where the kernel finds its corpus (``$KJPACTS_CORPUS`` inside the sandbox).
KERNEL_CORPUS = "/run/kjpacts/corpus"
#: The corpus the launcher mounts at KERNEL_CORPUS (set by autograde; else the kit's corpus).
SANDBOX_CORPUS_ENV = "KJPACTS_SANDBOX_CORPUS"

#: Environment variables passed into the sandbox (everything else is cleared).
KEEP_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH", "PYTHONHASHSEED",
            "NLTK_DATA", "KJPACTS_NLTK_DIR", "JPY_SESSION_NAME", "MPLBACKEND",
            "PYDEVD_DISABLE_FILE_VALIDATION", "TERM", "KJPACTS_SANDBOX_FAST_IMPORTS")

#: Resource limits (overridable by environment variables of the same name).
LIMITS = {
    "KJPACTS_SANDBOX_MEMORY_MB": (resource.RLIMIT_AS, 4096),
    "KJPACTS_SANDBOX_FILE_MB": (resource.RLIMIT_FSIZE, 64),
}


class SandboxUnavailable(RuntimeError):
    pass


def bwrap_available() -> str | None:
    """Why the sandbox cannot run here, or None when it can."""
    if not Path(BWRAP).is_file():
        return f"{BWRAP} not found: install bubblewrap (sudo apt-get install bubblewrap)"
    probe = subprocess.run([BWRAP, "--ro-bind", "/", "/", "--unshare-net", "true"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return ("bubblewrap cannot create a sandbox here (unprivileged user namespaces disabled?): "
                + probe.stderr.strip())
    return None


def kernelspec(python: str | None = None) -> dict:
    return {
        "argv": [python or sys.executable, "-m", "kjpacts.grading.sandbox", "-f", "{connection_file}"],
        "display_name": "Python 3 (kjpacts grading sandbox)",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"kjpacts": "bubblewrap sandbox for nbgrader autograde; see kjpacts.grading.sandbox"},
    }


def install_kernelspec(dest_root: Path, python: str | None = None) -> Path:
    """Write ``<dest_root>/kernels/kjpacts-sandbox/kernel.json``; return the kernel folder.

    Put ``dest_root`` on ``JUPYTER_PATH`` (the wrapper does) or use a Jupyter data
    folder (``jupyter --data-dir``) to make the kernel visible to the formgrader too.
    """
    folder = Path(dest_root) / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(kernelspec(python), indent=1) + "\n"
    target = folder / "kernel.json"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return folder


def find_course_dir(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds ``nbgrader_config.py``."""
    env = os.environ.get("KJPACTS_COURSE_DIR")
    if env:
        return Path(env).resolve()
    for folder in [start, *start.parents]:
        if (folder / "nbgrader_config.py").is_file():
            return folder
    return None


def _git_worktree(path: Path) -> Path | None:
    for folder in [path, *path.parents]:
        if (folder / ".git").exists():
            return folder
    return None


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def corpus_dir(env: dict[str, str] | None = None) -> Path | None:
    """The corpus folder the kernel gets: ``$KJPACTS_SANDBOX_CORPUS`` (autograde's copy with the
    answers withheld), else the kit's one lookup (``$KJPACTS_CORPUS``, else the shipped copy;
    :func:`kjpacts.paths.corpus_dir`); None when there is none."""
    env = dict(os.environ if env is None else env)
    if env.get(SANDBOX_CORPUS_ENV):
        return Path(env[SANDBOX_CORPUS_ENV]).expanduser().resolve()
    try:
        return kit_corpus_dir().expanduser().resolve()
    except FileNotFoundError:
        return None


def _data_dirs(env: dict[str, str]) -> list[Path]:
    """NLTK data folders the kernel may be pointed at (``$NLTK_DATA``, ``$KJPACTS_NLTK_DIR``)."""
    paths = [p for p in env.get("NLTK_DATA", "").split(os.pathsep) if p]
    return [Path(p) for p in paths + [env.get("KJPACTS_NLTK_DIR", "")] if p]


def plan(workdir: Path, connection_file: Path, env: dict[str, str] | None = None) -> dict:
    """What the kernel may read (``readable``), what is covered inside that (``hide``), what is
    writable, and which corpus it gets."""
    env = dict(os.environ if env is None else env)
    workdir = workdir.resolve()
    course = find_course_dir(workdir)
    if course is None:
        raise SandboxUnavailable(
            f"no nbgrader_config.py above {workdir}: the sandbox only grades inside a course folder")
    if not _inside(workdir, course) or workdir == course:
        raise SandboxUnavailable(f"{workdir} is not a submission folder inside the course folder {course}")
    hide: list[Path] = [course, PACKAGE_DIR / "_corpus"]
    for extra in filter(None, env.get("KJPACTS_SANDBOX_HIDE", "").split(os.pathsep)):
        hide.append(Path(extra).resolve())
    if env.get("KJPACTS_GRADEBOOK"):
        hide.append(Path(env["KJPACTS_GRADEBOOK"]).resolve().parent)

    readable: list[Path] = []
    candidates = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent,
                  PACKAGE_DIR.parent, *(Path(p) for p in sys.path if p), *_data_dirs(env)]
    for c in candidates:
        try:
            c = c.resolve()
        except OSError:
            continue
        if not c.is_dir() or c == Path("/") or c in readable:
            continue
        if _inside(c, course) or _inside(course, c) or ".git" in c.parts or (c / ".git").exists():
            continue  # never the course folder, a folder holding it, a checkout's root or git history
        if any(_inside(c, s) for s in SYSTEM):
            continue  # already there with the system
        readable.append(c)
    readable = sorted(readable, key=lambda p: len(p.parts))
    # each becomes an empty read-only folder: hidden where it falls inside what is mounted, and
    # read-only where a folder bwrap makes for a mount point (the submission's) would put it in a fresh tmpfs
    hide = sorted({h for h in hide if h == course or h.exists()}, key=lambda p: len(p.parts))
    return {
        "course": course,
        "readable": readable,
        "hide": hide,
        "writable": [workdir, connection_file.resolve().parent],
        "workdir": workdir,
        "corpus": corpus_dir(env),
    }


def _system_mounts() -> list[str]:
    cmd: list[str] = []
    for path in SYSTEM:
        cmd += ["--ro-bind", str(path), str(path)]
    for name in TOP_LEVEL:
        top = Path("/") / name
        if top.is_symlink():
            cmd += ["--symlink", os.readlink(top), str(top)]
        elif top.is_dir():
            cmd += ["--ro-bind", str(top), str(top)]
    for name in ETC:
        cmd += ["--ro-bind-try", f"/etc/{name}", f"/etc/{name}"]
    return cmd


def bwrap_command(p: dict, kernel_cmd: list[str], env: dict[str, str]) -> list[str]:
    cmd = [BWRAP, *_system_mounts(), "--dev", "/dev", "--proc", "/proc"]
    for fresh in FRESH:
        cmd += ["--tmpfs", str(fresh)]
    # shallow paths first, so that a deeper mount always lands on top of a shallower one:
    # the venv put back, a hidden folder inside it covered again
    mounts = [(h, "--tmpfs") for h in p["hide"]] + [(r, "--ro-bind") for r in p["readable"]]
    for path, how in sorted(mounts, key=lambda m: (len(m[0].parts), m[1] == "--tmpfs")):
        cmd += [how, str(path)] if how == "--tmpfs" else [how, str(path), str(path)]
    for w in p["writable"]:
        cmd += ["--bind", str(w), str(w)]
    for h in p["hide"]:
        cmd += ["--remount-ro", str(h)]
    if p.get("corpus") is not None:
        cmd += ["--ro-bind", str(p["corpus"]), KERNEL_CORPUS]
    # --cap-drop ALL: as root bwrap would keep every capability (ptrace the grader, unmount what hides)
    cmd += ["--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-pid", "--new-session",
            "--die-with-parent", "--cap-drop", "ALL", "--chdir", str(p["workdir"]), "--clearenv"]
    if p.get("corpus") is not None:
        env = {**env, "KJPACTS_CORPUS": KERNEL_CORPUS}
    for key, value in env.items():
        cmd += ["--setenv", key, value]
    return cmd + ["--"] + kernel_cmd


def sandbox_env(src: dict[str, str], home: str) -> dict[str, str]:
    env = {k: v for k, v in src.items() if k in KEEP_ENV or k.startswith("LC_")}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env["HOME"] = home
    env["TMPDIR"] = "/tmp"
    env["MPLBACKEND"] = "Agg"
    env["KJPACTS_SANDBOXED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _set_limits() -> None:
    for name, (which, default_mb) in LIMITS.items():
        mb = int(os.environ.get(name, default_mb))
        if mb > 0:
            try:
                resource.setrlimit(which, (mb * 1024 * 1024, mb * 1024 * 1024))
            except (ValueError, OSError):
                pass
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def refuse_tracing() -> None:
    """Make this (the grader's) process non-dumpable: a same-uid process without CAP_SYS_PTRACE
    may then not ptrace it (Linux; elsewhere nothing happens)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_DUMPABLE = 4
        libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kjpacts.grading.sandbox")
    ap.add_argument("-f", dest="connection_file", required=True)
    ap.add_argument("--dry-run", action="store_true", help="print the bwrap command and exit")
    args, extra = ap.parse_known_args(argv)
    problem = bwrap_available() if not args.dry_run else None
    if problem:
        print(f"kjpacts sandbox: {problem}", file=sys.stderr)
        return 3
    conn = Path(args.connection_file)
    try:
        info = json.loads(conn.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"kjpacts sandbox: cannot read the connection file {conn}: {exc}", file=sys.stderr)
        return 3
    if info.get("transport") != "ipc" or not conn.resolve().parent.name.startswith(PRIVATE_PREFIX):
        print("kjpacts sandbox: the kernel needs IPC transport and a private connection folder "
              f"({PRIVATE_PREFIX}*); run autograde through `kjpacts grade autograde` "
              "(nbgrader_config.py sets kjpacts.grading.preprocessors.execute.SandboxExecute)", file=sys.stderr)
        return 3
    try:
        p = plan(Path.cwd(), conn)
    except SandboxUnavailable as exc:
        print(f"kjpacts sandbox: {exc}", file=sys.stderr)
        return 3
    env = sandbox_env(dict(os.environ), "/tmp/home")  # /tmp is a fresh tmpfs in the sandbox
    kernel = [sys.executable, "-m", "kjpacts.grading.kernel", "-f", str(conn.resolve()), *extra]
    cmd = bwrap_command(p, kernel, env)
    if args.dry_run:
        print(json.dumps(cmd, indent=1))
        return 0
    proc = subprocess.Popen(cmd, preexec_fn=_set_limits, stdin=subprocess.DEVNULL)

    def forward(signum, _frame):
        try:
            proc.send_signal(signum)
        except OSError:
            pass

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, forward)
    return proc.wait()  # the kernel's process namespace ends with it: nothing is left behind


if __name__ == "__main__":
    sys.exit(main())
