"""``SandboxExecute``: nbgrader's ``Execute`` for untrusted submissions, tests judged outside.

In ``autograde`` it replaces nbgrader's ``Execute``:

- the student's cells (and the read-only set-up cells) run in the bubblewrap kernel, over IPC
  sockets in a private folder, with the kernel's working folder a scratch copy of the
  submission's other files (so the kernel never sees the notebook nbgrader restored, with its
  hidden tests, and nothing it writes reaches ``autograded/`` or ``feedback/``);
- every test cell, visible and hidden, is **not** sent to the kernel: its source is taken from
  the gradebook and judged here (:func:`kjpacts.grading.judge.judge`), the kernel answering
  only requests for names and calls, as plain data; the outputs nbgrader scores are written
  by the judge;
- output per cell is capped; a dead or unresponsive kernel turns the remaining cells into
  error outputs (the submission still gets its grades); timeouts, crashes and judge flags go
  to the event log for the report.

``$KJPACTS_RECORD_KERNEL_INPUT`` (a file): every message sent to the kernel is appended to it
as a JSON line (the test suite proves with it that no expected value reaches the kernel).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from nbclient.util import run_sync
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer

from ..events import log_event
from ..judge import KernelAnswers, judge, outputs
from ..sandbox import KERNEL_NAME, PRIVATE_PREFIX, find_course_dir, refuse_tracing

#: Prefix of the scratch folder the kernel runs in.
SCRATCH_PREFIX = "kernel-cwd-"


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def _cell_label(cell) -> str | None:
    if cell is None:
        return None
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def test_sources(resources: dict) -> dict[str, tuple[str, float]]:
    """grade_id -> (source, points) of the notebook's autograded test cells, from the gradebook."""
    from nbgrader.api import Gradebook

    nbg = resources.get("nbgrader", {})
    out = {}
    with Gradebook(nbg["db_url"]) as gb:
        notebook = gb.find_notebook(nbg["notebook"], nbg["assignment"])
        solutions = {c.name for c in notebook.solution_cells}
        sources = {c.name: c for c in notebook.source_cells}
        for g in notebook.grade_cells:
            if g.cell_type == "code" and g.name not in solutions and g.name in sources:
                out[g.name] = (sources[g.name].source or "", float(g.max_score))
    return out


def _recorder(path: str, send):
    def record(stream, msg_or_type, content=None, *args, **kwargs):
        if isinstance(msg_or_type, dict):
            kind, body = msg_or_type.get("header", {}).get("msg_type"), msg_or_type.get("content")
        else:
            kind, body = msg_or_type, content
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"msg_type": kind, "content": body}, default=repr) + "\n")
        return send(stream, msg_or_type, content, *args, **kwargs)

    return record


class SandboxExecute(Execute):
    """nbgrader's Execute, hardened for untrusted submissions, with tests judged outside the kernel."""

    max_output_chars = Integer(
        200_000, help="Largest output (characters) kept per cell; the rest is dropped with a notice."
    ).tag(config=True)

    max_consecutive_timeouts = Integer(
        2, help="After this many timeouts in a row the kernel is killed and the rest is not run."
    ).tag(config=True)

    # -- the kernel: private sockets, scratch working folder ------------------------------
    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if self.kernel_name == KERNEL_NAME:
            self._private_dir = tempfile.mkdtemp(prefix=PRIVATE_PREFIX)
            km.transport = "ipc"
            km.connection_file = os.path.join(self._private_dir, "kernel.json")
            km.ip = os.path.join(self._private_dir, "k")
        return km

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        path = os.environ.get("KJPACTS_RECORD_KERNEL_INPUT")
        if path:
            kc.session.send = _recorder(path, kc.session.send)
        return kc

    start_new_kernel_client = run_sync(async_start_new_kernel_client)  # nbclient binds the sync one at import

    def _scratch(self, resources: dict) -> str | None:
        """A scratch copy of the submission folder's other files, inside the course folder."""
        folder = resources.get("metadata", {}).get("path")
        course = find_course_dir(Path(folder).resolve()) if folder else None
        if not folder or course is None:
            return None
        base = os.path.join(str(course), ".grading")
        os.makedirs(base, exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=base)
        for entry in os.listdir(folder):
            src = os.path.join(folder, entry)
            if entry.endswith(".ipynb") or entry.startswith("."):
                continue
            if os.path.isdir(src):
                shutil.copytree(src, os.path.join(scratch, entry), symlinks=True)
            elif os.path.isfile(src):
                shutil.copy2(src, os.path.join(scratch, entry))
        return scratch

    def preprocess(self, nb, resources=None, km=None):
        refuse_tracing()  # the judge runs here: no student process may ptrace it
        self._private_dir = None
        self._tests = test_sources(resources) if resources and "nbgrader" in resources else {}
        self._flags: set[str] = set()
        self._requests = 0
        self._judge_s = self._ask_s = 0.0
        scratch = self._scratch(resources or {})
        before = set()
        if scratch:
            resources["metadata"]["path"] = scratch
            before = set(os.listdir(scratch))
        try:
            return super().preprocess(nb, resources, km)
        finally:
            if scratch:
                written = sorted(set(os.listdir(scratch)) - before) if os.path.isdir(scratch) else []
                if written:
                    self._flags.add(f"wrote-files:{len(written)}")
                shutil.rmtree(scratch, ignore_errors=True)
            if self._flags:
                log_event(self.resources, "judge-flags", flags=sorted(self._flags))
            log_event(self.resources, "judge-timing", judge_s=round(self._judge_s, 4),
                      requests_s=round(self._ask_s, 4), requests=self._requests)
            if self._private_dir:
                shutil.rmtree(self._private_dir, ignore_errors=True)

    def reset_execution_trackers(self) -> None:
        super().reset_execution_trackers()
        self._cell_chars: dict[int, int] = {}
        self._truncated: set[int] = set()
        self._dead: str | None = None
        self._timeouts_in_row = 0
        self._timed_out_cell = False

    # -- output cap -------------------------------------------------------
    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text", "")) + sum(len(str(v)) for v in content.get("data", {}).values())
        used = self._cell_chars.get(cell_index, 0)
        if used + size > self.max_output_chars and msg["msg_type"] != "error":
            if cell_index not in self._truncated:
                self._truncated.add(cell_index)
                outs.append(NotebookNode(output_type="stream", name="stdout",
                                         text=f"\n... output truncated by the grader after {self.max_output_chars} characters ...\n"))
                log_event(self.resources, "output-truncated", cell=cell_index)
            return None
        self._cell_chars[cell_index] = used + size
        return super().output(outs, msg, display_id, cell_index)

    # -- timeouts -----------------------------------------------------------
    async def _async_handle_timeout(self, timeout, cell=None):
        self._timed_out_cell = True
        log_event(self.resources, "timeout", cell=_cell_label(cell), seconds=timeout)
        return await super()._async_handle_timeout(timeout, cell)

    def _run_guarded(self, cell, index: int) -> bool:
        """Execute ``cell`` in the kernel; False when the kernel is (or has just become) unusable."""
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        self._timed_out_cell = False
        try:
            super().preprocess_cell(cell, self.resources, index)
        except DeadKernelError:
            self._dead = "the kernel died in an earlier cell (os._exit, a crash or the memory limit)"
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelDied", "the kernel died while running this cell")]
            log_event(self.resources, "crashed", cell=_cell_label(cell), index=index)
            return False
        except CellTimeoutError:
            self._timed_out_cell = True
            self._timeouts_in_row = self.max_consecutive_timeouts  # no output even after the interrupt
            cell.outputs = list(cell.get("outputs", [])) + [_error("CellTimeoutError", "no reply from the kernel before the timeout")]
        if self._timed_out_cell:
            self._timeouts_in_row += 1
            if self._timeouts_in_row >= self.max_consecutive_timeouts:
                self._dead = "the kernel stopped responding after a timeout (the interrupt did not stop the code)"
                log_event(self.resources, "unresponsive", cell=_cell_label(cell), index=index)
                self._kill_kernel()
            return False
        self._timeouts_in_row = 0
        return True

    # -- one request of the judge -------------------------------------------------
    def ask_kernel(self, code: str) -> str | None:
        """Run one request in the kernel; its stdout, or None when the kernel gave no reply."""
        if self._dead:
            return None
        self._requests += 1
        started = time.perf_counter()
        index = self._judged_index  # nbclient files the executed cell under this index: put it back after
        own = self.nb.cells[index]
        cell = NotebookNode(cell_type="code", source=code, metadata={}, outputs=[], execution_count=None)
        self._cell_chars.pop(index, None)
        self._truncated.discard(index)
        try:
            if not self._run_guarded(cell, index):
                return None
        finally:
            self.nb.cells[index] = own
            self._ask_s += time.perf_counter() - started
        return "".join(o.get("text", "") for o in cell.outputs
                       if o.get("output_type") == "stream" and o.get("name") == "stdout")

    # -- every cell ---------------------------------------------------------------
    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        gid = _cell_label(cell)
        if gid in self._tests and cell.metadata.get("nbgrader", {}).get("grade"):
            source, points = self._tests[gid]
            answers = KernelAnswers(self.ask_kernel)
            self._judged_index = index
            started = time.perf_counter()
            verdict = judge(source, gid, points, answers)
            self._judge_s += time.perf_counter() - started
            cell.outputs = outputs(verdict)
            cell.execution_count = None
            self._flags |= answers.flags
            if answers.errors:  # the student's code raised: its message goes into the grade comment too
                log_event(self.resources, "student-error", grade_id=gid, label=verdict.label, message=verdict.hint)
            return cell, self.resources
        if self._dead:
            cell.outputs = [_error("NotRun", f"not run: {self._dead}")]
            return cell, self.resources
        self._run_guarded(cell, index)
        return cell, self.resources

    def _kill_kernel(self) -> None:
        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - best effort: the kernel is gone either way
            pass
