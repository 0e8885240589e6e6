"""Every course notebook, run in JupyterLab 4 in headless Chromium as a student would.

For each notebooks/*.ipynb and exercises/release/*/*.ipynb: Run All shows no error output,
every widget view renders as a widget (not as "VBox(children=..." text), and each
interaction declared in the notebook metadata (see kjpacts.testing.lab) changes what is
shown.  Run:  PYTHONPATH=src python -m pytest tests/browser -q
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tests.browser import lab

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SMOKE = FIXTURES / "widget-smoke.ipynb"


def course_notebooks() -> list:
    found = sorted(REPO.glob("notebooks/*.ipynb")) + sorted(REPO.glob("exercises/release/*/*.ipynb"))
    if not found:
        return [pytest.param(None, id="no-notebooks-yet",
                             marks=pytest.mark.skip(reason="no notebooks/*.ipynb or exercises/release/*/*.ipynb yet"))]
    return [pytest.param(p, id=p.relative_to(REPO).as_posix()) for p in found]


def write_notebook(path: Path, sources: list, interactions: list[dict] | None = None) -> Path:
    """A python3 notebook of code cells; a (source, nbgrader metadata) pair makes an nbgrader cell."""
    nb = nbformat.v4.new_notebook()
    for src in sources:
        src, grader = src if isinstance(src, tuple) else (src, None)
        nb.cells.append(nbformat.v4.new_code_cell(src, metadata={"nbgrader": grader} if grader else {}))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    if interactions is not None:
        nb.metadata["kjpacts"] = {"interactions": interactions}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


# --------------------------------------------------------------------------- the course

@pytest.mark.browser
@pytest.mark.parametrize("notebook", course_notebooks())
def test_notebook_in_lab(notebook, lab_server, browser, stage, artifacts_dir):
    copy = stage(notebook)
    release = "exercises/release/" in notebook.relative_to(REPO).as_posix()
    report = lab.check_notebook(lab_server, copy, browser=browser, artifacts_dir=artifacts_dir, release=release)
    print(f"{notebook.name}: {report.timings}")
    for lay in report.layouts:  # allowed, but worth a look: a table that scrolls sideways
        for sc in lay.scrolls:
            print(f"  cell {lay.cell} at {lay.window} px: {sc['node']} scrolls ({sc['scrollWidth']} px in {sc['clientWidth']} px)")


# --------------------------------------------------------------------------- the harness itself

@pytest.mark.browser
def test_widget_interaction_changes_display(lab_server, browser, stage, artifacts_dir):
    """The smoke notebook: a dropdown, a text box and a button really update the page."""
    copy = stage(SMOKE)
    with lab.LabSession(lab_server, copy, browser=browser, artifacts_dir=artifacts_dir) as s:
        s.run_all()
        facts = s.facts()
        assert facts.errors == []
        assert facts.widget_views == 2 and facts.rendered_widgets == 2, facts.widget_mismatch()
        assert "You picked apple" in s.output_text(1)
        for it in lab.declared_interactions(copy):
            s.perform(it)
        assert "You picked banana" in s.output_text(1)
        assert "HELLO, ADA!" in s.output_text(2)
        print(f"smoke timings: server {lab_server.timings}, session {s.timings}")


@pytest.mark.browser
def test_interaction_without_effect_fails(lab_server, browser, stage, tmp_path):
    """A callback that never fires (not connected) is reported, not waited on forever."""
    nb = write_notebook(tmp_path / "src" / "dead-dropdown.ipynb", [
        "import ipywidgets as w\nd = w.Dropdown(options=['a', 'b'], description='Pick:')\nout = w.HTML('static')\n"
        "display(w.VBox([d, out]))"
    ], [{"action": "select", "label": "Pick:", "value": "b", "timeout_s": 2}])
    copy = stage(nb)
    with pytest.raises(lab.LabError, match=r"nothing changed in 'output' within 2 s"):
        lab.check_notebook(lab_server, copy, browser=browser, artifacts_dir=tmp_path / "artifacts")


@pytest.mark.browser
def test_bogus_widget_model_is_reported(lab_server, browser, stage, tmp_path):
    """A widget-view output whose model does not exist renders as an error text, not a
    widget; the harness reports the mismatch and saves screenshots and the console log."""
    nb = write_notebook(tmp_path / "src" / "bogus-model.ipynb", [
        "display({'application/vnd.jupyter.widget-view+json': {'model_id': '0123456789abcdef0123456789abcdef',"
        " 'version_major': 2, 'version_minor': 0},"
        " 'text/plain': \"VBox(children=(Dropdown(description='Fruit:', options=('apple',), value='apple'),))\"},"
        " raw=True)"
    ], [{"action": "select", "label": "Fruit:", "value": "apple"}])
    copy = stage(nb)
    artifacts = tmp_path / "artifacts"
    with pytest.raises(lab.LabError, match=r"1 widget view\(s\) in the outputs but 0 rendered") as err:
        lab.check_notebook(lab_server, copy, browser=browser, artifacts_dir=artifacts)
    assert "model not found" in str(err.value)
    for name in ("notebook-panel.png", "page.png", "console.log", "failure.txt", "notebook-as-shown.ipynb"):
        assert (artifacts / name).is_file(), f"{name} not saved"
    assert "widget model not found" in (artifacts / "console.log").read_text()


@pytest.mark.browser
def test_missing_widget_manager_is_reported(browser, stage, lab_root, tmp_path):
    """With the ipywidgets lab extension disabled, widgets show as "VBox(children=..." text."""
    copy = stage(SMOKE)
    with lab.LabServer(lab_root, disabled_extensions=[lab.WIDGET_MANAGER_EXTENSION]) as server:
        assert lab.WIDGET_MANAGER_EXTENSION not in server.federated_extensions()
        with lab.LabSession(server, copy, browser=browser) as s:
            s.run_all()
            facts = s.facts(widget_timeout=5)
    assert facts.widget_views == 2 and facts.rendered_widgets == 0
    assert [w.state for w in facts.widget_outputs] == ["fallback", "fallback"]
    assert facts.widget_outputs[0].text.startswith("VBox(children=")
    assert "text/plain" in facts.widget_mismatch()


@pytest.mark.browser
def test_widget_wider_than_the_window_is_reported(lab_server, browser, stage, tmp_path):
    """A widget that fits at 1366 px but not at 1024 px (file browser open) fails the layout
    check, naming the element; a wide table inside a .kj-scroll container is allowed to scroll."""
    html = ("<div class='kj-scroll' style='overflow-x:auto;width:0;min-width:100%'><table><tr><td style='white-space:nowrap'>"
            + "wide table cell " * 80 + "</td></tr></table></div>")
    nb = write_notebook(tmp_path / "src" / "too-wide.ipynb", [
        "import ipywidgets as w\nd = w.Dropdown(options=['a', 'b'], description='Pick:')\n"
        f"t = w.HTML({html!r})\nfixed = w.Button(description='Nine hundred pixels wide', layout=w.Layout(width='900px'))\n"
        "out = w.HTML('a')\nd.observe(lambda c: setattr(out, 'value', c['new']), 'value')\n"
        "display(w.VBox([d, t, fixed, out]))"
    ], [{"action": "select", "label": "Pick:", "value": "b"}])
    artifacts = tmp_path / "artifacts"
    with pytest.raises(lab.LabError, match=r"widget views do not fit") as err:
        lab.check_notebook(lab_server, stage(nb), browser=browser, artifacts_dir=artifacts)
    msg = str(err.value)
    assert "cell 0 widget 0 at 1024 px" in msg and "Nine hundred pixels wide" in msg and "at 1366 px" not in msg
    assert "past the right edge: <button" in msg
    assert "<div.kj-scroll>" not in msg and "widget-html" not in msg  # the scroll box may scroll
    shots = sorted(p.name for p in (artifacts / "widgets").glob("*.png"))
    assert shots == ["cell00-0-1024px.png", "cell00-0-1366px.png"]


@pytest.mark.browser
def test_widgets_without_declared_interaction_fail(lab_server, browser, stage, tmp_path):
    nb = json.loads(SMOKE.read_text())
    del nb["metadata"]["kjpacts"]
    src = tmp_path / "src" / "undeclared.ipynb"
    src.parent.mkdir(parents=True)
    src.write_text(json.dumps(nb))
    with pytest.raises(lab.LabError, match=r"declares no interaction.*Add to the notebook metadata"):
        lab.check_notebook(lab_server, stage(src), browser=browser, artifacts_dir=tmp_path / "artifacts")


@pytest.mark.browser
def test_errors_and_hung_cells_are_reported(lab_server, browser, stage, tmp_path):
    failing = stage(write_notebook(tmp_path / "src" / "fails.ipynb", ["x = 1", "1 / 0", "print('never')"]))
    with pytest.raises(lab.LabError, match=r"1 error output\(s\):\n  cell 1: ZeroDivisionError"):
        lab.check_notebook(lab_server, failing, browser=browser, artifacts_dir=tmp_path / "a1")
    hung = stage(write_notebook(tmp_path / "src" / "hangs.ipynb", ["import time; time.sleep(60)", "x = 2"]))
    with lab.LabSession(lab_server, hung, browser=browser) as s:
        with pytest.raises(lab.LabError, match=r"^2 cells still running after 1\.5 s$"):
            s.run_all(timeout=1.5)


@pytest.mark.browser
def test_release_notebook_tolerates_blank_answers_only(lab_server, browser, stage, tmp_path):
    """A student's release notebook errors in its blank answer and test cells, by design;
    those are tolerated (and every later cell still runs), an error anywhere else is not."""
    answer = ("answer = None\n# YOUR CODE HERE\nraise NotImplementedError()",
              {"solution": True, "grade": False, "locked": False, "grade_id": "answer", "schema_version": 3})
    check = ("assert answer == 4",
             {"solution": False, "grade": True, "locked": True, "points": 1, "grade_id": "test", "schema_version": 3})
    nb = write_notebook(tmp_path / "src" / "ps1" / "release.ipynb",
                        [answer, "y = 1", check, "print('after', y)"])
    report = lab.check_notebook(lab_server, stage(nb), browser=browser, artifacts_dir=tmp_path / "a1", release=True)
    assert [e.ename for e in report.tolerated_errors] == ["NotImplementedError", "AssertionError"]
    assert report.facts.executed_cells == 4
    broken = write_notebook(tmp_path / "src" / "ps1" / "broken.ipynb", [answer, "import no_such_module", check])
    with pytest.raises(lab.LabError, match=r"1 error output\(s\):\n  cell 1: ModuleNotFoundError"):
        lab.check_notebook(lab_server, stage(broken), browser=browser, artifacts_dir=tmp_path / "a2", release=True)


# --------------------------------------------------------------------------- no browser needed

def test_interaction_spec_is_validated():
    ok = {"metadata": {"kjpacts": {"interactions": [
        {"action": "select", "label": "Fruit:", "value": "b"},
        {"action": "click", "label": "Go", "expect_change_in": ".widget-html", "timeout_s": 3},
    ]}}}
    its = lab.declared_interactions(ok)
    assert [i.action for i in its] == ["select", "click"] and its[0].expect_change_in == "output"
    for bad, msg in [
        ({"action": "drag", "label": "x"}, r"\[0\]\.action"),
        ({"action": "select", "label": "x"}, r"\[0\]\.value: select needs"),
        ({"action": "click", "label": "x", "value": "y"}, r"click takes no value"),
        ({"action": "fill", "label": "", "value": "y"}, r"\[0\]\.label"),
        ({"action": "fill", "label": "x", "value": "y", "expect": "z"}, r"unknown key"),
    ]:
        with pytest.raises(lab.InteractionSpecError, match=msg):
            lab.declared_interactions({"metadata": {"kjpacts": {"interactions": [bad]}}})
    assert lab.declared_interactions({"metadata": {}}) == []
    with pytest.raises(lab.LabError, match="declares no interaction"):
        lab.require_interactions(1, [], "x.ipynb")
    lab.require_interactions(0, [], "x.ipynb")


def test_stage_notebook_keeps_relative_paths(tmp_path):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    (repo / "corpus").mkdir()
    (repo / "corpus" / "a.txt").write_text("A")
    (repo / "notebooks" / "data.csv").write_text("x")
    (repo / "notebooks" / "01-x.ipynb").write_text("{}")
    copy = lab.stage_notebook(repo, repo / "notebooks" / "01-x.ipynb", tmp_path / "stage")
    assert copy == tmp_path / "stage" / "notebooks" / "01-x.ipynb" and not copy.is_symlink()
    assert (copy.parent / ".." / "corpus" / "a.txt").read_text() == "A"
    assert (copy.parent / "data.csv").is_symlink()
