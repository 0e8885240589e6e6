"""The sandboxed grading kernel: ipykernel wrapped in bubblewrap.

``kjpacts grade`` installs a kernelspec named ``kjpacts-sandbox`` whose command is::

    python -m kjpacts.grading.sandbox -f {connection_file}

This launcher runs outside the sandbox. It works out what to hide from the
kernel's current folder (nbgrader starts every kernel in the folder of the
notebook it grades, ``autograded/<student>/<assignment>/``) and then starts
``python -m ipykernel_launcher`` inside ``bwrap`` with:

- the whole system mounted read-only, fresh ``/tmp``, ``/run``, ``/dev``;
  ``/proc`` is hidden (an empty tmpfs): without ``--unshare-pid`` a fresh proc
  would show the grader's own process, and ``/proc/<pid>/cwd`` leads back into
  the course folder;
- the home folder, the course folder, the git work tree around it and every
  ``KJPACTS_SANDBOX_HIDE`` path replaced by empty tmpfs folders; the Python
  installation, the ``sys.path`` folders (an editable kjpacts) and the corpus
  are put back read-only, never anything inside the course folder;
- only the submission's own folder writable, plus the private folder of the
  kernel's connection file and IPC sockets (the network is unshared, so the
  kernel talks to nbgrader over Unix sockets: ``transport = "ipc"``);
- every capability dropped (``--cap-drop ALL``: run as root, bwrap would keep them, and
  ``CAP_SYS_PTRACE`` lets the kernel trace the grader's process);
- no network (``--unshare-net``), ``--new-session``, ``--die-with-parent``, a
  cleared environment and resource limits (address space, file size, no core
  files). ``--unshare-pid`` is NOT used: ipykernel's parent polling exits when
  its parent is PID 1; the launcher is a child subreaper instead and kills any
  process the kernel left behind when the kernel exits.

The kernelspec says ``"interrupt_mode": "message"`` so timeouts interrupt the
kernel through the control channel, not by signalling bwrap.
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

from kjpacts.paths import corpus_dir as kit_corpus_dir

KERNEL_NAME = "kjpacts-sandbox"
BWRAP = os.environ.get("KJPACTS_BWRAP", "/usr/bin/bwrap")
#: Prefix of the private folder holding one kernel's connection file and sockets.
PRIVATE_PREFIX = "kjpacts-kernel-"
#: Folders the sandbox gets fresh and empty (nothing of the host shows there).
FRESH = (Path("/tmp"), Path("/var/tmp"), Path("/run"), Path("/proc"))

#: Environment variables passed into the sandbox (everything else is cleared).
KEEP_ENV = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH", "PYTHONHASHSEED",
            "NLTK_DATA", "KJPACTS_NLTK_DIR", "JPY_PARENT_PID", "JPY_SESSION_NAME", "MPLBACKEND",
            "PYDEVD_DISABLE_FILE_VALIDATION", "TERM", "KJPACTS_SANDBOX_FAST_IMPORTS", "KJPACTS_CORPUS")

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


def corpus_dir() -> Path | None:
    """The corpus folder the kernel may read: the kit's one lookup (``$KJPACTS_CORPUS``, else the
    shipped copy; :func:`kjpacts.paths.corpus_dir`), or None when there is none."""
    try:
        return kit_corpus_dir().expanduser().resolve()
    except FileNotFoundError:
        return None


def plan(workdir: Path, connection_file: Path, env: dict[str, str] | None = None) -> dict:
    """What to hide, what to put back read-only, and what to make writable."""
    env = dict(os.environ if env is None else env)
    workdir = workdir.resolve()
    course = find_course_dir(workdir)
    if course is None:
        raise SandboxUnavailable(
            f"no nbgrader_config.py above {workdir}: the sandbox only grades inside a course folder")
    hide: list[Path] = [course]
    home = Path(env.get("HOME") or Path.home()).resolve()
    if home != Path("/"):
        hide.append(home)
    tree = _git_worktree(course)
    if tree is not None:
        hide.append(tree)
    for extra in filter(None, env.get("KJPACTS_SANDBOX_HIDE", "").split(os.pathsep)):
        hide.append(Path(extra).resolve())
    db = env.get("KJPACTS_GRADEBOOK")
    if db:
        hide.append(Path(db).resolve().parent)
    # hidden folders become empty and read-only (the course folder even when it sits in /tmp)
    hide = sorted({p for p in hide if p == course or p.exists()}, key=lambda p: len(p.parts))

    restore: list[Path] = []
    candidates = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.executable).resolve().parent.parent]
    candidates += [Path(p) for p in sys.path if p]
    corpus = corpus_dir()
    if corpus is not None:
        candidates.append(corpus)
    for c in candidates:
        try:
            c = c.resolve()
        except OSError:
            continue
        if not c.is_dir() or c == Path("/") or c in restore:
            continue
        if _inside(c, course) or _inside(course, c) or ".git" in c.parts:
            continue  # never the course folder, a folder holding it, or git history
        if any(_inside(c, h) for h in hide) or any(_inside(c, f) for f in FRESH):
            restore.append(c)
    if not _inside(workdir, course) or workdir == course:
        raise SandboxUnavailable(f"{workdir} is not a submission folder inside the course folder {course}")
    return {
        "course": course,
        "hide": hide,
        "restore": sorted(restore, key=lambda p: len(p.parts)),
        "writable": [workdir, connection_file.resolve().parent],
        "workdir": workdir,
    }


def bwrap_command(p: dict, kernel_cmd: list[str], env: dict[str, str]) -> list[str]:
    cmd = [BWRAP, "--ro-bind", "/", "/", "--dev", "/dev", "--tmpfs", "/proc",
           "--tmpfs", "/tmp", "--tmpfs", "/var/tmp", "--tmpfs", "/run"]
    # shallow paths first, so that a deeper mount always lands on top of a shallower one:
    # HOME hidden, the venv inside it put back, a hidden folder inside the venv hidden again
    mounts = [(h, "--tmpfs") for h in p["hide"]] + [(r, "--ro-bind") for r in p["restore"]]
    for path, how in sorted(mounts, key=lambda m: (len(m[0].parts), m[1] == "--tmpfs")):
        cmd += [how, str(path)] if how == "--tmpfs" else [how, str(path), str(path)]
    for w in p["writable"]:
        cmd += ["--bind", str(w), str(w)]
    for h in p["hide"]:
        cmd += ["--remount-ro", str(h)]
    # --cap-drop ALL: as root bwrap would keep every capability (ptrace the grader, unmount what hides)
    cmd += ["--unshare-net", "--unshare-ipc", "--unshare-uts", "--new-session", "--die-with-parent",
            "--cap-drop", "ALL", "--chdir", str(p["workdir"]), "--clearenv"]
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


def _become_subreaper() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_CHILD_SUBREAPER = 36
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except OSError:
        pass


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kill_descendants() -> None:
    me = os.getpid()
    for _ in range(3):
        pids = _descendants(me)
        if not pids:
            break
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
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
    _become_subreaper()
    proc = subprocess.Popen(cmd, preexec_fn=_set_limits, stdin=subprocess.DEVNULL)

    def forward(signum, _frame):
        try:
            proc.send_signal(signum)
        except OSError:
            pass

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, forward)
    try:
        code = proc.wait()
    finally:
        _kill_descendants()
    return code


if __name__ == "__main__":
    sys.exit(main())
