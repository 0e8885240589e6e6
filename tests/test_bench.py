"""The benchmark report (``make bench``): rows render with ratios and verdicts, and the hand-written
account of misses is carried into BENCHMARKS.md. The measurements themselves run only in ``make bench``."""

from __future__ import annotations

import subprocess
import sys

from bench.__main__ import ROOT, dir_size, markdown

ROWS = [
    {"id": "P3", "measure": "fresh process", "figure": "0.33 s", "floor": "0.29 s", "ratio": 0.33 / 0.29,
     "goal": "≤ 1.2×", "met": True},
    {"id": "P1", "measure": "course", "figure": "30 s", "floor": "18 s", "ratio": 30 / 18, "goal": "≤ 1.5×",
     "met": False, "note": "P1 libraries imported: nltk 14"},
    {"id": "M", "measure": "memory", "figure": "53 MB", "floor": "—", "ratio": None, "goal": "—", "met": None},
]


def test_report_rows_ratios_verdicts_and_notes():
    text = markdown(ROWS)
    lines = text.splitlines()
    assert "| P3 | fresh process | 0.33 s | 0.29 s | 1.14× | ≤ 1.2× | yes |" in lines
    assert "| P1 | course | 30 s | 18 s | 1.67× | ≤ 1.5× | **no** |" in lines
    assert "| M | memory | 53 MB | — | — | — | — |" in lines
    assert "- P1 libraries imported: nltk 14" in lines


def test_report_carries_the_account_of_misses():
    fixes = (ROOT / "bench" / "FIXES.md").read_text(encoding="utf-8")
    assert "before → after" in fixes.lower()
    assert fixes.strip() in markdown(ROWS)


def test_dir_size_counts_disk_blocks(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.bin").write_bytes(b"x" * 10_000)
    assert 10_000 <= dir_size(tmp_path) < 10_000 + 64 * 1024


def test_bench_command_line_help():
    out = subprocess.run([sys.executable, "-m", "bench", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "--no-clone" in out.stdout and "--class-size" in out.stdout
