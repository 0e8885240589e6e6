"""``kjpacts build``: regenerate every derived file from ``raw/``, retrain Punkt on the shipped
corpus, validate, and certify the result with ``datapackage.json``.

datapackage.json certifies a valid corpus (its checksums let ``load()`` skip re-checking), so it
is never written for a broken one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kjpacts.corpus.build import build
from kjpacts.corpus.datapackage import write_datapackage
from kjpacts.corpus.load import load
from kjpacts.corpus.validate import validate
from kjpacts.errors import CorpusError
from kjpacts.nltk_setup import write_punkt_files


@dataclass
class BuildResult:
    differ: list[str] = field(default_factory=list)  # files written (or out of date, with check)
    problems: list[CorpusError] = field(default_factory=list)  # why datapackage.json was not written


def rebuild(root: Path, check: bool = False, train_punkt: bool = False) -> BuildResult:
    """Build (or with ``check``, compare) every derived file of the corpus folder ``root``."""
    result = BuildResult([f"corpus/{p}" for p in build(root, check=check)])
    corpus = load(root) if not check or not result.differ else None
    if corpus is not None and train_punkt:
        result.differ += write_punkt_files([d.text for d in corpus], check)
    if not check:
        result.problems = [p for p in validate(root) if p.file != "datapackage.json"]
        if result.problems:
            return result
    if write_datapackage(root, check=check):
        result.differ.append("corpus/datapackage.json")
    return result
