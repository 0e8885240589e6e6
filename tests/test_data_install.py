"""A data-only install (README, "Using the corpus"): the loader, the NLTK reader, validate and the
CSV export work without JupyterLab, ipywidgets, matplotlib, nbformat/nbclient or nbgrader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

LAB_ONLY = ("jupyterlab", "jupyter_server", "ipywidgets", "IPython", "ipykernel", "matplotlib", "nbformat",
            "nbclient", "nbgrader", "notebook")

BLOCKER = f"""
import sys
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {LAB_ONLY!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}} (blocked: data-only install)")
sys.meta_path.insert(0, Blocker())
"""


def test_corpus_loader_reader_validate_and_export_need_no_lab_packages(tmp_path: Path) -> None:
    code = BLOCKER + f"""
import kjpacts
from kjpacts.corpus.validate import validate
from kjpacts.exports import export
corpus = kjpacts.load()
reader = corpus.reader()
assert len(reader.sents()) > 50 and reader.categories()[0] == 'outlet:ahram-online'
assert len(corpus.annotations.claims) > 0 and len(corpus.frame('mentions')) > 0
assert validate(corpus.root) == []
export(corpus, 'csv', {str(tmp_path / 'csv')!r})
print(sorted(m for m in sys.modules if m.split('.')[0] in {LAB_ONLY!r}))
"""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         env=dict(os.environ))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
    assert (tmp_path / "csv" / "datapackage.json").is_file()


def test_the_blocker_blocks() -> None:
    """The check above means something: the blocker does stop a lab package from importing."""
    out = subprocess.run([sys.executable, "-c", BLOCKER + "import matplotlib"], capture_output=True, text=True)
    assert out.returncode != 0 and "blocked: data-only install" in out.stderr
