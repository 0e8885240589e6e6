"""Run notebooks in a real JupyterLab 4 + Chromium, the way a student meets them.

Three pieces, usable from pytest and from a benchmark alike:

``LabServer``
    Starts ``python -m jupyterlab`` on 127.0.0.1, on a free port, with a random token,
    ``root_dir`` a folder you give, and throw-away ``JUPYTER_CONFIG_DIR``,
    ``JUPYTER_DATA_DIR``, ``JUPYTER_RUNTIME_DIR``, ``JUPYTERLAB_SETTINGS_DIR``,
    ``JUPYTERLAB_WORKSPACES_DIR`` and ``IPYTHONDIR``.  The installed lab extensions
    (JupyterLab's own, ipywidgets', nbgrader's) live in ``<prefix>/share/jupyter``, which
    Jupyter always searches; any other folder that held lab extensions before the override
    (e.g. a ``pip install --user`` one) is passed on through ``JUPYTER_PATH``.
    ``start()`` checks that the widget manager extension is really served.  ``stop()``
    sends SIGTERM to the server's PID, then ends the kernels that survived it, by PID
    (kernels run in their own process session, so a process-group kill misses them).

``LabSession``
    A context manager that opens one notebook (a file under the server's root) in a new
    Chromium page, after checking its kernelspec against ``/api/kernelspecs`` (an unknown
    one would open a "Select Kernel" dialog).  ``run_all()`` executes
    ``notebook:run-all-cells`` and polls until no cell runs ("N cells still running after
    T s" otherwise); ``facts()`` returns error outputs, the widget views in the notebook
    model and the widgets really rendered; ``select()``, ``fill()``, ``click()``,
    ``output_text()`` and ``perform()`` drive the widgets.  All waiting is Playwright's
    retrying ``expect()`` / ``wait_for_function()``, never sleeps.  When the ``with`` block
    raises, a screenshot of the notebook panel, a full-page one, the browser console log,
    the notebook's outputs and the server log are saved under ``artifacts_dir``.

``check_notebook()``
    The whole check used by the tests: run all, no error outputs, every widget view
    rendered, every declared interaction changes what is shown.

Declaring a notebook's interaction check
----------------------------------------
A notebook that displays widgets must say how to poke them, in its notebook-level
metadata (in JupyterLab: Property Inspector > Advanced Tools > Notebook metadata)::

    "metadata": {
      "kjpacts": {
        "interactions": [
          {"action": "select", "label": "Fruit:", "value": "banana",
           "expect_change_in": "output", "expect_text": "banana"},
          {"action": "fill", "label": "Name:", "value": "Ada",
           "expect_change_in": ".widget-html"},
          {"action": "click", "label": "Shout", "expect_change_in": "output"}
        ]
      }
    }

Each entry, performed in order after Run All:

``action`` (required)
    ``"select"``: choose the option whose text is ``value`` in the dropdown (or list
    ``Select``) whose description label is ``label``.
    ``"fill"``: type ``value`` into the text box (Text, Textarea, IntText, ...) whose
    description label is ``label``, then leave the box (so ``continuous_update=False``
    widgets sync too); with ``"submit": true`` press Enter instead.
    ``"click"``: click the button whose text is ``label`` (no ``value``).
``label`` (required)
    The widget's ``description`` exactly as shown (``"Fruit:"`` if the description is
    ``"Fruit:"``), or the button's text.  It must match exactly one widget.
``value``
    Required for ``select`` and ``fill``.  Choose a value different from the current one,
    otherwise nothing changes and the check fails.
``expect_change_in`` (default ``"output"``)
    What must look different afterwards: ``"output"`` means all the cell output areas of
    the notebook; anything else is a CSS selector searched inside the notebook panel.
    "Looking different" compares the visible text plus a hash of every image, SVG and
    canvas, so a re-drawn plot counts; a text box's own typed value or a dropdown's own
    selection does not.
``expect_text`` (optional)
    Text that must then be visible in ``expect_change_in``.
``timeout_s`` (optional, default 15)
    How long the change may take (slow callbacks).

A notebook whose outputs contain widget views (``application/vnd.jupyter.widget-view+json``)
but that declares no interaction fails the check, with a message saying to declare one.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
WIDGET_MANAGER_EXTENSION = "@jupyter-widgets/jupyterlab-manager"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_HINT = "apt-get install -y chromium; pip install playwright  (never `playwright install`)"

USER_SETTINGS = {
    # The news pop-up otherwise covers the page.
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Windowing would leave off-screen cells out of the page.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


class LabError(AssertionError):
    """Something about the notebook or the lab is wrong; the message says what."""


class InteractionSpecError(LabError):
    """The notebook's ``kjpacts.interactions`` metadata is malformed."""


# --------------------------------------------------------------------------- requirements

def chromium_path() -> str | None:
    """Chromium to drive: ``$KJPACTS_CHROMIUM`` when set, else /usr/bin/chromium, else on PATH."""
    override = os.environ.get("KJPACTS_CHROMIUM")
    for cand in (override,) if override else (DEFAULT_CHROMIUM, shutil.which("chromium")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def missing_requirements() -> list[str]:
    """What is missing to run browser tests, each with the command that installs it."""
    from importlib.util import find_spec

    problems = []
    if find_spec("playwright") is None:
        problems.append("the Python package playwright is missing: pip install playwright "
                        "(it drives the system Chromium; never run `playwright install`)")
    if chromium_path() is None:
        where = os.environ.get("KJPACTS_CHROMIUM") or f"{DEFAULT_CHROMIUM} (nor on PATH)"
        problems.append(f"Chromium is not at {where}: apt-get install -y chromium")
    for mod, pkg in (("jupyterlab", "jupyterlab"), ("ipywidgets", "ipywidgets"), ("ipykernel", "ipykernel")):
        if find_spec(mod) is None:
            problems.append(f"the Python package {pkg} is missing: pip install {pkg}")
    return problems


def launch_browser(playwright, executable_path: str | None = None, headless: bool = True):
    """Launch the system Chromium through Playwright (never its downloaded browsers)."""
    exe = executable_path or chromium_path()
    if exe is None:
        raise LabError(f"Chromium not found; install it: {INSTALL_HINT}")
    return playwright.chromium.launch(executable_path=exe, headless=headless, args=CHROMIUM_ARGS)


# --------------------------------------------------------------------------- processes

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _proc_stat(pid: int) -> tuple[int, int] | None:
    """(ppid, start time) of a live process, from /proc; None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    if rest[0] == "Z":  # zombie: already dead
        return None
    return int(rest[1]), int(rest[19])


def _descendants(pid: int) -> list[tuple[int, int]]:
    """All descendants of ``pid`` as (pid, start time), so a reused PID is never hit."""
    children: dict[int, list[tuple[int, int]]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for name in entries:
        if name.isdigit():
            st = _proc_stat(int(name))
            if st:
                children.setdefault(st[0], []).append((int(name), st[1]))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def _alive(pid: int, start: int) -> bool:
    st = _proc_stat(pid)
    return st is not None and st[1] == start


def _end_processes(procs: Iterable[tuple[int, int]], grace: float = 5.0) -> list[int]:
    """SIGTERM each surviving (pid, start), then SIGKILL what is left; return the PIDs ended."""
    survivors = [p for p in procs if _alive(*p)]
    for pid, _ in survivors:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(*p) for p in survivors):
        time.sleep(0.05)
    for pid, start in survivors:
        if _alive(pid, start):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    return [pid for pid, _ in survivors]


# --------------------------------------------------------------------------- server

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

ACTIONS = ("select", "fill", "click")
_KEYS = {"action", "label", "value", "expect_change_in", "expect_text", "timeout_s", "submit"}


@dataclass
class Interaction:
    action: str
    label: str
    value: str | None = None
    expect_change_in: str = "output"
    expect_text: str | None = None
    timeout_s: float = 15.0
    submit: bool = False

    def describe(self) -> str:
        what = f"{self.action} {self.label!r}"
        return what + (f" = {self.value!r}" if self.value is not None else "")

    @classmethod
    def from_dict(cls, d: Any, where: str) -> "Interaction":
        if not isinstance(d, dict):
            raise InteractionSpecError(f"{where}: must be an object, got {type(d).__name__}")
        unknown = set(d) - _KEYS
        if unknown:
            raise InteractionSpecError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
        action = d.get("action")
        if action not in ACTIONS:
            raise InteractionSpecError(f"{where}.action: {action!r} is not one of {list(ACTIONS)}")
        label = d.get("label")
        if not isinstance(label, str) or not label.strip():
            raise InteractionSpecError(f"{where}.label: give the widget's description (or the button's text)")
        value = d.get("value")
        if action in ("select", "fill") and not isinstance(value, str):
            raise InteractionSpecError(f"{where}.value: {action} needs a string value")
        if action == "click" and value is not None:
            raise InteractionSpecError(f"{where}.value: click takes no value")
        target = d.get("expect_change_in", "output")
        if not isinstance(target, str) or not target.strip():
            raise InteractionSpecError(f"{where}.expect_change_in: 'output' or a CSS selector")
        timeout = d.get("timeout_s", 15.0)
        if not isinstance(timeout, (int, float)) or timeout <= 0:
            raise InteractionSpecError(f"{where}.timeout_s: a positive number of seconds")
        text = d.get("expect_text")
        if text is not None and not isinstance(text, str):
            raise InteractionSpecError(f"{where}.expect_text: a string")
        return cls(action, label, value, target, text, float(timeout), bool(d.get("submit", False)))


def declared_interactions(notebook: dict | str | os.PathLike) -> list[Interaction]:
    """The interactions declared in ``metadata.kjpacts.interactions`` (validated)."""
    nb = notebook if isinstance(notebook, dict) else json.loads(Path(notebook).read_text())
    meta = nb.get("metadata", {}).get("kjpacts", {})
    if not isinstance(meta, dict):
        raise InteractionSpecError("metadata.kjpacts: must be an object")
    items = meta.get("interactions", [])
    if not isinstance(items, list):
        raise InteractionSpecError("metadata.kjpacts.interactions: must be a list")
    return [Interaction.from_dict(d, f"metadata.kjpacts.interactions[{i}]") for i, d in enumerate(items)]


def require_interactions(widget_views: int, interactions: list[Interaction], name: str = "notebook") -> None:
    if widget_views and not interactions:
        raise LabError(
            f"{name} displays {widget_views} widget view(s) but declares no interaction to check them. "
            'Add to the notebook metadata: {"kjpacts": {"interactions": [{"action": "select", '
            '"label": "<widget description>", "value": "<another option>", "expect_change_in": "output"}]}} '
            "(actions: select, fill, click; see kjpacts.testing.lab)."
        )


# --------------------------------------------------------------------------- facts

@dataclass
class ErrorOutput:
    cell: int
    ename: str
    evalue: str
    traceback: str

    def __str__(self) -> str:
        return f"cell {self.cell}: {self.ename}: {self.evalue}"


@dataclass
class WidgetOutput:
    cell: int
    output: int
    model_id: str
    state: str  # rendered | error | loading | fallback | hidden | missing
    mime: str | None
    text: str

    def __str__(self) -> str:
        shown = f" shown as {self.mime}" if self.state == "fallback" else ""
        return f"cell {self.cell} output {self.output} (model {self.model_id or '-'}): {self.state}{shown}: {self.text[:120]!r}"


@dataclass
class NotebookFacts:
    code_cells: int
    executed_cells: int
    errors: list[ErrorOutput]
    widget_views: int  # widget-view outputs in the notebook model (non-empty model id)
    rendered_widgets: int  # top-level .jupyter-widgets elements in cell output areas
    widget_outputs: list[WidgetOutput]

    def widget_mismatch(self) -> str | None:
        if self.widget_views == self.rendered_widgets and all(
            w.state in ("rendered", "hidden") for w in self.widget_outputs
        ):
            return None
        bad = [str(w) for w in self.widget_outputs if w.state not in ("rendered", "hidden")]
        return (f"{self.widget_views} widget view(s) in the outputs but {self.rendered_widgets} rendered widget(s) "
                f"in the page" + (":\n  " + "\n  ".join(bad) if bad else ""))


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

_JS = r"""
(() => {
  const WV = 'application/vnd.jupyter.widget-view+json';
  const H = {};
  H.panel = (path) => {
    const app = window.jupyterapp;
    if (!app || !app.shell) return null;
    for (const w of app.shell.widgets('main')) {
      if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
    }
    return null;
  };
  H.dialog = () => {
    const d = document.querySelector('.jp-Dialog');
    return d ? (d.innerText || '').slice(0, 600) : null;
  };
  H.kernel = (p) => p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  H.kernelIdle = (path) => {
    const d = H.dialog();
    if (d) return {state: 'dialog', text: d};
    const p = H.panel(path);
    const k = H.kernel(p);
    if (p && p.sessionContext.isReady && k && k.status === 'idle' && k.connectionStatus === 'connected'
        && p.content.widgets.length > 0) {
      return {state: 'idle', panelId: p.id, kernel: k.name};
    }
    return null;
  };
  H.describe = (path) => {
    const p = H.panel(path);
    if (!window.jupyterapp) return 'window.jupyterapp is undefined (is --LabApp.expose_app_in_browser=True set?)';
    if (!p) return 'the notebook panel is not open';
    const k = H.kernel(p);
    return `kernel ${k ? k.name + ' ' + k.status + ' / ' + k.connectionStatus : 'not started'}`;
  };
  H.running = (path) => {
    const p = H.panel(path);
    return p ? p.content.widgets.filter(c => c.model.type === 'code' && c.model.executionState === 'running').length : -1;
  };
  H.startRun = (path, continueOnError) => {
    const app = window.jupyterapp;
    const p = H.panel(path);
    app.shell.activateById(p.id);
    const st = H.run = {done: false, error: null, result: null};
    let prom;
    if (!continueOnError) {
      prom = app.commands.execute('notebook:run-all-cells');
    } else {
      prom = (async () => {
        const nb = p.content;
        for (let i = 0; i < nb.widgets.length; i++) {
          if (nb.widgets[i].model.type !== 'code') continue;
          nb.activeCellIndex = i;
          nb.deselectAll();
          try { await app.commands.execute('notebook:run-cell'); } catch (e) { /* error output is kept */ }
        }
        return true;
      })();
    }
    Promise.resolve(prom).then(r => { st.done = true; st.result = r === undefined ? null : r; },
                                e => { st.done = true; st.error = String(e); });
  };
  H.runDone = (path) => {
    const d = H.dialog();
    if (d) return {state: 'dialog', text: d};
    if (!H.run || !H.run.done || H.running(path) !== 0) return null;
    const k = H.kernel(H.panel(path));
    if (!k || k.status !== 'idle') return null;
    return {state: 'done', result: H.run.result, error: H.run.error};
  };
  H.topLevelWidgets = (p) => Array.from(
    p.content.node.querySelectorAll('.jp-Cell-outputArea .jp-OutputArea-output > .jupyter-widgets')
  ).filter(el => {
    const outer = el.parentElement.parentElement;
    return !(outer && outer.closest('.jupyter-widgets'));
  });
  H.facts = (path) => {
    const p = H.panel(path);
    const res = {codeCells: 0, executed: 0, errors: [], widgets: []};
    p.content.widgets.forEach((cell, ci) => {
      if (cell.model.type !== 'code') return;
      res.codeCells += 1;
      if (cell.model.executionCount) res.executed += 1;
      const children = cell.outputArea
        ? Array.from(cell.outputArea.node.children).filter(n => n.classList.contains('jp-OutputArea-child'))
        : [];
      cell.model.outputs.toJSON().forEach((o, oi) => {
        if (o.output_type === 'error') {
          res.errors.push({cell: ci, ename: o.ename, evalue: o.evalue, traceback: (o.traceback || []).join('\n')});
        }
        const view = (o.data || {})[WV];
        if (!view) return;
        const child = children[oi];
        const node = child ? child.querySelector('.jp-OutputArea-output') : null;
        let state, mime = null, text = '';
        if (view.model_id === '') state = 'hidden';
        else if (!node) state = 'missing';
        else {
          mime = node.getAttribute('data-mime-type');
          text = (node.innerText || node.textContent || '').trim().slice(0, 400);
          if (mime && mime !== WV) state = 'fallback';
          else if (Array.from(node.children).some(c => c.classList.contains('jupyter-widgets'))) state = 'rendered';
          else if ((node.textContent || '').startsWith('Error displaying widget')) state = 'error';
          else state = 'loading';
        }
        res.widgets.push({cell: ci, output: oi, modelId: view.model_id || '', state, mime, text});
      });
    });
    res.rendered = H.topLevelWidgets(p).length;
    return res;
  };
  H.settled = (path) => {
    const f = H.facts(path);
    return f.widgets.some(w => w.state === 'loading') ? null : f;
  };
  H.hash = (s) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0).toString(16) + ':' + s.length;
  };
  H.signature = (path, target) => {
    const p = H.panel(path);
    if (!p) return null;
    const roots = target === 'output'
      ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea'))
      : Array.from(p.node.querySelectorAll(target));
    if (!roots.length) return null;
    return roots.map(r => {
      let s = r.innerText || '';
      r.querySelectorAll('img').forEach(i => { s += '\nimg:' + H.hash(i.src || ''); });
      r.querySelectorAll('svg').forEach(v => { s += '\nsvg:' + H.hash(v.outerHTML); });
      r.querySelectorAll('canvas').forEach(c => { try { s += '\ncanvas:' + H.hash(c.toDataURL()); } catch (e) {} });
      return s;
    }).join('\n---\n');
  };
  H.changed = ([path, target, before]) => {
    const s = H.signature(path, target);
    return s !== null && s !== before;
  };
  H.labels = (path) => {
    const p = H.panel(path);
    return p ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea label.widget-label'))
      .map(l => (l.innerText || '').trim()).filter(t => t) : [];
  };
  H.buttons = (path) => {
    const p = H.panel(path);
    return p ? Array.from(p.content.node.querySelectorAll('.jp-Cell-outputArea button'))
      .map(b => (b.innerText || '').trim()) : [];
  };
  H.cellOutputText = ([path, i]) => {
    const p = H.panel(path);
    const c = p && p.content.widgets[i];
    return c && c.outputArea ? c.outputArea.node.innerText : null;
  };
  H.notebookJSON = (path) => { const p = H.panel(path); return p ? p.context.model.toJSON() : null; };
  window.__kjpacts = H;
})();
"""


# --------------------------------------------------------------------------- session

class LabSession:
    """One notebook open in Chromium against a running ``LabServer``.

    ``browser``: a Playwright Browser to open a new context in (shared between tests);
    without one, the session starts Playwright and Chromium itself.
    ``artifacts_dir``: where screenshots and logs go when the ``with`` block fails.
    """

    def __init__(
        self,
        server: LabServer,
        notebook: str | os.PathLike,
        *,
        browser=None,
        artifacts_dir: str | os.PathLike | None = None,
        kernel_timeout: float = 60.0,
        default_timeout: float = 15.0,
        viewport: tuple[int, int] = (1280, 1000),
    ):
        self.server = server
        self.path = server.relative(notebook)
        self.file = server.root_dir / self.path
        self.browser = browser
        self.artifacts_dir = Path(artifacts_dir) if artifacts_dir else None
        self.kernel_timeout = kernel_timeout
        self.default_timeout = default_timeout
        self.viewport = viewport
        self.console: list[str] = []
        self.timings: dict[str, float] = {}
        self.panel_id: str | None = None
        self.page = None
        self._context = None
        self._pw = None
        self._own_browser = False

    # -- lifecycle
    def __enter__(self) -> "LabSession":
        try:
            self.open()
        except BaseException as exc:
            self.save_artifacts(f"opening failed: {exc}")
            self.close()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is not None:
                self.save_artifacts(f"{exc_type.__name__}: {exc}")
        finally:
            self.close()

    def check_kernelspec(self) -> str:
        try:
            nb = json.loads(self.file.read_text())
        except (OSError, ValueError) as e:
            raise LabError(f"{self.path}: cannot read the notebook: {e}") from None
        spec = nb.get("metadata", {}).get("kernelspec", {}).get("name")
        have = self.server.kernelspecs()
        if not spec:
            raise LabError(f"{self.path}: metadata.kernelspec.name is missing; set it to one of {sorted(have)}")
        if spec not in have:
            raise LabError(f"{self.path}: kernelspec {spec!r} is not installed on the server "
                           f"(have {sorted(have)}); JupyterLab would open a 'Select Kernel' dialog")
        return spec

    def open(self) -> None:
        t0 = time.monotonic()
        self.check_kernelspec()
        if self.browser is None:
            from playwright.sync_api import sync_playwright
            self._pw = sync_playwright().start()
            self.browser = launch_browser(self._pw)
            self._own_browser = True
        self._context = self.browser.new_context(viewport={"width": self.viewport[0], "height": self.viewport[1]})
        self._context.add_init_script(_JS)
        self._context.set_default_timeout(self.default_timeout * 1000)
        self.page = self._context.new_page()
        self.page.on("console", lambda m: self.console.append(f"[{m.type}] {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"[pageerror] {e}"))
        self.page.on("requestfailed", lambda r: self.console.append(f"[requestfailed] {r.url} {r.failure}"))
        self.page.goto(self.server.lab_url(self.path), wait_until="domcontentloaded")
        state = self._wait_js("window.__kjpacts && window.__kjpacts.kernelIdle", self.kernel_timeout,
                              lambda: f"the kernel was not idle after {self.kernel_timeout} s: "
                                      f"{self.page.evaluate('p => window.__kjpacts ? window.__kjpacts.describe(p) : null', self.path)}")
        self._no_dialog(state)
        self.panel_id = state["panelId"]
        self.timings["page_to_kernel_idle_s"] = round(time.monotonic() - t0, 3)

    def close(self) -> None:
        for step in (
            lambda: self._context and self._context.close(),
            lambda: self.server.shutdown_sessions(self.path) if self.server.proc else None,
            lambda: self._own_browser and self.browser.close(),
            lambda: self._pw and self._pw.stop(),
        ):
            try:
                step()
            except Exception:
                pass
        self._context = self.page = self._pw = None

    # -- waiting
    def _wait_js(self, fn: str, timeout: float, on_timeout: Callable[[], str], arg: Any = None) -> Any:
        """Poll the page function ``fn(arg)`` (default arg: the notebook path) until truthy."""
        from playwright.sync_api import TimeoutError as PWTimeout
        expr = f"(a) => {{ const f = {fn}; return f ? f(a) : null; }}"
        try:
            handle = self.page.wait_for_function(expr, arg=self.path if arg is None else arg,
                                                 timeout=timeout * 1000, polling=100)
        except PWTimeout:
            raise LabError(on_timeout()) from None
        return handle.json_value()

    @staticmethod
    def _no_dialog(state: Any) -> None:
        if isinstance(state, dict) and state.get("state") == "dialog":
            raise LabError(f"JupyterLab opened a dialog: {state.get('text')!r}")

    def _eval(self, fn: str, arg: Any = None) -> Any:
        return self.page.evaluate(f"(a) => window.__kjpacts.{fn}(a)", self.path if arg is None else arg)

    # -- running
    def run_all(self, timeout: float = 120.0, continue_on_error: bool = False) -> float:
        """Run every cell (``notebook:run-all-cells``); return the seconds it took.

        ``continue_on_error`` runs the code cells one by one instead, so an error does
        not stop the rest (for nbgrader release notebooks whose answers are blank).
        """
        t0 = time.monotonic()
        self.page.evaluate("([p, c]) => window.__kjpacts.startRun(p, c)", [self.path, continue_on_error])
        state = self._wait_js("window.__kjpacts.runDone", timeout,
                              lambda: f"{self._eval('running')} cells still running after {timeout:g} s")
        self._no_dialog(state)
        self.timings["run_all_s"] = round(time.monotonic() - t0, 3)
        return self.timings["run_all_s"]

    def facts(self, widget_timeout: float = 15.0) -> NotebookFacts:
        """What the page shows now; first waits until no widget view is still 'Loading'."""
        t0 = time.monotonic()
        from playwright.sync_api import TimeoutError as PWTimeout
        try:
            raw = self.page.wait_for_function("(p) => window.__kjpacts.settled(p)", arg=self.path,
                                              timeout=widget_timeout * 1000, polling=100).json_value()
        except PWTimeout:
            raw = self._eval("facts")  # some views are still 'loading': reported as not rendered
        self.timings["widgets_settled_s"] = round(time.monotonic() - t0, 3)
        errors = [ErrorOutput(e["cell"], e["ename"], e["evalue"], _ANSI.sub("", e["traceback"])) for e in raw["errors"]]
        widgets = [WidgetOutput(w["cell"], w["output"], w["modelId"], w["state"], w["mime"], w["text"])
                   for w in raw["widgets"]]
        return NotebookFacts(
            code_cells=raw["codeCells"], executed_cells=raw["executed"], errors=errors,
            widget_views=sum(1 for w in widgets if w.model_id),
            rendered_widgets=raw["rendered"], widget_outputs=widgets,
        )

    # -- widgets
    def _scope(self):
        return self.page.locator(f"#{self.panel_id} .jp-Cell-outputArea")

    def _one(self, locator, what: str, known: Callable[[], list[str]]):
        n = locator.count()
        if n == 0:
            raise LabError(f"no {what} in the notebook's outputs; present: {known()}")
        if n > 1:
            raise LabError(f"{n} widgets match {what}; make the description unique")
        return locator

    def _labelled(self, label: str, control: str):
        """``control`` inside the ipywidget whose description label is exactly ``label``."""
        exact = re.compile(r"^\s*" + re.escape(label.strip()) + r"\s*$")
        box = self._scope().locator(".jupyter-widgets").filter(
            has=self.page.locator(":scope > label.widget-label", has_text=exact)
        )
        return box.locator(f":scope > {control}")

    def select(self, label: str, value: str) -> None:
        """Choose the option ``value`` in the dropdown labelled ``label``."""
        loc = self._one(self._labelled(label, "select"), f"dropdown labelled {label!r}", lambda: self._eval("labels"))
        loc.select_option(label=value)

    def fill(self, label: str, value: str, submit: bool = False) -> None:
        """Type ``value`` into the text box labelled ``label``, then leave it (or press Enter)."""
        loc = self._one(self._labelled(label, "input, textarea"), f"text box labelled {label!r}",
                        lambda: self._eval("labels"))
        loc.fill(value)
        if submit:
            loc.press("Enter")
        else:
            loc.blur()

    def click(self, text: str) -> None:
        """Click the widget button whose text is ``text``."""
        loc = self._scope().get_by_role("button", name=text, exact=True)
        self._one(loc, f"button {text!r}", lambda: self._eval("buttons")).click()

    def output_text(self, cell: int | None = None) -> str:
        """Visible text of one code cell's output area (by cell index), or of all of them."""
        if cell is None:
            return "\n".join(self._scope().all_inner_texts())
        text = self.page.evaluate("(a) => window.__kjpacts.cellOutputText(a)", [self.path, cell])
        if text is None:
            raise LabError(f"cell {cell} is not a code cell with an output area")
        return text

    def signature(self, target: str = "output") -> str | None:
        return self.page.evaluate("([p, t]) => window.__kjpacts.signature(p, t)", [self.path, target])

    def perform(self, it: Interaction) -> float:
        """Do one declared interaction and assert that what is shown changed; return seconds."""
        from playwright.sync_api import expect
        t0 = time.monotonic()
        before = self.signature(it.expect_change_in)
        if before is None:
            raise LabError(f"{it.describe()}: expect_change_in {it.expect_change_in!r} matches nothing in the notebook")
        if it.action == "select":
            self.select(it.label, it.value)
        elif it.action == "fill":
            self.fill(it.label, it.value, submit=it.submit)
        else:
            self.click(it.label)
        self._wait_js("window.__kjpacts.changed", it.timeout_s,
                      lambda: f"{it.describe()}: nothing changed in {it.expect_change_in!r} within {it.timeout_s:g} s "
                              f"(is the callback connected with .observe(..., names='value') / .on_click?)",
                      arg=[self.path, it.expect_change_in, before])
        if it.expect_text is not None:
            where = self._scope() if it.expect_change_in == "output" else \
                self.page.locator(f"#{self.panel_id}").locator(it.expect_change_in)
            expect(where.filter(has_text=it.expect_text).first,
                   f"{it.describe()}: {it.expect_text!r} not shown in {it.expect_change_in!r}"
                   ).to_be_visible(timeout=it.timeout_s * 1000)
        took = round(time.monotonic() - t0, 3)
        self.timings.setdefault("interactions_s", []).append(took)
        return took

    # -- artifacts
    def save_artifacts(self, reason: str) -> Path | None:
        """Screenshots (notebook panel + full page), console log, outputs, server log."""
        if self.artifacts_dir is None:
            return None
        d = self.artifacts_dir
        d.mkdir(parents=True, exist_ok=True)
        (d / "failure.txt").write_text(f"notebook: {self.path}\n{reason}\n\ntimings: {self.timings}\n")
        (d / "console.log").write_text("\n".join(self.console) + "\n")
        (d / "server.log").write_text(self.server.log_tail(200_000))
        if self.page is not None:
            shots = [("notebook-panel.png", lambda p: self.page.locator(f"#{self.panel_id}").screenshot(path=p, timeout=5000)
                      if self.panel_id else None),
                     ("page.png", lambda p: self.page.screenshot(path=p, full_page=True, timeout=5000))]
            for name, shoot in shots:
                try:
                    shoot(str(d / name))
                except Exception as e:  # never hide the real failure
                    (d / f"{name}.error.txt").write_text(str(e))
            try:
                model = self._eval("notebookJSON")
                if model:
                    (d / "notebook-as-shown.ipynb").write_text(json.dumps(model, indent=1))
            except Exception:
                pass
        return d


# --------------------------------------------------------------------------- staging

_NEVER_LINK = {".git", "test-artifacts", ".ipynb_checkpoints", "__pycache__", ".pytest_cache"}


def stage_notebook(repo_root: str | os.PathLike, notebook: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Copy ``notebook`` to the same relative place under ``dest``; return the copy.

    Running dirties a notebook, so tests run a copy.  So that relative paths such as
    ``../corpus/clean/x.txt`` or a data file beside the notebook keep working, every other
    entry along the way (siblings of the notebook and of each of its parent folders,
    up to ``repo_root``) is symlinked, not copied: treat them as read-only.
    """
    repo_root, notebook, dest = Path(repo_root).resolve(), Path(notebook).resolve(), Path(dest)
    rel = notebook.relative_to(repo_root)
    src_dir, dst_dir = repo_root, dest
    for part in rel.parts:
        dst_dir.mkdir(parents=True, exist_ok=True)
        for entry in src_dir.iterdir():
            if entry.name != part and entry.name not in _NEVER_LINK and not (dst_dir / entry.name).exists():
                (dst_dir / entry.name).symlink_to(entry)
        src_dir, dst_dir = src_dir / part, dst_dir / part
    shutil.copyfile(notebook, dst_dir)
    return dst_dir


# --------------------------------------------------------------------------- whole check

@dataclass
class CheckReport:
    notebook: str
    facts: NotebookFacts
    interactions: list[Interaction]
    tolerated_errors: list[ErrorOutput] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)


def nbgrader_answer_cell(nb: dict, err: ErrorOutput) -> bool:
    """True when the error is in an nbgrader answer cell or test cell (blank release notebook)."""
    try:
        meta = nb["cells"][err.cell].get("metadata", {}).get("nbgrader", {})
    except (IndexError, KeyError):
        return False
    return bool(meta.get("solution") or meta.get("grade"))


def check_notebook(
    server: LabServer,
    notebook: str | os.PathLike,
    *,
    browser=None,
    artifacts_dir: str | os.PathLike | None = None,
    release: bool = False,
    run_timeout: float = 120.0,
) -> CheckReport:
    """Open, run all, then assert: no error output, every widget view rendered, every
    declared interaction changes the display (and at least one is declared if widgets show).

    ``release=True`` (nbgrader student versions) runs cells one by one and tolerates errors
    in answer and test cells only, since the answers are still blank.
    """
    t0 = time.monotonic()
    nb = json.loads((server.root_dir / server.relative(notebook)).read_text())
    interactions = declared_interactions(nb)
    with LabSession(server, notebook, browser=browser, artifacts_dir=artifacts_dir) as s:
        s.run_all(timeout=run_timeout, continue_on_error=release)
        facts = s.facts()
        tolerated = [e for e in facts.errors if release and nbgrader_answer_cell(nb, e)]
        errors = [e for e in facts.errors if e not in tolerated]
        if errors:
            raise LabError(f"{len(errors)} error output(s):\n" + "\n".join(
                f"  {e}\n{e.traceback[-1500:]}" for e in errors))
        mismatch = facts.widget_mismatch()
        if mismatch:
            raise LabError(f"widgets did not render: {mismatch}")
        require_interactions(facts.widget_views, interactions, s.path)
        for it in interactions:
            s.perform(it)
        timings = {**s.timings}
    timings["total_s"] = round(time.monotonic() - t0, 3)
    return CheckReport(str(notebook), facts, interactions, tolerated, timings)
