"""One notebook open in JupyterLab in Chromium: run all, read facts, interact, save artifacts."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from typing import Any, Callable

from .chromium import launch_browser
from .errors import LabError
from .facts import ErrorOutput, NotebookFacts, WidgetOutput, _ANSI
from .interactions import Interaction
from .server import LabServer

_JS = (Path(__file__).with_name("page.js")).read_text(encoding="utf-8")

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
