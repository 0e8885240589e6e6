"""Every notebook runs top to bottom on a fresh kernel (nbclient), without errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def execute(path: Path, tmp_path: Path) -> nbformat.NotebookNode:
    work = tmp_path / path.parent.name
    work.mkdir(parents=True, exist_ok=True)
    copy = work / path.name
    shutil.copy(path, copy)  # running dirties notebooks: never run the committed file
    nb = nbformat.read(copy, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    return nb


def outputs(nb) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_clean(path, tmp_path):
    nb = execute(path, tmp_path)
    errors = [o for o in outputs(nb) if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0].ename}: {errors[0].evalue}"
    stderr = [o.text for o in outputs(nb) if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text]
    assert not stderr, stderr
    views = [o for o in outputs(nb) if WIDGET_VIEW in o.get("data", {})]
    assert views, f"{path.name}: every lesson shows at least one widget"
    for view in views:
        # ipywidgets always adds text/plain, so only the kit's own static view proves a fallback:
        # every widget's static_html() is wrapped in class="kjpacts-static"; a failing one says "No static view"
        static = view["data"].get("text/html", "")
        assert 'class="kjpacts-static"' in static, f"{path.name}: a widget without its static HTML view: {static[:120]!r}"
        assert "No static view" not in static, f"{path.name}: a widget's static view failed: {static[:200]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c.get("outputs") or c.get("execution_count")]
    assert not dirty, f"{path.name}: clear the outputs of cells {dirty}"
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    text = path.read_text(encoding="utf-8")
    assert "nltk.download(" not in text
