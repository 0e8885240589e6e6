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


def test_plan_hides_course_home_and_git_tree(tmp_path, monkeypatch):
    # as if tmp_path were outside /tmp (the sandbox gets a fresh /tmp anyway)
    monkeypatch.setattr(sandbox, "FRESH", (Path("/proc"),))
    home = tmp_path / "home"
    repo = home / "kit"
    (repo / ".git").mkdir(parents=True)
    course = repo / "exercises"
    sub = course / "autograded" / "ann" / "ps01"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    conn_dir = tmp_path / "kjpacts-kernel-x"
    conn_dir.mkdir()
    env = {"HOME": str(home), "KJPACTS_SANDBOX_HIDE": str(tmp_path / "secrets")}
    (tmp_path / "secrets").mkdir()
    p = sandbox.plan(sub, conn_dir / "kernel.json", env)
    hidden = {str(h) for h in p["hide"]}
    assert str(course.resolve()) in hidden and str(home.resolve()) in hidden and str(repo.resolve()) in hidden
    for r in p["restore"]:
        assert not str(course.resolve()).startswith(str(r)), "a restored folder may not contain the course"
        assert not str(r).startswith(str(course.resolve()))
    cmd = sandbox.bwrap_command(p, ["python"], {"PATH": "/usr/bin"})
    assert "--unshare-net" in cmd and "--unshare-pid" not in cmd
    assert "--proc" not in cmd, "a fresh /proc would expose /proc/<grader pid>/cwd"
    assert ["--tmpfs", "/proc"] == cmd[cmd.index("/proc") - 1:cmd.index("/proc") + 1]
    assert "--clearenv" in cmd and "--new-session" in cmd and "--die-with-parent" in cmd
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert binds == [str(sub.resolve()), str(conn_dir.resolve())], "only the submission and the socket folder are writable"
    assert ["--remount-ro", str(course.resolve())] == cmd[cmd.index(str(course.resolve()), cmd.index("--remount-ro")) - 1:][:2]


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
    restore_at = cmd.index("--ro-bind", cmd.index(str(lib)) - 1)
    hide_at = cmd.index(str(lib / "secret"))
    assert cmd[hide_at - 1] == "--tmpfs" and hide_at > restore_at, "a hidden folder inside a restored one stays hidden"


def test_sandbox_reads_the_corpus_from_kjpacts_corpus(tmp_path, monkeypatch):
    """$KJPACTS_CORPUS: the kernel gets that corpus folder, read-only (and the variable)."""
    monkeypatch.setattr(sandbox, "FRESH", (Path("/proc"),))
    home = tmp_path / "home"
    corpus = home / "my-corpus"
    corpus.mkdir(parents=True)
    course = tmp_path / "course"
    sub = course / "autograded" / "ann" / "ps01"
    sub.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    conn_dir = tmp_path / "kjpacts-kernel-y"
    conn_dir.mkdir()
    monkeypatch.setenv("KJPACTS_CORPUS", str(corpus))
    assert sandbox.corpus_dir() == corpus.resolve()
    p = sandbox.plan(sub, conn_dir / "kernel.json", {"HOME": str(home)})
    assert corpus.resolve() in p["restore"], "the corpus inside the hidden home must be put back"
    assert sandbox.sandbox_env({"KJPACTS_CORPUS": str(corpus)}, "/tmp/home")["KJPACTS_CORPUS"] == str(corpus)


PROBE = r'''
import ctypes, json, os, sys
libc = ctypes.CDLL(None, use_errno=True)
target, course = int(sys.argv[1]), sys.argv[2]
out = {}
attached = libc.ptrace(16, target, 0, 0)  # PTRACE_ATTACH the grader's process
out["ptrace"] = "attached" if attached == 0 else os.strerror(ctypes.get_errno())
if attached == 0:
    os.waitpid(target, 0)
    libc.ptrace(17, target, 0, 0)  # PTRACE_DETACH
unmounted = libc.umount2(course.encode(), 2)  # MNT_DETACH: take the tmpfs off the hidden course folder
out["umount"] = "unmounted" if unmounted == 0 else os.strerror(ctypes.get_errno())
out["secret"] = os.path.exists(os.path.join(course, "gradebook.db"))
print(json.dumps(out))
'''


def test_the_kernel_cannot_trace_the_grader_nor_unhide_the_course(tmp_path):
    """Probe: code in the sandbox (same uid as the grader; root on this machine) tries to ptrace a
    process of the grader and to unmount what hides the course folder. Both are refused: bwrap
    drops every capability (--cap-drop ALL), so CAP_SYS_PTRACE and CAP_SYS_ADMIN are gone even
    for root, and an unprivileged run is in a user namespace of its own."""
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
    p = sandbox.plan(sub, conn_dir / "kernel.json", {"HOME": str(tmp_path / "home")})
    cmd = sandbox.bwrap_command(p, [sys.executable, str(sub / "probe.py")], sandbox.sandbox_env(dict(os.environ), "/tmp/home"))
    grader = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # stands for nbgrader
    try:
        proc = subprocess.run([*cmd, str(grader.pid), str(course.resolve())], capture_output=True, text=True,
                              timeout=60)
    finally:
        grader.kill()
        grader.wait()
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen["ptrace"] == "Operation not permitted", seen
    assert seen["umount"] != "unmounted" and seen["secret"] is False, seen
