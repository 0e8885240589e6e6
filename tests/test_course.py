"""The course is complete: lessons, try-its that accept right answers and reject wrong ones,
generated navigation and contents, instructor material."""

from __future__ import annotations

import json
import re

import pytest

from kjpacts.teaching.notebook_sync import lessons, sync
from kjpacts.teaching.checks import UNANSWERED, check, lesson_setup, registry

from .conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
LESSONS = lessons(NOTEBOOKS)
TRYITS = registry()


def test_navigation_contents_and_answers_are_generated_and_current():
    assert sync(NOTEBOOKS, check=True) == [], "run `kjpacts course` to regenerate headers, footers and CONTENTS.md"


@pytest.fixture(autouse=True)
def _one_corpus(monkeypatch):
    """The lessons' setup code calls kjpacts.load(); give it the process's one corpus (fast)."""
    import kjpacts
    from kjpacts.corpus.load import shared_corpus

    monkeypatch.setattr(kjpacts, "load", lambda path=None: shared_corpus(path))


def run_answer_code(tryit_id: str, code: str):
    """Run try-it code as the notebook would: the lesson's setup cells, the try-it's ``given``
    cells, then ``code``; return what it leaves in ``answer``."""
    ns: dict = {}
    exec(lesson_setup(tryit_id), ns)  # noqa: S102 (the kit's own lesson code)
    exec(TRYITS[tryit_id].given, ns)  # noqa: S102
    exec(code, ns)  # noqa: S102
    return ns["answer"]


@pytest.mark.parametrize("tryit_id", sorted(TRYITS), ids=str)
def test_the_answer_key_code_is_accepted(tryit_id):
    t = TRYITS[tryit_id]
    feedback = check(tryit_id, run_answer_code(tryit_id, t.answer))
    assert feedback.ok is True, f"{tryit_id}: the answer key's code is rejected: {feedback.message}"


@pytest.mark.parametrize("tryit_id", sorted(TRYITS), ids=str)
def test_each_listed_wrong_answer_gets_its_diagnosis(tryit_id):
    t = TRYITS[tryit_id]
    assert len(t.wrongs) >= 2, f"{tryit_id}: list at least two typical wrong answers"
    for code, diagnosis in t.wrongs:
        feedback = check(tryit_id, run_answer_code(tryit_id, code))
        assert feedback.ok is False, f"{tryit_id}: the wrong answer {code!r} is accepted"
        assert "Traceback" not in feedback.message
        assert diagnosis.lower() in feedback.message.lower(), \
            f"{tryit_id}: {code!r} should be diagnosed with {diagnosis!r}, got {feedback.message!r}"


@pytest.mark.parametrize("tryit_id", sorted(TRYITS), ids=str)
def test_an_unanswered_try_it_gets_a_reminder_not_a_verdict(tryit_id):
    for blank in (..., None):
        feedback = check(tryit_id, blank)
        assert feedback.ok is None and feedback.message == UNANSWERED, tryit_id


#: Right answers written by hand from the texts and the gold JSON (not from the lesson modules).
KNOWN = {
    "00.1": 5,
    "00.3": "koreaherald-2012-05",
    "01.1": 4,
    "01.4": "Tokyo",
    "02.2": "2012-05",
    "02.3": [2012],
    "02.4": "2011-01-10",
    "04.1": "japan",
    "04.3": "government",
    "05.4": "yonhap-2012-06-27",
    "05.5": 0,
    "08.1": "2011-12",
    "08.2": "2012-06-26",
    "09.4": "south-korea",
}


@pytest.mark.parametrize("tryit_id", sorted(KNOWN), ids=str)
def test_a_hand_written_right_answer_is_accepted(tryit_id):
    feedback = check(tryit_id, KNOWN[tryit_id])
    assert feedback.ok is True, f"{tryit_id}: {KNOWN[tryit_id]!r} is rejected: {feedback.message}"


def test_the_top_word_feedback_states_the_count_from_the_text():
    """04.1: 'japan' occurs 19 times in the Yonhap page (counted here with a plain regex, a second
    implementation), and the praise must say so; 'military' (17) is not the top word."""
    import re as regex

    from kjpacts.io import read_text
    from .conftest import CORPUS

    text = read_text(CORPUS / "clean" / "yonhap-2012-06-27.txt", "clean/yonhap-2012-06-27.txt").lower()
    japan = len(regex.findall(r"\bjapan\b", text))
    assert japan == 19
    assert f"'japan' ({japan} times)" in check("04.1", "japan").message
    assert check("04.1", "military").ok is False


def test_numpy_and_pandas_scalars_are_accepted_as_numbers():
    import numpy as np

    assert check("00.1", np.int64(5)).ok is True
    assert check("05.5", np.int64(0)).ok is True
    assert check("02.3", [np.int64(2012)]).ok is True  # inside a list too (numpy 2 reprs np.int64(2012))
    assert check("06.1", (np.int64(3), np.int64(1))).ok is True
    # numpy strings (from .values or np.array) inside a list: same_items compares reprs, so they must be plain
    assert check("01.3", list(np.array(["koreaherald-2012-05", "koreaherald-2012-05-13"]))).ok is True


def test_an_error_in_the_students_function_is_reported_with_its_message():
    def answer():
        return {}["missing"]

    feedback = check("00.1", answer)
    assert feedback.ok is False and "KeyError" in feedback.message and "'missing'" in feedback.message


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.number)
def test_try_its_run_in_reading_order_and_every_one_is_in_its_notebook(lesson):
    nb = json.loads(lesson.path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    ids = re.findall(r"check\(\s*[\"'](\d\d\.\d+)[\"']", code)
    expected = [f"{lesson.number}.{i}" for i in range(1, len(ids) + 1)]
    assert ids == expected, f"{lesson.name}: try-its in reading order are {ids}, expected {expected}"
    mine = sorted((t for t in TRYITS if t.startswith(lesson.number + ".")), key=lambda t: int(t.split(".")[1]))
    assert mine == ids, f"{lesson.name}: registered {mine}, in the notebook {ids}"


@pytest.mark.parametrize("lesson", LESSONS[1:], ids=lambda l: l.number)
def test_at_least_half_the_try_its_leave_the_code_to_the_student(lesson):
    mine = [t for t in TRYITS.values() if t.id.startswith(lesson.number + ".")]
    assert sum(t.open_code for t in mine) * 2 >= len(mine), lesson.name


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.number)
def test_each_lesson_has_its_parts(lesson):
    nb = json.loads(lesson.path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    md = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    ids = re.findall(r"check\(\s*[\"'](\d\d\.\d+)[\"']", code)
    assert len(set(ids)) >= 3, f"{lesson.name}: at least three try-it cells"
    for tid in ids:
        assert tid in TRYITS and tid.startswith(lesson.number + "."), tid
    assert "kjpacts.teaching.widgets" in code, f"{lesson.name}: use a widget"
    assert "Challenge" in md and "<details>" in md, f"{lesson.name}: a challenge with a solution"
    assert lesson.meta.get("further_reading"), f"{lesson.name}: further reading"
    assert (ROOT / "docs" / "instructors" / "lessons" / f"{lesson.path.stem}.md").is_file(), "instructor notes"
    assert nb["metadata"].get("kjpacts", {}).get("interactions"), f"{lesson.name}: declare a browser interaction"


def test_eleven_lessons_with_problem_set_links():
    assert [l.number for l in LESSONS] == [f"{i:02d}" for i in range(11)]
    for lesson in LESSONS[1:10]:
        ps = lesson.meta.get("problem_set")
        assert ps and (ROOT / "exercises" / "release" / ps / f"{ps}.ipynb").is_file(), lesson.name


def test_outside_context_is_labelled():
    """A year after 2012 may appear only in a passage marked as outside context. 2021 is
    exempt: it is a date printed on the Ahram page itself (its 'Last Update' header)."""
    later = re.compile(r"\b(201[3-9]|2020|202[2-9])\b")
    for lesson in LESSONS:
        nb = json.loads(lesson.path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown" or "kjpacts-" in str(cell.get("metadata", {}).get("tags")):
                continue
            for para in "".join(cell["source"]).split("\n\n"):
                if later.search(para):
                    assert re.search(r"[Oo]utside (context|record)", para), f"{lesson.name}: unlabelled later fact: {para[:160]}"


def test_make_lab_opens_the_start_notebook_with_the_repo_as_root():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^lab:.*?(?=^\S)", makefile, re.S | re.M).group()
    url = re.search(r"--LabApp\.default_url=/lab/tree/(\S+)", target).group(1)
    assert (ROOT / url).is_file() and url == "notebooks/00-start-here.ipynb"
    assert '--ServerApp.root_dir="$(CURDIR)"' in target  # so ../exercises and ../docs links resolve


JUDGE_LESSONS = [l for l in LESSONS if l.number in ("05", "06", "07", "08", "09")]
#: The layer each judge-first activity draws its gold from; it must not be shown before the judgement.
GOLD_LAYER = {"05": 'frame("quotes")', "06": 'frame("claim', "07": 'frame("framing")', "08": None,
              "09": 'frame("mentions")'}


def _src(cell) -> str:
    return "".join(cell["source"])


@pytest.mark.parametrize("lesson", JUDGE_LESSONS, ids=lambda l: l.number)
def test_the_student_judges_before_the_gold_is_shown(lesson):
    import importlib

    cells = json.loads(lesson.path.read_text(encoding="utf-8"))["cells"]
    judged = [i for i, c in enumerate(cells) if "judge-first" in c.get("metadata", {}).get("tags", [])]
    assert judged, f"{lesson.name}: a code cell tagged judge-first, where the student gives labels and reasons"
    i = judged[0]
    assert "my_judgements" in _src(cells[i]) and "..." in _src(cells[i])
    compared = [k for k, c in enumerate(cells) if "compare_judgements(my_judgements" in _src(c)]
    assert compared and compared[0] > i, f"{lesson.name}: compare with the gold only after the judgement cell"
    before = "\n".join(_src(c) for c in cells[:i])
    code_before = "\n".join(_src(c) for c in cells[:i] if c["cell_type"] == "code")
    layer = GOLD_LAYER[lesson.number]
    assert layer is None or layer not in code_before, f"{lesson.name}: the gold layer is shown before the judgement"
    items = importlib.import_module(f"kjpacts.teaching.lessons.l{lesson.number}").judge_items()
    assert len(items) >= 5
    for it in items:
        assert it.reason and it.reason not in before, f"{lesson.name}: the annotators' reason for item {it.item_id} is shown first"
    after = "\n".join(_src(c) for c in cells[compared[0] + 1:compared[0] + 2] if c["cell_type"] == "markdown")
    assert "annotators" in after.lower(), f"{lesson.name}: discuss where the annotators' reading differs"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.number)
def test_at_least_two_predict_then_run_prompts(lesson):
    cells = json.loads(lesson.path.read_text(encoding="utf-8"))["cells"]
    prompts = sum(len(re.findall(r"\*\*Predict(?: first|, then run)", _src(c))) for c in cells if c["cell_type"] == "markdown")
    assert prompts >= 2, f"{lesson.name}: {prompts} 'predict, then run' prompt(s); at least two"


def test_every_outside_record_cited_in_the_course_exists():
    """Lessons cite outside facts by record id; each id must be in corpus/outside/records.json
    (read here with json, not with the kit's reader)."""
    from .conftest import CORPUS

    records = {r["id"] for r in json.loads((CORPUS / "outside" / "records.json").read_text(encoding="utf-8"))["records"]}
    places = [*NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"), *(ROOT / "src" / "kjpacts" / "teaching").rglob("*.py"),
              *(ROOT / "docs").rglob("*.md")]
    cited = {}
    for path in places:
        for rid in re.findall(r"\box-[a-z0-9]+(?:-[a-z0-9]+)*", path.read_text(encoding="utf-8")):
            cited.setdefault(rid, path.name)
    assert len(cited) >= 20, "the lessons cite their outside facts by record id"
    missing = {rid: where for rid, where in cited.items() if rid not in records}
    assert not missing, f"outside records cited but not in records.json: {missing}"


def test_the_outside_reader_shows_the_source_of_each_fact():
    from kjpacts.errors import CorpusError
    from kjpacts.teaching.outside import outside_record, show_records

    view = show_records(["ox-outlet-yonhap-funding"])
    html = view._repr_html_()
    assert "State Media Monitor" in html and "high" in html and "government grants" in html
    with pytest.raises(CorpusError, match="no outside record 'ox-nope'"):
        outside_record("ox-nope")


#: What counts as the student doing something: a try-it, a self-check or widget, a judgement, a guess,
#: a predict-then-run prompt, a challenge.
STUDENT_ACTION = re.compile(r"check\(|SelfCheck|ShortAnswer|= \.\.\.|my_judgements|my_guesses|# my guess|# Your code|"
                            r"Concordance\(|DocumentViewer\(|QuoteExplorer\(|ClaimTracker\(|Timeline\(|CompareDocs\(|"
                            r"RawVsClean\(|AnnotationPractice")


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.number)
def test_no_stretch_longer_than_15_minutes_without_student_action(lesson):
    """An estimate, not a measurement: 120 words of prose a minute, half a minute per code cell to run."""
    cells = [c for c in json.loads(lesson.path.read_text(encoding="utf-8"))["cells"]
             if "kjpacts-" not in str(c.get("metadata", {}).get("tags"))]
    stretch, worst, where = 0.0, 0.0, "start"
    for c in cells:
        s = _src(c)
        acts = STUDENT_ACTION.search(s) if c["cell_type"] == "code" else ("**Predict" in s or "### Challenge" in s)
        if acts:
            worst, stretch, where = (max(worst, stretch), 0.0, c.get("id")) if stretch <= worst else (stretch, 0.0, c.get("id"))
        else:
            stretch += len(s.split()) / 120 if c["cell_type"] == "markdown" else 0.5
    worst = max(worst, stretch)
    assert worst <= 15, f"{lesson.name}: about {worst:.0f} minutes pass without the student doing something"


def _lesson(number: str):
    return next(l for l in LESSONS if l.number == number)


def test_07_judge_items_are_not_the_examples_of_the_category_table():
    """The student judges spans they have not just been shown: no item is one of the examples in
    the category table that comes before the judge-first cell; gold read from the framing JSON by hand."""
    from kjpacts.teaching.lessons import l07

    cells = json.loads(_lesson("07").path.read_text(encoding="utf-8"))["cells"]
    judged = next(i for i, c in enumerate(cells) if "judge-first" in c.get("metadata", {}).get("tags", []))
    table_rows = [line for c in cells[:judged] for line in _src(c).splitlines() if line.startswith("| `")]
    assert len(table_rows) == 7, "the category table"
    examples = [ex.replace("*", "").strip().lower() for row in table_rows for ex in row.split("|")[3].split(";")]
    for it in l07.judge_items():
        span = re.search(r"\[\[(.+?)\]\]", it.text).group(1).strip('"').lower()
        assert not any(span in ex or ex in span for ex in examples), f"item {it.item_id} ({span!r}) is a table example"
    # gold categories read by hand from corpus/annotations/framing/*.json ('none': no record on the span)
    gold = {"allegedly": "hedge", "the communist state": "naming-choice", "reasserted": "none", "was panned": "agentless-passive",
            "recognize the importance": "none", "undeniable": "intensifier", "what's happened in the past": "euphemism",
            "bitterness": "evaluative"}
    got = {re.search(r"\[\[(.+?)\]\]", it.text).group(1).strip('"'): it.gold for it in l07.judge_items()}
    assert got == gold
    intro = "\n".join(_src(c) for c in cells[:judged])
    assert f"classify {['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'][len(gold)]} highlighted" in intro


def _first(cells: list, pattern: str) -> int:
    return next(i for i, c in enumerate(cells) if re.search(pattern, _src(c)))


@pytest.mark.parametrize("number, predict, reveal", [
    ("05", r"\*\*Predict first:\*\*[^\n]*\n?[^\n]*smallest\s+share", r'groupby\("doc_id"\)\["named"\]'),
    ("05", r"\*\*Predict first:\*\* will the finder find more spans", r"len\(gold\), len\(found\)"),
    ("07", r"\*\*Predict first:\*\* how many agentless passives", r"pd\.crosstab\(framing\.doc_id, framing\.category\)"),
], ids=["05.4", "05.2", "07.1"])
def test_predict_prompts_come_before_the_cell_that_shows_the_result(number, predict, reveal):
    cells = json.loads(_lesson(number).path.read_text(encoding="utf-8"))["cells"]
    shown = _first([c if c["cell_type"] == "code" else {"source": ""} for c in cells], reveal)
    asked = _first([c if c["cell_type"] == "markdown" else {"source": ""} for c in cells], predict)
    assert asked < shown, f"{number}: the predict prompt (cell {asked}) comes after the result (cell {shown})"
    assert cells[shown]["cell_type"] == "code" and "# my guess" in _src(cells[shown]), "a place to write the guess"


@pytest.mark.parametrize("number", ["05", "07"])
def test_no_import_is_repeated(number):
    """A beginner reads a repeated import as a new step (the walk-through: lesson 05 imported l05 twice)."""
    cells = json.loads(_lesson(number).path.read_text(encoding="utf-8"))["cells"]
    seen: dict[str, str] = {}
    for c in cells:
        if c["cell_type"] != "code":
            continue
        for line in _src(c).splitlines():
            m = re.match(r"\s*(?:from (\S+) )?import (.+)", line)
            if not m:
                continue
            for name in (n.strip().split(" as ")[-1] for n in m.group(2).split(",")):
                key = f"{m.group(1) or ''}:{name}"
                assert key not in seen, f"{number}: {line.strip()!r} repeats an import of cell {seen[key]}"
                seen[key] = c.get("id")


def test_07_1_is_written_as_a_function_and_its_prompt_asks_for_one_combined_filter():
    cells = json.loads(_lesson("07").path.read_text(encoding="utf-8"))["cells"]
    i = _first(cells, r'check\("07\.1"')
    assert _src(cells[i]).startswith("def answer():"), "the def answer() shape, so an error reaches check()"
    prompt = _src(cells[i - 1])
    assert "combine both into one filter" in prompt and "&" not in prompt, "name the combined filter, not the code"
    assert "combine them into one filter" in TRYITS["07.1"].prompt


#: Lessons that show pandas tables of ids or dates
TABLE_LESSONS = [l for l in LESSONS if l.number in ("00", "01", "02", "05", "06", "07", "08", "09", "10")]


@pytest.mark.parametrize("lesson", TABLE_LESSONS, ids=lambda l: l.number)
def test_lessons_that_show_tables_keep_ids_and_dates_whole(lesson):
    """Issue 14: "2011-01-/10". tidy_tables() runs before the first cell that makes a table."""
    code = [_src(c) for c in json.loads(lesson.path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
    tables = [i for i, src in enumerate(code) if re.search(r"\.frame\(|DataFrame\(|crosstab\(", src)]
    tidy = [i for i, src in enumerate(code) if re.search(r"^tidy_tables\(\)", src, re.M)]
    assert tables, f"{lesson.name}: no table cell found (update TABLE_LESSONS)"
    assert tidy and tidy[0] <= tables[0], f"{lesson.name}: call tidy_tables() in the setup, before the first table"
