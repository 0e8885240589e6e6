"""``kjpacts grade collect``: every file of an LMS download is collected or listed with a reason
(Moodle single files and "download in folders", Canvas, Blackboard), and ``timestamp.txt`` is
filled. The downloads are built here by hand, as each LMS names its files."""

from __future__ import annotations

import os
import zipfile

import pytest

from .conftest import copy_course, grade

PS = "ps01-provenance-and-dating"
NB = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture
def course(tmp_path):
    return copy_course(tmp_path / "course")


def make_zip(path, files: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files.items():
            z.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 30, 9, 15, 0)), data)
    return path


def submitted(course, student):
    folder = course / "submitted" / student / PS
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else None


def test_moodle_download_in_folders_loses_no_submission(course, tmp_path):
    z = make_zip(tmp_path / "moodle.zip", {
        f"PS1-123/Ann Lee_1234_assignsubmission_file/{PS}.ipynb": NB,
        "PS1-123/Bo Kim_5678_assignsubmission_file/my answers (2).ipynb": NB,  # renamed by the student
        "PS1-123/Bo Kim_5678_assignsubmission_file/figure.png": b"png",
        "PS1-123/Bo Kim_5678_assignsubmission_onlinetext/onlinetext.html": b"<p>see file</p>",
        f"PS1-123/Cy Day_91011_assignsubmission_file_{PS}.ipynb": NB,  # a single-file entry in the same zip
        "PS1-123/README.txt": b"exported by Moodle",
        "__MACOSX/PS1-123/._x": b"",
    })
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "moodle")
    assert submitted(course, "1234") == [f"{PS}.ipynb", "timestamp.txt"]
    assert submitted(course, "5678") == ["figure.png", "my answers (2).ipynb", "onlinetext.html", "timestamp.txt"]
    assert submitted(course, "91011") == [f"{PS}.ipynb", "timestamp.txt"]
    assert "2 file(s) not collected" in out.stdout
    assert "README.txt: its path matches no pattern" in out.stdout
    assert "._x: ignored" in out.stdout
    stamp = (course / "submitted" / "1234" / PS / "timestamp.txt").read_text()
    assert stamp.startswith("2026-11-30 ")


def test_moodle_single_files(course, tmp_path):
    z = make_zip(tmp_path / "flat.zip", {
        f"Ann Lee_1234_assignsubmission_file_{PS}.ipynb": NB,
        f"Bo Kim_5678_assignsubmission_file_{PS}.ipynb": NB,
        "grades.csv": b"x",
    })
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "moodle")
    assert submitted(course, "1234") and submitted(course, "5678")
    assert "grades.csv: its path matches no pattern" in out.stdout


def test_canvas(course, tmp_path):
    z = make_zip(tmp_path / "canvas.zip", {
        f"leeann_1234_5555_{PS}.ipynb": NB,
        f"kimbo_LATE_5678_6666_{PS}-1.ipynb": NB,
        "notes.pdf": b"%PDF",
    })
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "canvas")
    assert submitted(course, "1234") == [f"{PS}.ipynb", "timestamp.txt"]
    assert submitted(course, "5678") == [f"{PS}-1.ipynb", "timestamp.txt"]
    assert "notes.pdf" in out.stdout and "1 file(s) not collected" in out.stdout


def test_blackboard_latest_attempt(course, tmp_path):
    z = make_zip(tmp_path / "bb.zip", {
        f"PS1_ann_attempt_2026-11-01-10-00-00_{PS}.ipynb": b'{"old": 1}',
        "PS1_ann_attempt_2026-11-01-10-00-00.txt": b"Name: Ann",
        f"PS1_ann_attempt_2026-11-02-09-30-00_{PS}.ipynb": NB,
        f"PS1_bo_attempt_2026-11-01-11-00-00_{PS}.ipynb": NB,
    })
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "blackboard")
    assert (course / "submitted" / "ann" / PS / f"{PS}.ipynb").read_bytes() == NB  # the later attempt
    assert (course / "submitted" / "ann" / PS / "timestamp.txt").read_text().startswith("2026-11-02 09:30:00")
    assert submitted(course, "bo") == [f"{PS}.ipynb", "timestamp.txt"]
    assert "an earlier attempt of ann (2026-11-01-10-00-00)" in out.stdout
    assert "Blackboard's attempt record" in out.stdout


def test_every_file_accounted_for(course, tmp_path):
    files = {f"x/Ann_1_assignsubmission_file/{PS}.ipynb": NB, "x/stray.ipynb": NB, "x/Bo_2_assignsubmission_file/a.txt": b"a"}
    z = make_zip(tmp_path / "m.zip", files)
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "moodle")
    collected = sum(len([f for f in (submitted(course, s) or []) if f != "timestamp.txt"]) for s in ("1", "2"))
    listed = out.stdout.count(f"{z.name}:")
    assert collected + listed == len(files), out.stdout
    assert "no notebook in it" in out.stdout  # student 2 handed in no notebook: said, not hidden


def test_unsafe_paths_and_bad_zip_are_reported(course, tmp_path):
    z = make_zip(tmp_path / "evil.zip", {"../escape_1_assignsubmission_file_a.ipynb": NB,
                                         f"ok_3_assignsubmission_file_{PS}.ipynb": NB})
    out = grade(course, "collect", PS, "--zip", str(z), "--lms", "moodle")
    assert "unsafe path" in out.stdout and not (tmp_path / "escape_1_assignsubmission_file_a.ipynb").exists()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    proc = grade(course, "collect", PS, "--zip", str(bad), check=False)
    assert proc.returncode == 1 and "not a readable zip file" in proc.stderr


def test_collect_from_folder_fills_timestamp(course, tmp_path):
    src = tmp_path / "in"
    (src / "dee").mkdir(parents=True)
    nb = src / "dee" / f"{PS}.ipynb"
    nb.write_bytes(NB)
    os.utime(nb, (1764580000, 1764580000))  # 2025-12-01 09:06:40 UTC
    (src / "loose.txt").write_text("?")
    out = grade(course, "collect", PS, "--from", str(src))
    assert (course / "submitted" / "dee" / PS / "timestamp.txt").read_text() == "2025-12-01 09:06:40.000000 UTC"
    assert "loose.txt: a loose file" in out.stdout
