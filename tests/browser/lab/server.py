"""A throw-away JupyterLab server for one test."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterable

from .chromium import USER_SETTINGS, WIDGET_MANAGER_EXTENSION
from .errors import LabError
from .processes import _descendants, _end_processes, _free_port

class LabServer:
    """A throw-away JupyterLab server; use as a context manager or start()/stop()."""

    def __init__(
        self,
        root_dir: str | os.PathLike,
        *,
        python: str | None = None,
        extra_env: dict[str, str] | None = None,
        disabled_extensions: Iterable[str] = (),
        required_extensions: Iterable[str] = (WIDGET_MANAGER_EXTENSION,),
        startup_timeout: float = 60.0,
    ):
        self.root_dir = Path(root_dir).resolve()
        self.python = python or sys.executable
        self.extra_env = dict(extra_env or {})
        self.disabled_extensions = list(disabled_extensions)
        self.required_extensions = [e for e in required_extensions if e not in self.disabled_extensions]
        self.startup_timeout = startup_timeout
        self.token = secrets.token_hex(24)
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.base_dir: Path | None = None
        self.log_path: Path | None = None
        self.timings: dict[str, float] = {}
        self.ended_pids: list[int] = []

    # -- paths and environment
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self, notebook: str | os.PathLike) -> str:
        rel = self.relative(notebook)
        return f"{self.url}/lab/tree/{urllib.parse.quote(rel)}?reset&token={self.token}"

    def relative(self, notebook: str | os.PathLike) -> str:
        p = Path(notebook)
        if p.is_absolute():
            try:
                p = p.resolve().relative_to(self.root_dir)
            except ValueError:
                raise LabError(f"{notebook} is not under the server's root {self.root_dir}") from None
        return p.as_posix()

    def _extension_dirs(self) -> list[str]:
        """Folders holding lab extensions now, before JUPYTER_DATA_DIR is overridden."""
        if os.path.realpath(self.python) == os.path.realpath(sys.executable):
            from jupyter_core.paths import jupyter_path
            paths = jupyter_path()
        else:
            out = subprocess.run(
                [self.python, "-c", "import json; from jupyter_core.paths import jupyter_path; print(json.dumps(jupyter_path()))"],
                capture_output=True, text=True, check=True,
            )
            paths = json.loads(out.stdout)
        keep = [p for p in paths if os.path.isdir(os.path.join(p, "labextensions"))]
        extra = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        return list(dict.fromkeys(extra + keep))

    def _prepare(self) -> dict[str, str]:
        self.base_dir = Path(tempfile.mkdtemp(prefix="kjpacts-lab-"))
        dirs = {
            "JUPYTER_CONFIG_DIR": "config",
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
            "IPYTHONDIR": "ipython",
        }
        env = dict(os.environ)
        for var, sub in dirs.items():
            d = self.base_dir / sub
            d.mkdir(parents=True)
            env[var] = str(d)
        env["JUPYTER_PATH"] = os.pathsep.join(self._extension_dirs())
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.extra_env)
        for rel, values in USER_SETTINGS.items():
            f = self.base_dir / "lab-settings" / rel
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_text(json.dumps(values, indent=2))
        if self.disabled_extensions:
            f = self.base_dir / "config" / "labconfig" / "page_config.json"
            f.parent.mkdir(parents=True)
            f.write_text(json.dumps({"disabledExtensions": {e: True for e in self.disabled_extensions}}))
        return env

    # -- lifecycle
    def start(self) -> "LabServer":
        t0 = time.monotonic()
        env = self._prepare()
        self.log_path = self.base_dir / "server.log"
        for attempt in range(3):
            self.port = _free_port()
            cmd = [
                self.python, "-m", "jupyterlab", "--no-browser",
                "--ip", "127.0.0.1", "--port", str(self.port), "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={self.token}",
                f"--ServerApp.root_dir={self.root_dir}",
                "--LabApp.expose_app_in_browser=True",
                # jupyter-lsp would spawn `npm` at start-up to look for language servers.
                "--LanguageServerManager.autodetect=False",
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                cmd.append("--allow-root")
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    cmd, env=env, cwd=self.root_dir, stdin=subprocess.DEVNULL,
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
                )
            if self._wait_ready(t0):
                break
            if "already in use" not in self.log_tail() or attempt == 2:
                raise LabError(f"JupyterLab exited with code {self.proc.returncode}; its log ends:\n{self.log_tail()}")
        self.timings["server_ready_s"] = round(time.monotonic() - t0, 3)
        missing = [e for e in self.required_extensions if e not in self.federated_extensions()]
        if missing:
            self.stop()
            raise LabError(f"JupyterLab does not serve the lab extension(s) {missing}; "
                           f"is ipywidgets installed in {self.python}'s environment? (pip install ipywidgets)")
        return self

    def _wait_ready(self, t0: float) -> bool:
        while time.monotonic() - t0 < self.startup_timeout:
            if self.proc.poll() is not None:
                return False
            try:
                self.api("/api/status", timeout=2)
                return True
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.1)
        self.stop()
        raise LabError(f"JupyterLab did not answer /api/status within {self.startup_timeout} s; log:\n{self.log_tail()}")

    def stop(self) -> None:
        """SIGTERM the server by PID, then end any kernel (or other child) that survived."""
        if self.proc is None:
            return
        kids = _descendants(self.proc.pid)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.ended_pids = _end_processes(kids)
        self.proc = None
        if self.base_dir and os.environ.get("KJPACTS_KEEP_LAB_DIRS") != "1":
            shutil.rmtree(self.base_dir, ignore_errors=True)

    def __enter__(self) -> "LabServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except (OSError, AttributeError):
            return ""

    # -- REST
    def api(self, path: str, method: str = "GET", timeout: float = 10) -> Any:
        req = urllib.request.Request(self.url + path, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def kernelspecs(self) -> dict[str, Any]:
        return self.api("/api/kernelspecs")["kernelspecs"]

    def page_config(self) -> dict[str, Any]:
        req = urllib.request.Request(f"{self.url}/lab", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            html = resp.read().decode()
        m = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S)
        if not m:
            raise LabError("the /lab page carries no jupyter-config-data")
        return json.loads(m.group(1))

    def federated_extensions(self) -> list[str]:
        """Names of the prebuilt lab extensions the page will load (disabled ones left out)."""
        cfg = self.page_config()
        disabled = cfg.get("disabledExtensions") or []
        if isinstance(disabled, dict):
            disabled = [k for k, v in disabled.items() if v]
        names = [e["name"] for e in cfg.get("federated_extensions", [])]
        return [n for n in names if n not in disabled]

    def shutdown_sessions(self, notebook: str | os.PathLike) -> None:
        """Shut down the kernels of the sessions open on ``notebook``."""
        rel = self.relative(notebook)
        try:
            for s in self.api("/api/sessions"):
                if s.get("path") == rel:
                    self.api(f"/api/sessions/{s['id']}", method="DELETE")
        except (urllib.error.URLError, OSError):
            pass


# --------------------------------------------------------------------------- interactions
