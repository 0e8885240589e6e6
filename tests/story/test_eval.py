"""The quality scorer (bench/story_eval.py): hand-counted totals on one page, and the floors it reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

EVAL = Path(__file__).parent / "eval"


def _one_page(tmp_path: Path) -> Path:
    """A pages folder with the dev set's Yonhap page, and its URL in tmp_path/sources.csv."""
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(EVAL / "pages" / "yonhap-2012-06-29.txt", pages)
    (tmp_path / "sources.csv").write_text(
        "file,url\nyonhap-2012-06-29.txt,http://english.yonhapnews.co.kr/news/2012/06/29/0200000000AEN20120629010000315.HTML\n",
        encoding="utf-8")
    return pages


def test_scorer_counts_by_hand(tmp_path):
    from bench.story_eval import score

    pages = _one_page(tmp_path)
    gold = {"pages": {"yonhap-2012-06-29.txt": {
        "published": "2012-06-30",  # wrong on purpose: the scorer must say so
        "boilerplate": ["select languages", "sns RSS mobile twitter", "South Korea announced Friday"],
        "attributions": [{"cue": "announced", "near": "South Korea announced Friday", "source": "South Korea"},
                         {"cue": "scheduled", "near": "were scheduled to sign", "source": "the two nations"}],
        "timex": [{"text": "Friday", "values": ["2012-06-29"]}, {"text": "June 29", "values": ["2012-06-28"]}],
        "persons": [], "capital_for_government": [{"text": "Tokyo", "near": "deal in Tokyo"}]}}}
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    t = score(pages, tmp_path / "gold.json", tmp_path / "sources.csv")["totals"]
    # by hand: 16 + 22 chars of furniture, both removed; the third "boilerplate" string is article text, kept
    assert (t["bp_total"], t["bp_removed"]) == (16 + 22 + 28, 16 + 22)
    assert (t["dates"], t["dates_ok"]) == (1, 0)
    assert (t["att_gold"], t["att_found"]) == (2, 1)  # "scheduled" is no cue
    assert (t["tx_gold"], t["tx_found"], t["tx_value_ok"]) == (2, 2, 1)  # June 29 is not 2012-06-28
    assert (t["cap_gold"], t["cap_found"]) == (1, 0)  # "in Tokyo" is the place


@pytest.mark.parametrize("folder", ["fresh", "heldout"])
def test_current_rules_meet_the_issue_targets(folder):
    from bench.story_eval import score

    root = EVAL / folder
    t = score(root / "pages", root / "gold.json", root / "sources.csv")["totals"]
    assert t["bp_removed"] / t["bp_total"] >= 0.9 and t["art_kept"] / t["art_total"] >= 0.98
    assert t["dates_ok"] / t["dates"] >= 0.75
    assert t["att_found"] / t["att_gold"] >= 0.8
    assert t["tx_value_ok"] / t["tx_found"] >= 0.8
    assert t["per_found"] / t["per_gold"] >= 0.85


def test_gold_on_a_cut_line_is_a_miss_and_gold_on_no_line_an_error(tmp_path):
    from bench.story_eval import score

    pages = _one_page(tmp_path)
    page = {"published": "2012-06-29", "boilerplate": [], "persons": [], "capital_for_government": [],
            "attributions": [{"cue": "languages", "near": "select languages", "source": "select"}],  # a line the kit cuts
            "timex": [{"text": "languages", "values": ["x"]}]}
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"pages": {"yonhap-2012-06-29.txt": page}}), encoding="utf-8")
    t = score(pages, gold, tmp_path / "sources.csv")["totals"]
    assert (t["att_gold"], t["att_found"], t["tx_gold"], t["tx_found"]) == (1, 0, 1, 0)
    assert t["art_kept"] < t["art_total"]  # the cut line was article text by this gold
    page["timex"] = [{"text": "Thursday next week", "values": ["x"]}]
    gold.write_text(json.dumps({"pages": {"yonhap-2012-06-29.txt": page}}), encoding="utf-8")
    with pytest.raises(ValueError, match="Thursday next week.*not on the raw page either"):
        score(pages, gold, tmp_path / "sources.csv")
