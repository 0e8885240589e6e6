"""Citations of the outside-record layer (``outside/records.json``): every ``ox-...`` id that a
corpus file cites must be the id of a record.

>>> cited_ids("Outside record ox-kim-jong-il-died-2011-12-17 (high); see also ox-cheonan-sinking-2010-03.")
['ox-kim-jong-il-died-2011-12-17', 'ox-cheonan-sinking-2010-03']
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import CorpusError

RECORDS = "outside/records.json"
#: An outside-record id where it is cited (ids are lower-case words joined by hyphens).
OX_ID = re.compile(r"(?<![\w-])ox-[a-z0-9]+(?:-[a-z0-9]+)*")
#: Folders whose files are checked for citations (the layer itself, schemas and the package are not).
SKIP = ("outside", "schemas")


def cited_ids(text: str) -> list[str]:
    """The outside-record ids cited in ``text``, in order."""
    return OX_ID.findall(text)


def outside_ids(corpus_dir: Path) -> set[str] | None:
    """Ids of the records in ``outside/records.json`` (None when the corpus has no such file)."""
    path = Path(corpus_dir) / RECORDS
    if not path.is_file():
        return None
    try:
        return {r["id"] for r in json.loads(path.read_text(encoding="utf-8"))["records"]}
    except (ValueError, KeyError, TypeError):
        return set()  # the schema check reports what is wrong with the file


def citation_problems(corpus_dir: Path) -> list[CorpusError]:
    """One problem per cited id that is not a record (nothing to check without the layer)."""
    root = Path(corpus_dir)
    known = outside_ids(root)
    problems: list[CorpusError] = []
    files = sorted(p for p in root.rglob("*") if p.suffix in (".json", ".md") and p.is_file())
    for path in files:
        rel = path.relative_to(root).as_posix()
        if rel.split("/")[0] in SKIP or rel == "datapackage.json":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for rid in dict.fromkeys(cited_ids(text)):
            if known is None:
                problems.append(CorpusError(rel, rid, f"cites outside record {rid!r} but the corpus has no "
                                                      f"{RECORDS}; add the layer or remove the citation"))
            elif rid not in known:
                problems.append(CorpusError(rel, rid, f"cites outside record {rid!r}, which is not in {RECORDS}; "
                                                      "fix the id or add the record"))
    return problems
