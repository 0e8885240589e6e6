"""The outside-record layer: every citation of a record id resolves, wherever the kit cites it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from kjpacts.annotations.outside import citation_problems
from kjpacts.corpus.validate import validate

from .conftest import CORPUS, ROOT

# Written here, not imported: the pattern the checker must agree with.
ID = re.compile(r"(?<![\w-])ox-[a-z0-9]+(?:-[a-z0-9]+)*")


def record_ids() -> set[str]:
    return {r["id"] for r in json.loads((CORPUS / "outside/records.json").read_text(encoding="utf-8"))["records"]}


def test_every_citation_in_the_kit_resolves() -> None:
    """Corpus, lessons, problem sets, instructor docs and code: each ox- id is a record."""
    known, unresolved = record_ids(), []
    folders = [CORPUS, ROOT / "notebooks", ROOT / "exercises", ROOT / "docs", ROOT / "src"]
    for folder in folders:
        for path in folder.rglob("*"):
            if path.suffix not in (".json", ".md", ".ipynb", ".py") or "outside" in path.relative_to(ROOT).parts:
                continue
            for rid in ID.findall(path.read_text(encoding="utf-8", errors="replace")):
                if rid not in known:
                    unresolved.append(f"{path.relative_to(ROOT)}: {rid}")
    assert unresolved == []


def test_outcomes_and_dates_cite_records() -> None:
    known = record_ids()
    claims = json.loads((CORPUS / "annotations/claims.json").read_text(encoding="utf-8"))["claims"]
    outcomes = [c["outcome"] for c in claims if c["outcome"]]
    assert len(outcomes) == 6 and all(o["sources"] and set(o["sources"]) <= known for o in outcomes)
    for doc in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]:
        assert set(doc["provenance"]["records"]) <= known
        assert doc["provenance"]["source_url"].startswith("http")


def test_no_corpus_file_cites_the_untraceable_notes() -> None:
    """The gold layers and metadata; the two annotation passes in agreement/ stay as the annotators
    left them (agreement/claims-reconciliation.md)."""
    for path in CORPUS.rglob("*.json"):
        if "outside" not in path.parts and not {"pass1", "pass2"} & set(path.parts):
            assert "the-story" not in path.read_text(encoding="utf-8"), path


def test_validate_reports_an_unknown_citation(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(CORPUS, root)
    assert citation_problems(root) == []
    path = root / "annotations/claims.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"ox-acsa-not-concluded"', '"ox-acsa-concluded"', 1),
                    encoding="utf-8")
    found = [str(p) for p in validate(root)]
    assert "annotations/claims.json: ox-acsa-concluded: cites outside record 'ox-acsa-concluded', which is not " \
           "in outside/records.json; fix the id or add the record" in found


def test_the_recovered_addresses() -> None:
    """The three addresses issue 13 lists, and the dates they carry, beside the page-only date."""
    docs = {d["doc_id"]: d for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]}
    expected = {
        "koreaherald-2012-05-13": ("koreaherald.com/view.php?ud=20120513000408", "2012-05-13"),
        "koreaherald-2012-05": ("koreaherald.com/view.php?ud=20120508001172", "2012-05-08"),
        "wapo-2011-01-11": ("washingtonpost.com/wp-dyn/content/article/2011/01/10/AR2011011006225.html", "2011-01-10"),
    }
    for doc_id, (address, day) in expected.items():
        prov = docs[doc_id]["provenance"]
        assert address in prov["source_url"] and prov["address_date"] == day
    assert docs["koreaherald-2012-05"]["published"] == "2012-05"  # the page-only date stays
    assert docs["koreaherald-2012-05"]["provenance"]["published_refined"]["value"] == "2012-05-08"


def test_what_each_record_supports_exists() -> None:
    """A record's ``supports`` names things that exist: claims, documents, entities, outlets, layer
    records (timex:<doc>:<id>, quote:<doc>:<id>), lessons (lesson-NN) and problem sets (psNN)."""
    def read(rel: str):
        return json.loads((CORPUS / rel).read_text(encoding="utf-8"))

    docs = read("documents.json")["documents"]
    known = {c["claim_id"] for c in read("annotations/claims.json")["claims"]}
    known |= {d["doc_id"] for d in docs} | {f"documents:{d['doc_id']}" for d in docs} | {d["outlet_id"] for d in docs}
    known |= {f"entity:{e['entity_id']}" for e in read("annotations/entities.json")["entities"]}
    for folder, key, kind in (("timex", "timexes", "timex"), ("quotes", "quotes", "quote")):
        for path in (CORPUS / "annotations" / folder).glob("*.json"):
            known |= {f"{kind}:{path.stem}:{r['id']}" for r in read(f"annotations/{folder}/{path.name}")[key]}
    known |= {f"lesson-{p.name[:2]}" for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")}
    known |= {p.name[:4] for p in (ROOT / "exercises" / "authoring").glob("ps[0-9][0-9]-*.py")}
    records = read("outside/records.json")["records"]
    unknown = [(r["id"], s) for r in records for s in r["supports"] if s not in known]
    assert unknown == []


def test_every_shipped_page_records_its_provenance() -> None:
    """The schema lets a new story's pages go without (kjpacts new); the shipped five never do."""
    import json

    docs = json.loads((Path(__file__).resolve().parent.parent / "corpus" / "documents.json").read_text(encoding="utf-8"))
    assert sorted(d["doc_id"] for d in docs["documents"] if "provenance" not in d) == []
