"""A JupyterHub class on this machine, for tests/hub and bench/hub_bench.py.

Real parts throughout: Linux users made with ``useradd``, JupyterHub with configurable-http-proxy
(deploy/hub/jupyterhub_config.py, with the test's shared-password authenticator on top),
LocalProcessSpawner, kernels driven over the Jupyter websocket protocol, nbgrader's
shared-folder exchange and ``kjpacts grade``. Everything binds to 127.0.0.1.

The spawned users need a Python they can read: one under /root (mode 700) is not. ``HubEnv``
makes a venv from Debian's ``/usr/bin/python3`` in a folder everyone can read and fills it with the
test venv's packages (same Python minor version), so no package is downloaded.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import nbformat

REPO = Path(__file__).resolve().parents[2]
HUB_CONFIG = REPO / "deploy" / "hub" / "jupyterhub_config.py"
TEST_CONFIG = Path(__file__).resolve().parent / "jupyterhub_test_config.py"
PROXY = REPO / "deploy" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"
SYSTEM_PYTHON = Path("/usr/bin/python3")
COURSE = "kjpacts"


class ClassroomError(RuntimeError):
    """A step of the class failed; the message names the user, the command and its output."""


def missing_requirements() -> list[str]:
    """Why a hub class cannot run here (empty when it can)."""
    problems = []
    if os.geteuid() != 0:
        problems.append("root (it creates Linux users)")
    for tool in ("useradd", "userdel", "runuser", "bwrap", "node"):
        if shutil.which(tool) is None:
            problems.append(f"`{tool}`")
    if not PROXY.exists():
        problems.append("configurable-http-proxy (make hub-deps)")
    if not SYSTEM_PYTHON.exists():
        problems.append("Debian's python3 at /usr/bin/python3 (apt-get install python3-venv)")
    else:
        minor = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
                               capture_output=True, text=True).stdout.strip()
        if minor != str(sys.version_info[:2]):
            problems.append(f"/usr/bin/python3 {minor} to match this venv's Python {sys.version_info[:2]}")
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        problems.append("jupyterhub (pip install -e '.[test]')")
    return problems


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the Python the users run --------------------------------------------------------------------

def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class HubEnv:
    """A venv under ``root`` that every user can read, with this venv's packages and the kit."""

    def __init__(self, root: Path):
        self.root = root
        self.prefix = root / "env"
        self.python = self.prefix / "bin" / "python"
        self.bin = self.prefix / "bin"

    def build(self) -> "HubEnv":
        self.root.mkdir(parents=True, exist_ok=True)
        self.root.chmod(0o755)
        subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(self.prefix)], check=True)
        src = Path(sysconfig.get_paths()["purelib"])
        dest = Path(subprocess.run([str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   capture_output=True, text=True, check=True).stdout.strip())
        for item in src.iterdir():  # hard links where the file system allows: seconds instead of a minute
            if item.name.startswith(("__editable__", "_editable_impl_kjpacts", "kjpacts")):
                continue
            if item.is_dir():
                shutil.copytree(item, dest / item.name, symlinks=True, copy_function=_link_or_copy)
            else:
                _link_or_copy(str(item), str(dest / item.name))
        # the kit as its wheel lays it out: the package, with the corpus inside it
        shutil.copytree(REPO / "src" / "kjpacts", dest / "kjpacts", ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(REPO / "corpus", dest / "kjpacts" / "_corpus")
        for sub in ("etc", "share"):
            if (Path(sys.prefix) / sub).is_dir():
                shutil.copytree(Path(sys.prefix) / sub, self.prefix / sub, symlinks=True, dirs_exist_ok=True)
        self._scripts()
        # users cannot write bytecode caches here: compile once, or every server start compiles everything
        subprocess.run([str(self.python), "-m", "compileall", "-q", "-j", "0", str(dest)], capture_output=True)
        (self.prefix / "etc" / "jupyter").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "deploy" / "hub" / "nbgrader_config.py", self.prefix / "etc" / "jupyter" / "nbgrader_config.py")
        subprocess.run(["chmod", "-R", "a+rX", str(self.root)], check=True)
        return self

    def _scripts(self) -> None:
        """Console scripts (jupyterhub-singleuser, nbgrader, kjpacts, jupyter) pointing at this venv's python."""
        here = Path(sys.prefix) / "bin"
        for script in here.iterdir():
            target = self.bin / script.name
            if target.exists() or not script.is_file():
                continue
            try:
                text = script.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            if text.startswith("#!") and "python" in text.splitlines()[0]:
                target.write_text(f"#!{self.python}\n" + text.split("\n", 1)[1], encoding="utf-8")
                target.chmod(0o755)
        kit = self.bin / "kjpacts"
        if not kit.exists():
            kit.write_text(f"#!{self.python}\nimport sys\nfrom kjpacts.cli import main\nsys.exit(main())\n")
            kit.chmod(0o755)

    def exchange(self) -> Path:
        """nbgrader's shared folder: world-writable and sticky, as nbgrader expects."""
        path = self.root / "exchange"
        path.mkdir(exist_ok=True)
        path.chmod(0o1777)
        return path

    def guard(self) -> Path | None:
        """The test suite's offline guard, copied where users can read it (None outside the suite)."""
        guard = REPO / "tests" / "offline_guard"
        if str(guard) not in os.environ.get("PYTHONPATH", ""):
            return None
        dest = self.root / "offline_guard"
        shutil.copytree(guard, dest, dirs_exist_ok=True)
        subprocess.run(["chmod", "-R", "a+rX", str(dest)], check=True)
        return dest


# --- users ---------------------------------------------------------------------------------------

@dataclass
class Users:
    """Linux users made for one class; ``remove()`` deletes them and their homes."""
    students: list[str]
    instructor: str
    made: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, n: int) -> "Users":
        tag = secrets.token_hex(2)
        users = cls([f"kjs{tag}n{i:02d}" for i in range(1, n + 1)], f"kji{tag}")
        try:
            for name in (users.instructor, *users.students):
                subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "-K", "HOME_MODE=0700",
                                "--comment", "kjpacts hub test", name], check=True, capture_output=True)
                users.made.append(name)
        except subprocess.CalledProcessError as err:
            users.remove()
            raise ClassroomError(f"useradd failed: {err.stderr.decode(errors='replace').strip()}") from err
        return users

    def remove(self) -> list[str]:
        """Kill what they left running, delete them and their homes; returns users that could not be removed."""
        left = []
        for name in reversed(self.made):
            subprocess.run(["pkill", "-KILL", "-u", name], capture_output=True)
            proc = subprocess.run(["userdel", "--remove", name], capture_output=True, text=True)
            if proc.returncode not in (0, 6):  # 6: no such user
                time.sleep(0.5)
                proc = subprocess.run(["userdel", "--force", "--remove", name], capture_output=True, text=True)
                if proc.returncode not in (0, 6, 12):  # 12: home not removed (mail spool)
                    left.append(f"{name}: {proc.stderr.strip()}")
        self.made.clear()
        return left

    @property
    def everyone(self) -> list[str]:
        return [self.instructor, *self.students]


def home(user: str) -> Path:
    return Path(pwd.getpwnam(user).pw_dir)


def run_as(user: str, env: HubEnv, *cmd: str, cwd: Path | None = None, timeout: int = 600,
           extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A command as ``user``, with a clean environment whose PATH never leads into /root."""
    environ = {"HOME": str(home(user)), "USER": user, "LOGNAME": user, "LANG": "C.UTF-8",
               "PATH": f"{env.bin}:/usr/local/bin:/usr/bin:/bin", "KJPACTS_HUB_EXCHANGE": str(env.root / "exchange"),
               **(extra_env or {})}
    guard = env.root / "offline_guard"
    if guard.exists():
        environ["PYTHONPATH"] = str(guard)
    proc = subprocess.run(["runuser", "-u", user, "--", "env", "-i", *(f"{k}={v}" for k, v in environ.items()), *cmd],
                          cwd=cwd or home(user), capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise ClassroomError(f"{user}: `{' '.join(cmd)}` exited {proc.returncode}:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
    return proc


# --- the hub -------------------------------------------------------------------------------------

class Hub:
    """JupyterHub + configurable-http-proxy as root on 127.0.0.1, with a service token for the REST API."""

    def __init__(self, env: HubEnv, users: Users, state: Path):
        self.env, self.users, self.state = env, users, state
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.proc: subprocess.Popen | None = None
        self.log = state / "hub.log"

    def start(self, timeout: float = 60) -> "Hub":
        self.state.mkdir(parents=True, exist_ok=True)
        environ = dict(os.environ)
        environ.update({
            "KJPACTS_HUB_ENV": str(self.env.prefix), "KJPACTS_HUB_EXCHANGE": str(self.env.exchange()),
            "KJPACTS_HUB_URL": self.url, "KJPACTS_HUB_PORT_HUB": str(free_port()),
            "KJPACTS_HUB_PORT_PROXY_API": str(free_port()), "KJPACTS_HUB_PROXY": str(PROXY),
            "KJPACTS_HUB_INSTRUCTORS": self.users.instructor, "KJPACTS_HUB_STUDENTS": ",".join(self.users.students),
            "KJPACTS_HUB_STATE": str(self.state), "KJPACTS_HUB_TEST_TOKEN": self.token,
            "KJPACTS_HUB_TEST_PASSWORD": secrets.token_hex(12),
        })
        guard = self.env.guard()
        if guard:
            environ["KJPACTS_HUB_USER_PYTHONPATH"] = str(guard)
        self.proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(TEST_CONFIG)], cwd=self.state,
                                     env=environ, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ClassroomError(f"the hub exited {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urlopen(Request(self.url + "/hub/api/"), timeout=5):
                    return self
            except OSError:  # refused, or 404/503 while the proxy has no route to the hub yet
                time.sleep(0.3)
        raise ClassroomError(f"the hub did not answer in {timeout} s:\n{self.log.read_text()[-3000:]}")

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = Request(self.url + path, data=data, method=method,
                      headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
        except HTTPError as err:
            raise ClassroomError(f"{method} {path}: HTTP {err.code} {err.read()[:500]!r}\n"
                                 f"hub log:\n{self.log.read_text()[-4000:]}") from err
        return json.loads(raw) if raw.strip() else {}

    def spawn_all(self, timeout: float = 300) -> dict[str, float]:
        """Start every user's server through the REST API at once; seconds each took to be ready."""
        known = {u["name"] for u in self.api("GET", "/hub/api/users")}
        new = [u for u in self.users.everyone if u not in known]
        if new:
            self.api("POST", "/hub/api/users", {"usernames": new})
        t0 = time.monotonic()
        for user in self.users.everyone:
            self.api("POST", f"/hub/api/users/{user}/server")
        ready: dict[str, float] = {}
        while len(ready) < len(self.users.everyone):
            if time.monotonic() - t0 > timeout:
                raise ClassroomError(f"servers not ready in {timeout} s: "
                                     f"{sorted(set(self.users.everyone) - set(ready))}\n{self.log.read_text()[-3000:]}")
            for user in self.users.everyone:
                if user not in ready and self.api("GET", f"/hub/api/users/{user}").get("servers", {}).get("", {}).get("ready"):
                    ready[user] = time.monotonic() - t0
            time.sleep(0.25)
        return ready

    def server_get(self, user: str, path: str) -> tuple[int, str]:
        req = Request(f"{self.url}/user/{user}/{path}", headers={"Authorization": f"token {self.token}"})
        with urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode(errors="replace")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            for user in self.users.everyone:
                try:
                    self.api("DELETE", f"/hub/api/users/{user}/server", timeout=10)
                except OSError:
                    pass
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)


# --- a lesson through each user's server ---------------------------------------------------------

async def run_notebook_remote(hub: Hub, user: str, notebook: Path, timeout: float = 300) -> dict:
    """Execute every code cell of ``notebook`` in a new kernel of ``user``'s server (websocket, token in
    the Authorization header); returns errors and timings. The kernel is shut down afterwards."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest
    from tornado.websocket import websocket_connect

    headers = {"Authorization": f"token {hub.token}", "Content-Type": "application/json"}
    AsyncHTTPClient.configure(None, max_clients=128)  # the default 10 queues a class of 20 behind itself
    client = AsyncHTTPClient()
    base = f"{hub.url}/user/{user}/api"
    t0 = time.monotonic()
    resp = await client.fetch(HTTPRequest(f"{base}/kernels", method="POST", headers=headers,
                                          body=json.dumps({"name": "python3"}), request_timeout=300))
    kernel = json.loads(resp.body)["id"]
    ws = await websocket_connect(HTTPRequest(f"{base.replace('http', 'ws', 1)}/kernels/{kernel}/channels",
                                             headers=headers, request_timeout=300), max_message_size=256 * 2**20)
    session = uuid.uuid4().hex
    errors: list[str] = []
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    try:
        for i, cell in enumerate(cells):
            msg_id = uuid.uuid4().hex
            await ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": user, "session": session,
                           "date": "", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": cell.source, "silent": False, "store_history": True, "user_expressions": {},
                            "allow_stdin": False, "stop_on_error": True}}))
            replied = idle = False
            while not (replied and idle):
                raw = await asyncio.wait_for(ws.read_message(), timeout=max(1, timeout - (time.monotonic() - t0)))
                if raw is None:
                    raise ClassroomError(f"{user}: kernel websocket closed at cell {i}")
                if isinstance(raw, bytes):
                    continue
                msg = json.loads(raw)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = msg["header"]["msg_type"]
                if kind == "error":
                    errors.append(f"cell {i}: {msg['content']['ename']}: {msg['content']['evalue']}")
                elif kind == "execute_reply":
                    replied = True
                elif kind == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
            if errors:
                break
        memory = user_pss_mb(user)
    finally:
        ws.close()
        await client.fetch(HTTPRequest(f"{base}/kernels/{kernel}", method="DELETE", headers=headers), raise_error=False)
    return {"user": user, "cells": len(cells), "errors": errors, "seconds": time.monotonic() - t0, "pss_mb": memory}


def run_lesson_for_all(hub: Hub, notebook: Path) -> tuple[list[dict], float]:
    """The same lesson for every student at once; per-student results and the wall time."""
    async def everyone():
        return await asyncio.gather(*(run_notebook_remote(hub, u, notebook) for u in hub.users.students))

    t0 = time.monotonic()
    results = run_coroutine(everyone())
    return list(results), time.monotonic() - t0


def user_pss_mb(user: str) -> float:
    """Proportional set size of every process of ``user`` (server + kernels), in MB."""
    import psutil

    uid = pwd.getpwnam(user).pw_uid
    total = 0
    for proc in psutil.process_iter(["uids"]):
        try:
            if proc.info["uids"] and proc.info["uids"].real == uid:
                total += proc.memory_full_info().pss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total / 2**20


# --- a problem set through the exchange ----------------------------------------------------------

def setup_course(env: HubEnv, instructor: str) -> Path:
    """The instructor's course folder: a copy of exercises/, owned by them, with the exchange set."""
    course = home(instructor) / "course"
    shutil.copytree(REPO / "exercises", course, ignore=shutil.ignore_patterns(
        "gradebook.db", "submitted", "autograded", "feedback", ".grading", "reports", ".ipynb_checkpoints"))
    config = home(instructor) / ".jupyter" / "nbgrader_config.py"  # formgrader in the instructor's server
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"c = get_config()\nc.CourseDirectory.root = {str(course)!r}\n", encoding="utf-8")
    subprocess.run(["chown", "-R", f"{instructor}:{instructor}", str(course), str(config.parent)], check=True)
    return course


def solve(release: Path, source: Path, dest: Path) -> None:
    """A full solution: the released notebook with each answer cell taken from the source notebook."""
    nb = nbformat.read(release, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nbformat.read(source, as_version=4).cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in answers:
            cell.source = "\n".join(line for line in answers[meta["grade_id"]].splitlines()
                                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    nbformat.write(nb, dest)


def each_student(users: Users, work) -> None:
    """``work(index, student)`` for every student at once, as a class does; the first error is raised."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(users.students)) as pool:
        for future in [pool.submit(work, i, s) for i, s in enumerate(users.students)]:
            future.result()


def read_grades(csv_path: Path, assignment: str) -> dict[str, dict]:
    with csv_path.open(newline="", encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh) if row["assignment"] == assignment}


def run_coroutine(coro):
    """``asyncio.run``, also when this thread already runs an event loop (Playwright's sync API
    leaves one running in the test process): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
