"""``SanitizeFeedback``: hidden-test code and tracebacks stripped from feedback.

It runs in ``generate_feedback`` after nbgrader's ``ClearHiddenTests``: hidden-test cells
keep only the student-facing hint lines and a one-line result; any output anywhere that
repeats a line of hidden test code is redacted. The hidden source comes from the gradebook.
"""

from __future__ import annotations

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor

from ..formgrader import strip_notes
from ..hidden import BEGIN_HIDDEN, redact, secret_lines

#: Lines that tests print for students start with one of these.
HINT_PREFIXES = ("Hint:", "Passed:", "Score:")


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
    """Strip hidden-test code and tracebacks from feedback (after ClearHiddenTests)."""

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
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if meta.get("comment"):
                meta["comment"] = strip_notes(meta["comment"])  # the kit's notes to the grader stay with the grader
            if cell.cell_type != "code":
                continue
            grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if grade_id in hidden_ids:
                cell.outputs = hidden_cell_summary(cell, secrets)
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
