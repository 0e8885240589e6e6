"""Lesson tooling: generated header, footer, navigation and contents page.

Each lesson notebook ``notebooks/NN-kebab-title.ipynb`` carries its facts once, in
its metadata under ``kjpacts.lesson``::

    {"title": "Pages as found", "minutes": 45, "questions": [...], "objectives": [...],
     "prerequisites": [...], "keypoints": [...], "problem_set": "ps01-provenance-and-dating",
     "further_reading": [{"text": "...", "url": "..."}]}

``kjpacts course`` (``sync``) rewrites the cells tagged ``kjpacts-header`` (title,
minutes, prerequisites, questions, objectives, navigation) and ``kjpacts-footer``
(key points, problem set, further reading, navigation) from that metadata, and
writes ``notebooks/CONTENTS.md``. ``--check`` only reports what is out of date.

Notebooks numbered 90-99 come after the lessons. Each carries ``kjpacts.appendix``::

    {"title": "Your own story: a workbench", "role": "workbench", "summary": "..."}

A ``workbench`` is listed in its own table after the lessons, a ``reference`` (the widget
gallery) on the contents page's "Also" line. Both get the same navigation line as a lesson
(header and footer), and the navigation runs in the contents page's order: the lessons, the
workbenches, then the references, as the course website orders its pages.
"""

from __future__ import annotations

import importlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from kjpacts.teaching.checks import registry

NAME = re.compile(r"^(\d\d)-([a-z0-9]+(?:-[a-z0-9]+)*)\.ipynb$")
HEADER_TAG, FOOTER_TAG = "kjpacts-header", "kjpacts-footer"
REQUIRED = ("title", "minutes", "questions", "objectives", "prerequisites", "keypoints")
ROLES = ("workbench", "reference")  # after the lessons, in this order


@dataclass(frozen=True)
class Lesson:
    path: Path
    number: str
    meta: dict

    @property
    def title(self) -> str:
        return self.meta["title"]

    @property
    def name(self) -> str:
        return self.path.name


def lessons(folder: Path) -> list[Lesson]:
    """Lesson notebooks in ``folder`` (numbered ``NN-…``, 00-89), in order."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        m = NAME.match(path.name)
        if not m or int(m.group(1)) >= 90:  # 90+ are galleries and appendices
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb.get("metadata", {}).get("kjpacts", {}).get("lesson")
        if meta is None:
            raise ValueError(f"{path}: metadata.kjpacts.lesson is missing; add title, minutes, questions, objectives, prerequisites, keypoints")
        missing = [k for k in REQUIRED if not meta.get(k)]
        if missing:
            raise ValueError(f"{path}: metadata.kjpacts.lesson lacks {', '.join(missing)}")
        found.append(Lesson(path, m.group(1), meta))
    return found


def appendices(folder: Path) -> list[Lesson]:
    """Notebooks numbered 90-99 in ``folder``: workbenches, then references, each in number order."""
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        m = NAME.match(path.name)
        if not m or int(m.group(1)) < 90:
            continue
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {}).get("kjpacts", {}).get("appendix")
        if not meta or not meta.get("title") or meta.get("role") not in ROLES:
            raise ValueError(f"{path}: metadata.kjpacts.appendix needs a title and a role ({' or '.join(ROLES)})")
        found.append(Lesson(path, m.group(1), meta))
    return sorted(found, key=lambda a: ROLES.index(a.meta["role"]))


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def nav_line(prev: Lesson | None, nxt: Lesson | None) -> str:
    parts = [f"[← {prev.number} {prev.title}]({prev.name})" if prev else "← (start)",
             "[Contents](CONTENTS.md)",
             f"[{nxt.number} {nxt.title} →]({nxt.name})" if nxt else "(end) →"]
    return " | ".join(parts)


def header_markdown(lesson: Lesson, prev: Lesson | None, nxt: Lesson | None) -> str:
    m = lesson.meta
    return (
        f"{nav_line(prev, nxt)}\n\n"
        f"# {lesson.number} · {m['title']}\n\n"
        f"**Estimated time:** {m['minutes']} minutes  \n"
        f"**Before this lesson:** {'; '.join(m['prerequisites'])}\n\n"
        f"### Questions\n{_bullets(m['questions'])}\n\n"
        f"### Objectives\nBy the end of this lesson you will be able to:\n{_bullets(m['objectives'])}"
    )


def footer_markdown(lesson: Lesson, prev: Lesson | None, nxt: Lesson | None) -> str:
    m = lesson.meta
    parts = [f"## Key points\n{_bullets(m['keypoints'])}"]
    if m.get("problem_set"):
        ps = m["problem_set"]
        parts.append(f"## Graded problem set\nPractise and get graded: [`{ps}`](../exercises/release/{ps}/{ps}.ipynb) "
                     f"(see [how problem sets work](../docs/students/problem-sets.md)).")
    if m.get("further_reading"):
        refs = "\n".join(f"- {r['text']}" + (f" <{r['url']}>" if r.get("url") else "") for r in m["further_reading"])
        parts.append(f"## Further reading\n{refs}")
    parts.append(nav_line(prev, nxt))
    return "\n\n".join(parts)


def contents_markdown(items: list[Lesson], extras: list[Lesson] = ()) -> str:
    rows = "\n".join(
        f"| {l.number} | [{l.title}]({l.name}) | {l.meta['minutes']} | {l.meta.get('problem_set') or '—'} |" for l in items)
    total = sum(int(l.meta["minutes"]) for l in items)
    benches = [a for a in extras if a.meta["role"] == "workbench"]
    after = ("## After the lessons\n\n| # | workbench | what it is for |\n|---|---|---|\n" + "".join(
        f"| {a.number} | [{a.title}]({a.name}) | {a.meta.get('summary') or '—'} |\n" for a in benches) + "\n"
             if benches else "")
    also = [f"[{a.title[0].lower() + a.title[1:]}]({a.name})" for a in extras if a.meta["role"] == "reference"]
    return (
        "# Contents\n\n"
        "<!-- generated by `kjpacts course`; edit each notebook's metadata.kjpacts.lesson (or .appendix) instead -->\n\n"
        "| # | lesson | minutes | problem set |\n|---|---|---|---|\n"
        f"{rows}\n\n**Total:** {total} minutes.\n\n{after}"
        f"Also: {' · '.join([*also, '[instructor guide](../docs/instructors/README.md)'])}\n"
    )


def answers_markdown(items: list[Lesson]) -> str:
    """The instructor's answer key: every try-it, per lesson, with timings, the skill it checks,
    the typical wrong answers it diagnoses, and the gold of each judge-first activity."""
    tryits = registry()
    out = ["# Answers to the try-it cells", "",
           "<!-- generated by `kjpacts course` from kjpacts.teaching.lessons; edit the lesson modules -->", ""]
    for lesson in items:
        out += [f"## {lesson.number} · {lesson.title} ({lesson.meta['minutes']} min)", ""]
        mine = [t for t in tryits.values() if t.id.split(".")[0] == lesson.number]
        for t in sorted(mine, key=lambda t: [int(p) for p in t.id.split(".")]):
            kind = "asks for a result; the student chooses the code" if t.open_code else "guided: the prompt gives the steps"
            out += [f"### Try it {t.id}: {t.skill}", "", t.prompt, "", f"*{kind}*", "", "```python", t.answer, "```", ""]
            if t.explanation:
                out += [t.explanation, ""]
            if t.wrongs:
                out += ["Typical wrong answers (each is run by the tests, and its hint must name the mistake):", ""]
                out += [f"- `{' / '.join(line.strip() for line in code.splitlines())}`: the hint says *{why}*"
                        for code, why in t.wrongs]
                out += [""]
        if not mine:
            out += ["(no try-it cells)", ""]
        module = importlib.import_module(f"kjpacts.teaching.lessons.l{lesson.number}")
        if hasattr(module, "judge_items"):
            out += ["### Judge first: the annotators' labels", "",
                    "The student labels these, with a reason, before the notebook shows the gold "
                    "(`compare_judgements`). Gold and reasons come from the annotation layer:", "",
                    "| item | text | gold | annotators' reason |", "|---|---|---|---|"]
            for it in module.judge_items():
                cell = lambda x: " ".join(str(x).replace("|", "\\|").split())  # noqa: E731
                out.append(f"| {it.item_id} | {cell(it.text)} | {cell(it.gold)} | {cell(it.reason)} |")
            out += [""]
    return "\n".join(out)


def _set_tagged(nb: dict, tag: str, source: str, at_end: bool) -> bool:
    cells = nb["cells"]
    idx = next((i for i, c in enumerate(cells) if tag in c.get("metadata", {}).get("tags", [])), None)
    if idx is not None and "".join(cells[idx]["source"]) == source:
        return False
    cell = {"cell_type": "markdown", "id": tag, "metadata": {"tags": [tag], "editable": False}, "source": source}
    if idx is None:
        cells.insert(len(cells) if at_end else 0, cell)
    else:
        cells[idx]["source"] = source
    return True


def write_notebook(path: Path, nb: dict) -> None:
    path.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def sync(folder: Path, check: bool = False) -> list[str]:
    """Regenerate headers, footers and CONTENTS.md; return what was (or would be) changed."""
    items, extras = lessons(folder), appendices(folder)
    order = items + extras  # the contents page's order
    changed = []
    for i, lesson in enumerate(order):
        prev = order[i - 1] if i else None
        nxt = order[i + 1] if i + 1 < len(order) else None
        nb = json.loads(lesson.path.read_text(encoding="utf-8"))
        if i < len(items):
            head, foot = header_markdown(lesson, prev, nxt), footer_markdown(lesson, prev, nxt)
        else:  # a workbench or reference: its own first cell says what it is; only the navigation is generated
            head = foot = nav_line(prev, nxt)
        a = _set_tagged(nb, HEADER_TAG, head, at_end=False)
        b = _set_tagged(nb, FOOTER_TAG, foot, at_end=True)
        if a or b:
            changed.append(lesson.name)
            if not check:
                write_notebook(lesson.path, nb)
    answers = folder.parent / "docs" / "instructors" / "answers.md"
    text = answers_markdown(items)
    if not answers.exists() or answers.read_text(encoding="utf-8") != text:
        changed.append("../docs/instructors/answers.md")
        if not check:
            answers.parent.mkdir(parents=True, exist_ok=True)
            answers.write_text(text, encoding="utf-8")
    contents = folder / "CONTENTS.md"
    text = contents_markdown(items, extras)
    if not contents.exists() or contents.read_text(encoding="utf-8") != text:
        changed.append("CONTENTS.md")
        if not check:
            contents.write_text(text, encoding="utf-8")
    return changed
