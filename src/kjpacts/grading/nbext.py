"""nbgrader plug-ins named in ``exercises/nbgrader_config.py`` (as dotted strings).

- :class:`SandboxExecute` replaces nbgrader's ``Execute`` in ``autograde``: it talks
  to the bubblewrap kernel over IPC sockets in a private folder, caps the output
  of each cell, turns a dead or unresponsive kernel into error outputs on the
  remaining cells (so the submission still gets its grades instead of failing
  as a whole), refuses a partial-credit test that reports no score, and logs
  what happened (timeout, crash, truncation) for ``kjpacts grade autograde``'s
  report.
- :class:`SanitizeFeedback` runs in ``generate_feedback`` after nbgrader's
  ``ClearHiddenTests``: hidden-test cells keep only the student-facing hint
  lines and a one-line result; any output anywhere that repeats a line of
  hidden test code is redacted.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Integer, Unicode

from .sandbox import KERNEL_NAME, PRIVATE_PREFIX

#: A hidden or visible test cell whose score is its last value carries this comment.
PARTIAL_MARKER = "kjpacts: partial credit"
#: Lines that tests print for students start with one of these.
HINT_PREFIXES = ("Hint:", "Passed:", "Score:")
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def _error(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue,
                        traceback=[f"{ename}: {evalue}"])


def log_event(resources: dict, event: str, **fields) -> None:
    """Append one grading event to ``$KJPACTS_GRADING_EVENTS`` (a JSON-lines file)."""
    path = os.environ.get("KJPACTS_GRADING_EVENTS")
    if not path:
        return
    nbg = resources.get("nbgrader", {}) if resources else {}
    row = {"student": nbg.get("student"), "assignment": nbg.get("assignment"),
           "notebook": nbg.get("notebook"), "event": event, "time": time.time(), **fields}
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(row) + "\n")


class SandboxExecute(Execute):
    """nbgrader's Execute, hardened for untrusted submissions."""

    max_output_chars = Integer(
        200_000, help="Largest output (characters) kept per cell; the rest is dropped with a notice."
    ).tag(config=True)

    max_consecutive_timeouts = Integer(
        2, help="After this many timeouts in a row the kernel is killed and the rest is not run."
    ).tag(config=True)

    partial_marker = Unicode(PARTIAL_MARKER).tag(config=True)

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        if self.kernel_name == KERNEL_NAME:
            self._private_dir = tempfile.mkdtemp(prefix=PRIVATE_PREFIX)
            km.transport = "ipc"
            km.connection_file = os.path.join(self._private_dir, "kernel.json")
            km.ip = os.path.join(self._private_dir, "k")
        return km

    def preprocess(self, nb, resources=None, km=None):
        self._private_dir = None
        try:
            return super().preprocess(nb, resources, km)
        finally:
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

    # -- dead kernels and missing scores -----------------------------------------
    def preprocess_cell(self, cell, resources, index):
        from nbclient.exceptions import CellTimeoutError, DeadKernelError

        if cell.cell_type != "code" or not cell.source.strip():
            return super().preprocess_cell(cell, resources, index)
        if self._dead:
            cell.outputs = [_error("NotRun", f"not run: {self._dead}")]
            return cell, self.resources
        self._timed_out_cell = False
        try:
            cell, _ = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._dead = "the kernel died in an earlier cell (os._exit, a crash or the memory limit)"
            cell.outputs = list(cell.get("outputs", [])) + [_error("KernelDied", "the kernel died while running this cell")]
            log_event(self.resources, "crashed", cell=_cell_label(cell), index=index)
            return cell, self.resources
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
        else:
            self._timeouts_in_row = 0
        self._require_score(cell)
        return cell, self.resources

    def _kill_kernel(self) -> None:
        from jupyter_core.utils import run_sync

        try:
            run_sync(self.km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - best effort: the kernel is gone either way
            pass

    def _require_score(self, cell) -> None:
        """Fail closed: a partial-credit test must report a number (or an error)."""
        nbg = cell.metadata.get("nbgrader", {})
        if not nbg.get("grade") or self.partial_marker not in cell.source:
            return
        kinds = [o.get("output_type") for o in cell.outputs]
        if "error" in kinds or "execute_result" in kinds:
            return
        cell.outputs.append(_error("NoScore", "the test reported no score (was its output suppressed?)"))
        log_event(self.resources, "no-score", cell=nbg.get("grade_id"))


def _cell_label(cell) -> str | None:
    if cell is None:
        return None
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


# ----------------------------------------------------------------------------
# feedback
# ----------------------------------------------------------------------------

def hidden_lines(source: str, min_len: int = 12) -> set[str]:
    """Distinctive lines of the hidden-test regions of ``source``."""
    out, inside = set(), False
    for line in source.splitlines():
        if BEGIN_HIDDEN in line:
            inside = True
            continue
        if END_HIDDEN in line:
            inside = False
            continue
        text = line.strip()
        if inside and len(text) >= min_len and not text.startswith("#"):
            out.add(text)
    return out


def secret_lines(sources: list[str]) -> set[str]:
    """Lines of hidden tests that appear nowhere else in the notebook's sources.

    (The scaffold shared with visible tests is not secret, and redacting it
    would only mangle the visible test code.)
    """
    hidden: set[str] = set()
    public: set[str] = set()
    for src in sources:
        hidden |= hidden_lines(src)
        inside = False
        for line in src.splitlines():
            if BEGIN_HIDDEN in line:
                inside = True
            elif END_HIDDEN in line:
                inside = False
            elif not inside:
                public.add(line.strip())
    return hidden - public


def redact(text: str, secrets: set[str]) -> tuple[str, bool]:
    """Replace every line of ``text`` that contains a hidden-test line."""
    changed = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
        if any(s in plain for s in secrets):
            lines[i] = "[hidden test code removed]"
            changed = True
    return "\n".join(lines), changed


def hidden_cell_summary(cell, secrets: set[str] = frozenset()) -> list[NotebookNode]:
    """What a student sees under a hidden-test cell: hint lines and the result."""
    keep: list[str] = []
    result = None
    failed = False
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream" and out.get("name") == "stdout":
            keep += [ln for ln in out.get("text", "").splitlines() if ln.startswith(HINT_PREFIXES)]
            keep = [redact(ln, secrets)[0] for ln in keep]
        elif kind == "execute_result" and result is None:
            result = out.get("data", {}).get("text/plain")
        elif kind == "error" or (kind == "stream" and out.get("name") == "stderr"):
            failed = True
    points = cell.metadata.get("nbgrader", {}).get("points")
    if failed:
        keep.append(f"Hidden test: failed (0 of {points} points).")
    elif result is not None and not any(k.startswith("Score:") for k in keep):
        keep.append(f"Hidden test: score {result} of {points} points.")
    elif not keep:
        keep.append(f"Hidden test: passed ({points} points).")
    return [NotebookNode(output_type="stream", name="stdout", text="\n".join(keep[:20]) + "\n")]


class SanitizeFeedback(NbGraderPreprocessor):
    """Strip hidden-test code and tracebacks from feedback (after ClearHiddenTests).

    The hidden source comes from the gradebook (``resources['kjpacts_hidden']``
    is filled from the source cells by :meth:`preprocess`).
    """

    def preprocess(self, nb, resources):
        from nbgrader.api import Gradebook

        hidden_ids: set[str] = set()
        sources: list[str] = []
        nbg = resources.get("nbgrader", {})
        try:
            with Gradebook(nbg["db_url"]) as gb:
                notebook = gb.find_notebook(nbg["notebook"], nbg["assignment"])
                for sc in notebook.source_cells:
                    sources.append(sc.source or "")
                    if BEGIN_HIDDEN in (sc.source or ""):
                        hidden_ids.add(sc.name)
            secrets = secret_lines(sources)
        except Exception as exc:  # noqa: BLE001 - never release feedback we could not check
            raise RuntimeError(f"kjpacts: cannot read hidden tests from the gradebook to sanitise feedback: {exc}") from exc
        for cell in nb.cells:
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if cell.cell_type == "code" and grade_id in hidden_ids:
                cell.outputs = hidden_cell_summary(cell, secrets)
                continue
            if cell.cell_type != "code":
                continue
            for out in cell.get("outputs", []):
                if out.get("output_type") == "stream":
                    out["text"], _ = redact(out.get("text", ""), secrets)
                elif out.get("output_type") == "error":
                    out["traceback"] = [redact(t, secrets)[0] for t in out.get("traceback", [])]
                    out["evalue"] = redact(out.get("evalue", ""), secrets)[0]
                else:
                    data = out.get("data", {})
                    for key, value in list(data.items()):
                        if isinstance(value, str):
                            data[key] = redact(value, secrets)[0]
        return nb, resources
