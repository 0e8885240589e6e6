"""The widget gallery notebook: runs headless, emits widget views with static fallbacks,
and declares interactions that name real, unique controls."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
GALLERY = ROOT / "notebooks" / "90-widget-gallery.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def test_gallery_is_saved_clean():
    nb = json.loads(GALLERY.read_text(encoding="utf-8"))
    assert not [c for c in nb["cells"] if c.get("outputs") or c.get("execution_count")]
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    import os

    from nbclient import NotebookClient

    # the kernel runs in a temporary folder: make sure it imports this checkout's kjpacts
    src = str(ROOT / "src")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, old) if p)

    work = tmp_path_factory.mktemp("gallery")
    copy = work / GALLERY.name
    shutil.copy(GALLERY, copy)  # running dirties a notebook: never run the committed file
    nb = nbformat.read(copy, as_version=4)
    try:
        NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old
    return nb


def test_gallery_runs_and_shows_every_widget(executed):
    outs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    errors = [o for o in outs if o.output_type == "error"]
    assert not errors, f"{errors[0].ename}: {errors[0].evalue}"
    stderr = [o.text for o in outs if o.output_type == "stream" and o.name == "stderr"]
    assert not any("Traceback" in s for s in stderr), stderr
    views = [o for o in outs if WIDGET_VIEW in o.get("data", {})]
    assert len(views) == 10
    for v in views:  # readable where widgets do not run
        assert "text/html" in v.data and "text/plain" in v.data
        assert "kjpacts-static" in v.data["text/html"]
    titles = " ".join(v.data["text/html"] for v in views)
    for title in ("Document viewer", "Raw page vs clean text", "Compare two documents", "Concordance explorer",
                  "Quote explorer", "Claim tracker", "Timeline", "Annotation practice"):
        assert title in titles


def _controls(widget):
    """Every descendant widget (children of boxes)."""
    stack, seen = [widget], []
    while stack:
        w = stack.pop()
        seen.append(w)
        stack.extend(getattr(w, "children", ()))
    return seen


def test_declared_interactions_name_unique_controls(real, monkeypatch):
    """Build the gallery's widgets in-process and check each declared interaction against them."""
    import ipywidgets

    import kjpacts

    monkeypatch.setattr(kjpacts, "load", lambda *a, **k: real)
    nb = nbformat.read(GALLERY, as_version=4)
    ns: dict = {}
    shown = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = cell.source.rstrip().split("\n")
        exec(compile(cell.source, GALLERY.name, "exec"), ns)
        try:  # the cell's value: what the notebook displays
            shown.append(eval(compile(cell.source, GALLERY.name, "eval"), ns))
        except SyntaxError:
            shown.append(eval(lines[-1], ns))
    controls = [c for w in shown if isinstance(w, ipywidgets.Widget) for c in _controls(w)]
    interactions = nb.metadata["kjpacts"]["interactions"]
    assert len(interactions) >= 8
    for it in interactions:
        if it["action"] == "click":
            match = [c for c in controls if isinstance(c, ipywidgets.Button) and c.description == it["label"]]
        else:
            match = [c for c in controls if getattr(c, "description", None) == it["label"]
                     and not isinstance(c, ipywidgets.Button)]
        assert len(match) == 1, f"{it['label']!r} matches {len(match)} controls"
        control = match[0]
        if it["action"] == "select":
            labels = [label for label, _ in control._options_full] if hasattr(control, "_options_full") else \
                list(control._options_labels)
            assert it["value"] in labels, f"{it['value']!r} is not an option of {it['label']!r}"
            assert control.label != it["value"], "choose a value different from the default"
