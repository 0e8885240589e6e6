"""Review through brat: export, an .ann edited by hand (a fixed span, a deleted record, an added one),
import; the decisions carry who and when, and re-running `new` or the pre-annotator keeps them.

The edits are written here against the exported text (spans found in the clean text by hand-picked
strings), and the expected records are read from that text, not from the importer.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import snapshot

DOC = "upi-2012-06-29"
FRESH = Path(__file__).parent / "eval" / "fresh"


def _export(story: Path, tmp_path: Path) -> Path:
    from kjpacts.cli import main

    out = tmp_path / "brat"
    assert main(["review", str(story), "--to-brat", str(out)]) == 0
    return out


def _t_line(ann: str, label: str, text: str) -> tuple[str, str]:
    """(T id, whole line) of the span with this label and text."""
    m = re.search(rf"^(T\d+)\t{label} \d+ \d+\t{re.escape(text)}$", ann, re.M)
    assert m, f"no {label} span {text!r} in the export"
    return m.group(1), m.group()


def _drop(ann: str, tid: str) -> str:
    """The .ann without the span ``tid`` and every line that points at it (as brat deletes it)."""
    return "".join(line for line in ann.splitlines(keepends=True)
                   if not re.match(rf"^{tid}\t", line) and not re.search(rf"[ :]{tid}(\s|$)", line.split("\t")[1] if "\t" in line else ""))


def _layer(root: Path, layer: str) -> list[dict]:
    key = {"timex": "timexes", "mentions": "mentions", "quotes": "quotes"}[layer]
    return json.loads((root / "annotations" / layer / f"{DOC}.json").read_text(encoding="utf-8"))[key]


def _edit(out: Path) -> dict:
    """Fix "about 20 minutes" to "20 minutes" and the quote source "an official" to "official", delete the
    mention "Cho Byung-jae" (a reviewer may reject any record), add "Foreign Ministry"."""
    text = (out / f"{DOC}.txt").read_text(encoding="utf-8")
    ann = (out / f"{DOC}.ann").read_text(encoding="utf-8")
    tid, line = _t_line(ann, "Timex", "about 20 minutes")
    start = text.index("about 20 minutes") + len("about ")
    fixed = (start, start + len("20 minutes"))
    ann = ann.replace(line, f"{tid}\tTimex {fixed[0]} {fixed[1]}\t20 minutes")
    src, line = _t_line(ann, "Quote_source", "an official")
    at_src = text.index("an official said Friday") + len("an ")
    ann = ann.replace(line, f"{src}\tQuote_source {at_src} {at_src + 8}\tofficial")
    wrong, _ = _t_line(ann, "Mention_person", "Cho Byung-jae")
    ann = _drop(ann, wrong)
    at = text.index("Foreign Ministry")
    ann += f"T900\tMention_organisation {at} {at + 16}\tForeign Ministry\nN900\tReference T900 kjpacts_entities:foreign-ministry-kr\tForeign Ministry\n"
    (out / f"{DOC}.ann").write_text(ann, encoding="utf-8")
    return {"fixed": fixed, "deleted": text.index("Cho Byung-jae"), "added": (at, at + 16), "source": (at_src, at_src + 8)}


def test_brat_round_trip_fixes_deletes_adds_and_nothing_re_run_overwrites_it(story, tmp_path):
    from kjpacts.cli import main
    from kjpacts.story import preannotate

    out = _export(story, tmp_path)
    before_timex = {t["text"]: t for t in _layer(story, "timex")}["about 20 minutes"]
    edits = _edit(out)
    assert main(["review", str(story), "--from-brat", str(out), "--reviewer", "Ann Reviewer"]) == 0

    def check(root: Path) -> None:
        timex = {(t["start"], t["end"]): t for t in _layer(root, "timex")}
        fixed = timex[edits["fixed"]]
        assert (fixed["id"], fixed["text"], fixed["value"]) == (before_timex["id"], "20 minutes", before_timex["value"])
        assert not any(t["text"] == "about 20 minutes" for t in timex.values())  # the machine span is not proposed again
        mentions = _layer(root, "mentions")
        assert not any(m["start"] == edits["deleted"] for m in mentions)
        added = next((m for m in mentions if (m["start"], m["end"]) == edits["added"]), None)
        assert added is not None, "the added mention is gone"
        assert (added["text"], added["entity_id"]) == ("Foreign Ministry", "foreign-ministry-kr")
        quote = next(q for q in _layer(root, "quotes") if q["source"] and q["source"]["text"].endswith("official"))
        assert (quote["source"]["start"], quote["source"]["end"], quote["source"]["text"]) == (*edits["source"], "official")
        status = {(r["layer"], r["doc_id"], r["id"]): r
                  for r in json.loads((root / "review" / "status.json").read_text(encoding="utf-8"))["records"]}
        for layer, rid, decision in (("timex", fixed["id"], "fixed"), ("mentions", added["id"], "added"),
                                     ("quotes", quote["id"], "fixed")):
            row = status[(layer, DOC, rid)]
            assert (row["status"], row["decision"], row["reviewer"]) == ("reviewed", decision, "Ann Reviewer")
            assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", row["reviewed_at"])
        untouched = [r for r in status.values() if r["doc_id"] == DOC and r["layer"] == "timex" and r["id"] != fixed["id"]]
        assert untouched and all(r["decision"] == "accepted" for r in untouched)  # the .ann was the reviewer's word
        other = [r for r in status.values() if r["doc_id"] not in (DOC, None)]
        assert other and all(r["status"] == "machine" for r in other)  # unchanged files are not read

    check(story)
    reviewed = {layer: _layer(story, layer) for layer in ("timex", "mentions", "quotes")}
    preannotate(story)  # the pre-annotator again
    check(story)
    assert main(["new", str(story), str(FRESH / "pages" / "upi-2011-01-10.txt"), "--urls", str(FRESH / "sources.csv")]) == 0
    check(story)
    assert {layer: _layer(story, layer) for layer in ("timex", "mentions", "quotes")} == reviewed
    assert main(["validate", str(story)]) == 0


def test_unchanged_ann_is_accepted_only_when_asked(story, tmp_path):
    from kjpacts.cli import main

    out = _export(story, tmp_path)
    before = snapshot(story)
    assert main(["review", str(story), "--from-brat", str(out), "--reviewer", "Ann Reviewer"]) == 0
    assert snapshot(story) == before
    assert main(["review", str(story), "--from-brat", str(out), "--reviewer", "Ann Reviewer", "--accept-unchanged"]) == 0
    rows = json.loads((story / "review" / "status.json").read_text(encoding="utf-8"))["records"]
    per_doc = [r for r in rows if r["doc_id"]]
    assert per_doc and all(r["decision"] == "accepted" for r in per_doc)


@pytest.mark.parametrize("bad,where,says", [
    ("T901\tTimex 10 5\tx\n", "line {n}", "outside the text"),
    ("T901\tTimex 0 5\tWrong\n", "line {n}", "is not the document's text"),
    ("A901\tTimex_type T999 DATE\n", "line {n}", "T999, which no T line defines"),
    ("hello brat\n", "line {n}", "not a brat annotation line"),
    ("T901\tTimex {at} {end}\tFriday\n", "line {n}", "a new Timex needs its value"),
])
def test_invalid_ann_line_gets_one_line_error_naming_file_and_line_and_nothing_changes(story, tmp_path, capsys, bad, where, says):
    from kjpacts.cli import main

    out = _export(story, tmp_path)
    path = out / f"{DOC}.ann"
    text = (out / f"{DOC}.txt").read_text(encoding="utf-8")
    at = text.index("Friday")
    ann = path.read_text(encoding="utf-8")
    n = ann.count("\n") + 1
    path.write_text(ann + bad.format(at=at, end=at + 6), encoding="utf-8")
    before = snapshot(story)
    assert main(["review", str(story), "--from-brat", str(out), "--reviewer", "Ann Reviewer"]) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if says in x)
    assert line.startswith(f"error: {path}: {where.format(n=n)}: ")
    assert snapshot(story) == before


def test_import_needs_the_export_manifest_and_a_reviewer(story, tmp_path, capsys):
    from kjpacts.cli import main

    out = _export(story, tmp_path)
    assert main(["review", str(story), "--from-brat", str(out)]) == 2
    (out / "kjpacts-review.json").unlink()
    assert main(["review", str(story), "--from-brat", str(out), "--reviewer", "A"]) == 1
    assert "kjpacts-review.json: -: missing: export with" in capsys.readouterr().err
