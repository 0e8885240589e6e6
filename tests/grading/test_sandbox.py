"""The bubblewrap kernelspec and what it hides (no kernel started: fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kjpacts.grading import sandbox

pytestmark = pytest.mark.grading


def test_kernelspec(tmp_path):
    folder = sandbox.install_kernelspec(tmp_path)
    spec = json.loads((folder / "kernel.json").read_text())
    assert spec["interrupt_mode"] == "message"
    assert spec["argv"][:3] == [sys.executable, "-m", "kjpacts.grading.sandbox"]
    assert "{connection_file}" in spec["argv"]


def test_the_kernel_reads_only_the_system_python_and_the_kit(tmp_path, monkeypatch):
    """An allow-list, not a deny-list: the kit's checkout, the home folder and the course are
    simply not mounted (only the submission, writable); the whole root is never bound."""
    home = tmp_path / "home"
    repo = home / "kit"
    (repo / ".git").mkdir(parents=True)
    (repo / "exercises" / "source").mkdir(parents=True)
    course = repo / "exercises"
    sub = course / "autograded" / "ann" / "ps01"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    conn_dir = tmp_path / "kjpacts-kernel-x"
    conn_dir.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(repo / "exercises" / "source"), str(home)])
    env = {"HOME": str(home), "KJPACTS_SANDBOX_HIDE": str(tmp_path / "secrets")}
    p = sandbox.plan(sub, conn_dir / "kernel.json", env)
    for r in p["readable"]:
        assert not (course.resolve() == r or r in course.resolve().parents or course.resolve() in r.parents), r
    assert Path(sys.prefix).resolve() in p["readable"] or any(s in Path(sys.prefix).resolve().parents for s in sandbox.SYSTEM)
    cmd = sandbox.bwrap_command(p, ["python"], {"PATH": "/usr/bin"})
    pairs = list(zip(cmd, cmd[1:]))
    assert ("--ro-bind", "/") not in pairs and ("--bind", "/") not in pairs, "the host's root is never mounted"
    mounted = {cmd[i + 1] for i, a in enumerate(cmd) if a in ("--ro-bind", "--bind", "--ro-bind-try")}
    assert str(home.resolve()) not in mounted and str(repo.resolve()) not in mounted
    assert "--unshare-net" in cmd and "--unshare-pid" in cmd and ("--proc", "/proc") in pairs
    assert "--clearenv" in cmd and "--new-session" in cmd and "--die-with-parent" in cmd
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert binds == [str(sub.resolve()), str(conn_dir.resolve())], "only the submission and the socket folder are writable"
    assert ("--tmpfs", str(course.resolve())) in pairs and ("--remount-ro", str(course.resolve())) in pairs
    assert "JPY_PARENT_PID" not in sandbox.sandbox_env({"JPY_PARENT_PID": "7", "PATH": "/usr/bin"}, "/tmp/home")


def test_plan_refuses_outside_a_course(tmp_path):
    with pytest.raises(sandbox.SandboxUnavailable):
        sandbox.plan(tmp_path, tmp_path / "k.json", {"HOME": str(tmp_path)})


def test_launcher_refuses_tcp_kernels(tmp_path):
    course = tmp_path / "c"
    sub = course / "autograded" / "s" / "ps"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("")
    conn = tmp_path / "kernel.json"
    conn.write_text(json.dumps({"transport": "tcp", "ip": "127.0.0.1"}))
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-m", "kjpacts.grading.sandbox", "-f", str(conn)],
                          cwd=sub, capture_output=True, text=True, env=env)
    assert proc.returncode == 3 and "IPC transport" in proc.stderr


def test_mount_order_puts_deeper_paths_on_top(tmp_path, monkeypatch):
    course = tmp_path / "course"
    sub = course / "autograded" / "s" / "ps"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("")
    lib = tmp_path / "lib"
    (lib / "secret").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(lib)])
    env = {"HOME": str(tmp_path / "nohome"), "KJPACTS_SANDBOX_HIDE": str(lib / "secret")}
    p = sandbox.plan(sub, tmp_path / "kjpacts-kernel-1" / "k.json", env)
    cmd = sandbox.bwrap_command(p, ["python"], {})
    restore_at = cmd.index(str(lib))
    assert cmd[restore_at - 1] == "--ro-bind"
    hide_at = cmd.index(str(lib / "secret"))
    assert cmd[hide_at - 1] == "--tmpfs" and hide_at > restore_at, "a hidden folder inside a restored one stays hidden"


def test_the_kernel_gets_the_grading_corpus_at_one_place(tmp_path, monkeypatch):
    """$KJPACTS_SANDBOX_CORPUS (autograde's copy with the answers withheld) is what the kernel
    gets, read-only at KERNEL_CORPUS, whatever $KJPACTS_CORPUS says; without it, the kit's
    corpus ($KJPACTS_CORPUS) is mounted there."""
    mine, graded = tmp_path / "home" / "my-corpus", tmp_path / "graded"
    mine.mkdir(parents=True)
    graded.mkdir()
    course = tmp_path / "course"
    sub = course / "autograded" / "ann" / "ps01"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    monkeypatch.setenv("KJPACTS_CORPUS", str(mine))
    env = {"HOME": str(tmp_path / "home")}
    plain = sandbox.plan(sub, tmp_path / "kjpacts-kernel-y" / "k.json", env)
    assert plain["corpus"] == mine.resolve()
    p = sandbox.plan(sub, tmp_path / "kjpacts-kernel-y" / "k.json", {**env, "KJPACTS_SANDBOX_CORPUS": str(graded)})
    assert p["corpus"] == graded.resolve() and mine.resolve() not in p["readable"]
    cmd = sandbox.bwrap_command(p, ["python"], {"KJPACTS_CORPUS": str(mine)})
    assert ("--ro-bind", str(graded.resolve()), sandbox.KERNEL_CORPUS) in zip(cmd, cmd[1:], cmd[2:])
    assert ("--setenv", "KJPACTS_CORPUS", sandbox.KERNEL_CORPUS) in zip(cmd, cmd[1:], cmd[2:])
    assert ("--setenv", "KJPACTS_CORPUS", str(mine)) not in zip(cmd, cmd[1:], cmd[2:])


PROBE = r"""
import ctypes, json, os, sys
libc = ctypes.CDLL(None, use_errno=True)
target, course, kit = int(sys.argv[1]), sys.argv[2], sys.argv[3]
out = {}
attached = libc.ptrace(16, target, 0, 0)  # PTRACE_ATTACH the grader's process
out["ptrace"] = "attached" if attached == 0 else os.strerror(ctypes.get_errno())
if attached == 0:
    os.waitpid(target, 0)
    libc.ptrace(17, target, 0, 0)  # PTRACE_DETACH
try:
    os.kill(target, 0)  # could it signal the grader? (0: no signal sent, only the permission check)
    out["signal"] = "allowed"
except OSError as exc:
    out["signal"] = type(exc).__name__
unmounted = libc.umount2(course.encode(), 2)  # MNT_DETACH: take the tmpfs off the hidden course folder
out["umount"] = "unmounted" if unmounted == 0 else os.strerror(ctypes.get_errno())
out["secret"] = os.path.exists(os.path.join(course, "gradebook.db"))
out["processes"] = sorted(int(e) for e in os.listdir("/proc") if e.isdigit())
out["kit"] = {rel: os.path.exists(os.path.join(kit, rel)) for rel in ("exercises/source", "docs/instructors", "corpus")}
out["corpus"] = os.environ.get("KJPACTS_CORPUS")
import kjpacts  # the kit itself still imports
out["kjpacts"] = kjpacts.__name__
print(json.dumps(out))
"""


def test_the_kernel_cannot_trace_signal_or_find_the_grader_nor_read_the_kits_checkout(tmp_path):
    """Probe: code in the sandbox (same uid as the grader; root on this machine) tries to ptrace
    and to signal a process of the grader, to unmount what hides the course folder, and to read
    the kit's checkout (its solutions and answer key). All fail: bwrap drops every capability
    (--cap-drop ALL), the kernel has a process namespace of its own, and only the system, Python
    and the kit's package folder are mounted."""
    problem = sandbox.bwrap_available()
    if problem:
        pytest.skip(f"grading sandbox unavailable: {problem}")
    course = tmp_path / "course"
    sub = course / "autograded" / "mallory" / "ps01"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    (course / "gradebook.db").write_text("the hidden tests' answers")
    (sub / "probe.py").write_text(PROBE)
    conn_dir = tmp_path / "kjpacts-kernel-probe"
    conn_dir.mkdir()
    kit = Path(__file__).resolve().parents[2]
    assert (kit / "exercises" / "source").is_dir()  # the probe below must not see it
    p = sandbox.plan(sub, conn_dir / "kernel.json", {"HOME": str(tmp_path / "home")})
    cmd = sandbox.bwrap_command(p, [sys.executable, str(sub / "probe.py")], sandbox.sandbox_env(dict(os.environ), "/tmp/home"))
    grader = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # stands for nbgrader
    try:
        proc = subprocess.run([*cmd, str(grader.pid), str(course.resolve()), str(kit)], capture_output=True,
                              text=True, timeout=60)
    finally:
        grader.kill()
        grader.wait()
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["ptrace"] in ("Operation not permitted", "No such process"), seen
    assert seen["signal"] == "ProcessLookupError", seen
    assert seen["umount"] != "unmounted" and seen["secret"] is False, seen
    assert len(seen["processes"]) <= 3 and grader.pid not in seen["processes"], seen
    assert seen["kit"] == {"exercises/source": False, "docs/instructors": False, "corpus": False}, seen
    assert seen["corpus"] == sandbox.KERNEL_CORPUS and seen["kjpacts"] == "kjpacts", seen


def test_hidden_folders_stay_read_only_even_where_nothing_is_mounted(tmp_path):
    """A shard's course folder sits inside the main course (hidden with KJPACTS_SANDBOX_HIDE).
    bwrap makes the folders leading to the submission's mount point in the fresh /tmp; without
    an empty read-only folder there, the main course's path would be writable in the sandbox."""
    problem = sandbox.bwrap_available()
    if problem:
        pytest.skip(f"grading sandbox unavailable: {problem}")
    main = tmp_path / "main"
    shard = main / ".grading" / "shards" / "1"
    sub = shard / "autograded" / "s" / "ps"
    sub.mkdir(parents=True)
    (shard / "nbgrader_config.py").write_text("c = get_config()\n")
    conn = tmp_path / "kjpacts-kernel-2"
    conn.mkdir()
    p = sandbox.plan(sub, conn / "k.json", {"HOME": str(tmp_path / "home"), "KJPACTS_SANDBOX_HIDE": str(main)})
    script = ("import os\nout = []\n"
              f"for path in [{str(main / 'injected.txt')!r}, {str(shard / 'gradebook.db')!r}, 'mine.txt']:\n"
              "    try:\n        open(path, 'w').write('x'); out.append('written')\n"
              "    except OSError as exc:\n        out.append(os.strerror(exc.errno))\nprint(out)\n")
    cmd = sandbox.bwrap_command(p, [sys.executable, "-c", script], {"PATH": "/usr/bin:/bin"})
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "['Read-only file system', 'Read-only file system', 'written']"
    assert not (main / "injected.txt").exists() and (sub / "mine.txt").read_text() == "x"
