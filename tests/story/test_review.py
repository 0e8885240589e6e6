"""Review round trip: decisions are kept with who and when, and nothing re-run overwrites them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .conftest import PAGES, SOURCES, snapshot


def _sheet(root: Path, tmp_path: Path) -> list[dict]:
    from kjpacts.cli import main

    assert main(["review", str(root), "--sheet", str(tmp_path / "sheet.csv")]) == 0
    with (tmp_path / "sheet.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _layer(root: Path, layer: str, doc_id: str) -> list[dict]:
    key = {"quotes": "quotes", "timex": "timexes", "framing": "framing", "mentions": "mentions"}[layer]
    return json.loads((root / "annotations" / layer / f"{doc_id}.json").read_text(encoding="utf-8"))[key]


def _review(root: Path, tmp_path: Path) -> dict:
    """Accept a timex, fix a quote, reject a framing record in the UPI 2012 story; return what was done."""
    from kjpacts.cli import main

    rows = _sheet(root, tmp_path)
    doc = "upi-2012-06-29"
    timex = next(r for r in rows if r["layer"] == "timex" and r["doc_id"] == doc)
    quote = next(r for r in rows if r["layer"] == "quotes" and r["doc_id"] == doc)
    framing = next(r for r in rows if r["layer"] == "framing" and r["doc_id"] == doc)
    fixed = json.loads(quote["record"])
    fixed["speaker"] = "unnamed South Korean official"
    fixed["note"] = "reviewed: the first official is unnamed"
    timex["decision"], quote["decision"], framing["decision"] = "accept", "fix", "reject"
    quote["record"] = json.dumps(fixed)
    assert main(["review", str(root), "--apply", str(_write(rows, tmp_path / "done.csv")), "--reviewer", "A. Reviewer"]) == 0
    return {"doc": doc, "timex": json.loads(timex["record"]), "quote": fixed, "framing": json.loads(framing["record"])}


def test_decisions_are_recorded_with_who_and_when(story, tmp_path):
    done = _review(story, tmp_path)
    status = {(r["layer"], r["doc_id"], r["id"]): r
              for r in json.loads((story / "review" / "status.json").read_text(encoding="utf-8"))["records"]}
    for layer in ("timex", "quotes"):
        row = status[(layer, done["doc"], done[layer if layer == "timex" else "quote"]["id"])]
        assert row["status"] == "reviewed" and row["reviewer"] == "A. Reviewer" and row["reviewed_at"].endswith("+00:00")
    assert sum(r["status"] == "machine" for r in status.values()) == len(status) - 2
    quotes = _layer(story, "quotes", done["doc"])
    assert done["quote"] in quotes  # the fix, exactly as saved
    framing = _layer(story, "framing", done["doc"])
    assert not any((f["start"], f["end"], f["category"]) == (done["framing"]["start"], done["framing"]["end"],
                                                             done["framing"]["category"]) for f in framing)
    from kjpacts.corpus.validate import validate

    assert validate(story) == []


def test_rerunning_new_and_the_preannotator_keeps_reviewed_work(story, tmp_path):
    from kjpacts.cli import main
    from kjpacts.story import preannotate

    done = _review(story, tmp_path)
    ledger = (story / "review" / "decisions.json").read_bytes()
    before_q = _layer(story, "quotes", done["doc"])
    preannotate(story)
    # the same pages again (all duplicates) plus a page from the held-out set
    extra = Path(__file__).parent / "eval" / "heldout" / "pages" / "yonhap-2019-08-22.txt"
    assert main(["new", str(story), *map(str, sorted(PAGES.glob("*.txt"))), str(extra), "--urls", str(SOURCES)]) == 0
    assert (story / "review" / "decisions.json").read_bytes() == ledger
    after_q = _layer(story, "quotes", done["doc"])
    assert done["quote"] in after_q and before_q == after_q
    assert done["timex"] in _layer(story, "timex", done["doc"])
    framing = _layer(story, "framing", done["doc"])
    assert all((f["start"], f["end"], f["category"]) != (done["framing"]["start"], done["framing"]["end"],
                                                         done["framing"]["category"]) for f in framing)
    status = json.loads((story / "review" / "status.json").read_text(encoding="utf-8"))["records"]
    assert sum(r["status"] == "reviewed" for r in status) == 2


def test_a_bad_fix_changes_nothing(story, tmp_path, capsys):
    from kjpacts.cli import main

    rows = _sheet(story, tmp_path)
    row = next(r for r in rows if r["layer"] == "timex")
    bad = json.loads(row["record"])
    bad["text"] = bad["text"] + " and more"  # no longer the clean text at its offsets
    row["decision"], row["record"] = "fix", json.dumps(bad)
    before = snapshot(story)
    assert main(["review", str(story), "--apply", str(_write(rows, tmp_path / "bad.csv")), "--reviewer", "B"]) == 1
    assert snapshot(story) == before
    assert "nothing changed" in capsys.readouterr().err


def test_unknown_decision_is_one_line_naming_the_row(story, tmp_path, capsys):
    from kjpacts.cli import main

    rows = _sheet(story, tmp_path)
    rows[3]["decision"] = "maybe"
    before = snapshot(story)
    assert main(["review", str(story), "--apply", str(_write(rows, tmp_path / "x.csv")), "--reviewer", "B"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "x.csv" in err[0] and "line 5" in err[0] and "'maybe'" in err[0]
    assert snapshot(story) == before


def test_refresh_after_a_hand_corrected_date_keeps_reviewed_work(story, tmp_path):
    from kjpacts.cli import main

    done = _review(story, tmp_path)
    docs_path = story / "documents.json"
    data = json.loads(docs_path.read_text(encoding="utf-8"))
    meta = next(d for d in data["documents"] if d["doc_id"] == done["doc"])
    meta["published"] = "2012-06-28"  # a reviewer's correction (here a wrong one, to see the effect)
    docs_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["review", str(story), "--refresh"]) == 0
    timex = _layer(story, "timex", done["doc"])
    assert done["timex"] in timex  # reviewed: exactly as accepted
    fridays = [t for t in timex if t["text"] == "Friday" and t != done["timex"]]
    assert fridays and all(t["value"] == "2012-06-22" for t in fridays)  # re-anchored: the Friday before 28 June
    from kjpacts.corpus.validate import validate

    assert validate(story) == []


def test_status_columns_on_a_layer_table(story, tmp_path):
    import kjpacts
    from kjpacts.story.review import with_status

    done = _review(story, tmp_path)
    frame = with_status(kjpacts.load(story), "quotes")
    row = frame[(frame.doc_id == done["doc"]) & (frame.id == done["quote"]["id"])].iloc[0]
    assert (row.status, row.reviewer) == ("reviewed", "A. Reviewer")
    assert set(frame.status) == {"machine", "reviewed"}
