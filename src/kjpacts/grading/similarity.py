"""``kjpacts grade similarity PS``: written answers that share long passages, for a human to read.

Each pair of students' answers to the same written question is compared with the kit's own
text-reuse function, :func:`kjpacts.nlp.shared_ngrams` (word n-grams, ``--words`` long,
default 8). Wording that comes from the problem set itself (the prompt, the rubric, the
stub) is not counted. Overlapping shared n-grams are joined into passages; a pair is flagged
when its longest passage has at least ``--words`` words.

Nothing is penalised. A flag goes to three places: the report
(``reports/similarity-<ps>-<time>.csv``: pair, question, passage), the status report's
``flags``, and the formgrader (:mod:`~kjpacts.grading.formgrader`): the submission is marked
*flagged* and, when no one has written a comment there yet, the written answer's comment says
what was found (a ``[kjpacts similarity]`` line; feedback never shows it to the student).
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import nbformat

from kjpacts.grading.formgrader import add_notes
from kjpacts.grading.report import add_flags
from kjpacts.nlp import ngrams_with_offsets, shared_ngrams

from .course import Course

STUB = "YOUR ANSWER HERE"


@dataclass
class Text:
    """A written answer, as the text-reuse functions expect a document (``.text``)."""

    text: str


@dataclass
class Match:
    question: str
    a: str
    b: str
    words: int
    passage: str


def written_ids(course: Course, ps: str) -> list[str]:
    """grade ids of the manually graded written (markdown) answers of ``ps``."""
    nb = nbformat.read(course.source / ps / f"{ps}.ipynb", as_version=4)
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells if c.cell_type == "markdown"
            and c.metadata.get("nbgrader", {}).get("solution") and c.metadata["nbgrader"].get("grade")]


def answers(course: Course, ps: str, questions: list[str]) -> dict[str, dict[str, str]]:
    """student -> grade id -> the text they wrote (autograded copies, else submitted ones)."""
    out: dict[str, dict[str, str]] = {}
    for base in (course.autograded, course.submitted):
        for path in sorted(base.glob(f"*/{ps}/{ps}.ipynb")) if base.is_dir() else []:
            student = path.parent.parent.name
            if student in out:
                continue
            try:
                nb = nbformat.read(path, as_version=4)
            except Exception:  # noqa: BLE001 - pre-flight reports unreadable notebooks
                continue
            got = {}
            for c in nb.cells:
                gid = c.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if gid in questions and c.source.strip() and c.source.strip() != STUB:
                    got[gid] = c.source
            out[student] = got
    return out


def _passages(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def compare(a: str, b: str, common: set[tuple[str, ...]], n: int) -> tuple[int, str]:
    """(words, passage) of the longest passage of ``a`` that ``b`` shares, n-grams in ``common`` left out."""

    shared = shared_ngrams(Text(a), Text(b), n)
    spans = [s for gram, (in_a, _) in shared.items() if gram not in common for s in in_a]
    best = (0, "")
    for s, e in _passages(spans):
        passage = a[s:e]
        words = len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", passage))
        if words > best[0]:
            best = (words, " ".join(passage.split()))
    return best


def find(course: Course, ps: str, n: int = 8) -> list[Match]:
    """Every pair of students whose written answers share a passage of at least ``n`` words."""

    ps = course.check_assignment(ps)
    questions = written_ids(course, ps)
    release = nbformat.read(course.release / ps / f"{ps}.ipynb", as_version=4) \
        if (course.release / ps / f"{ps}.ipynb").is_file() else nbformat.read(course.source / ps / f"{ps}.ipynb", as_version=4)
    common = set(ngrams_with_offsets(Text("\n".join(c.source for c in release.cells) + "\n" + STUB), n))
    texts = answers(course, ps, questions)
    found = []
    for q in questions:
        have = sorted(s for s in texts if q in texts[s])
        for a, b in combinations(have, 2):
            words, passage = compare(texts[a][q], texts[b][q], common, n)
            if words >= n:
                found.append(Match(q, a, b, words, passage))
    return found


def write_report(path: Path, matches: list[Match]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["question", "student_a", "student_b", "shared_words", "passage"])
        for m in matches:
            w.writerow([m.question, m.a, m.b, m.words, m.passage])
    return path


def note(m: Match, other: str) -> str:
    """The grader's note for one side of a match."""
    return f"{m.words} words shared with the answer of {other}: \"{m.passage[:300]}\" (a pointer, not a penalty)"


def similarity(course: Course, ps: str, n: int = 8, quiet: bool = False) -> tuple[list[Match], Path]:
    """Find, report, flag. Returns the matches and the report's path."""

    matches = find(course, ps, n)
    report = write_report(course.reports / f"similarity-{ps}-{time.strftime('%Y%m%d-%H%M%S')}.csv", matches)
    if matches and course.gradebook.is_file():

        notes: dict[str, list] = {}
        for m in matches:
            notes.setdefault(m.a, []).append((m.question, note(m, m.b)))
            notes.setdefault(m.b, []).append((m.question, note(m, m.a)))
        add_notes(course, ps, notes, "similarity")
    flags: dict[str, list[str]] = {}
    for m in matches:
        flags.setdefault(m.a, []).append(f"similar-to:{m.b}:{m.question}")
        flags.setdefault(m.b, []).append(f"similar-to:{m.a}:{m.question}")
    add_flags(course, ps, flags)
    if not quiet:
        for m in matches:
            print(f"{m.question}: {m.a} and {m.b} share {m.words} words: \"{m.passage[:160]}\"")
        print(f"{len(matches)} pair(s) flagged (nothing is penalised); report: {report.relative_to(course.root)}")
    return matches, report
