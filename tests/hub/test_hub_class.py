"""A class of five students and one instructor on a real JupyterHub on 127.0.0.1 (issue 15).

Students are Linux users, their servers are spawned through the hub's REST API, a lesson runs in
every student's kernel at once, and a problem set goes release -> fetch -> submit -> collect ->
sandboxed autograde -> export with nbgrader's own commands and the documented `kjpacts grade` ones.
The expected points come from the table in docs/instructors/grading.md, read here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.hub import classroom
from tests.hub.conftest import require_hub

pytestmark = [pytest.mark.hub, pytest.mark.timeout(1200)]

N = 5
PS = "ps01-provenance-and-dating"
LESSON = classroom.REPO / "notebooks" / "07-words-that-frame.ipynb"
SOLVERS = {0, 2, 4}  # indexes of the students who hand in a solution; the others hand in the blank release


def points_from_docs(assignment: str) -> tuple[int, int]:
    """(autograded, written) points of ``assignment`` from the table in docs/instructors/grading.md."""
    text = (classroom.REPO / "docs" / "instructors" / "grading.md").read_text(encoding="utf-8")
    row = re.search(rf"^\| `{re.escape(assignment)}` \| (\d+) \| (\d+) \|$", text, re.M)
    assert row, f"grading.md has no points row for {assignment}"
    return int(row.group(1)), int(row.group(2))


@pytest.fixture(scope="module")
def hub_class():
    require_hub()
    root = Path(tempfile.mkdtemp(prefix="kjpacts-hub-", dir="/tmp"))  # not pytest's tmp: mode 700 under root
    root.chmod(0o755)
    users = classroom.Users.make(N)
    hub = None
    try:
        env = classroom.HubEnv(root / "shared").build()
        hub = classroom.Hub(env, users, root / "state").start()
        yield hub
    finally:
        if hub is not None:
            hub.stop()
        left = users.remove()
        shutil.rmtree(root, ignore_errors=True)
        assert not left, f"test users not removed: {left}"


@pytest.fixture(scope="module")
def spawned(hub_class):
    return hub_class.spawn_all()


def test_every_server_spawns_through_the_rest_api(hub_class, spawned):
    assert sorted(spawned) == sorted(hub_class.users.everyone)
    for user in hub_class.users.everyone:
        model = hub_class.api("GET", f"/hub/api/users/{user}")
        assert model["servers"][""]["ready"], model


def test_servers_run_as_their_users_from_a_readable_python(hub_class, spawned):
    import psutil

    for user in hub_class.users.everyone:
        procs = [p for p in psutil.process_iter(["username", "cmdline"]) if p.info["username"] == user]
        assert any("jupyterhub-singleuser" in " ".join(p.info["cmdline"] or []) for p in procs), user
        assert all(not (p.info["cmdline"] or ["/root"])[0].startswith("/root") for p in procs), user


def test_instructor_has_the_formgrader(hub_class, spawned):
    classroom.setup_course(hub_class.env, hub_class.users.instructor)
    status, body = hub_class.server_get(hub_class.users.instructor, "formgrader")
    assert status == 200 and "Manage Assignments" in body, body[:500]


def test_a_lesson_runs_for_every_student_at_once(hub_class, spawned):
    results, wall = classroom.run_lesson_for_all(hub_class, LESSON)
    assert [r["user"] for r in results] == hub_class.users.students
    cells = sum(c.cell_type == "code" for c in __import__("nbformat").read(LESSON, as_version=4).cells)
    for r in results:
        assert r["errors"] == [], (r["user"], r["errors"])
        assert r["cells"] == cells
        assert r["pss_mb"] > 50, r  # a server and a kernel that ran the lesson


def test_problem_set_release_fetch_submit_collect_autograde_export(hub_class, spawned):
    env, users = hub_class.env, hub_class.users
    instructor = users.instructor
    course = classroom.home(instructor) / "course"
    if not course.exists():
        classroom.setup_course(env, instructor)
    classroom.run_as(instructor, env, "kjpacts", "grade", "generate", PS, cwd=course)
    classroom.run_as(instructor, env, "nbgrader", "release_assignment", PS, cwd=course)
    assert (env.exchange() / classroom.COURSE / "outbound" / PS / f"{PS}.ipynb").is_file()

    def fetch_work_submit(i: int, student: str) -> None:
        classroom.run_as(student, env, "nbgrader", "fetch_assignment", PS)
        mine = classroom.home(student) / PS / f"{PS}.ipynb"
        assert mine.is_file(), f"{student}: fetch left no {mine}"
        if i in SOLVERS:
            classroom.solve(mine, course / "source" / PS / f"{PS}.ipynb", mine)
            subprocess.run(["chown", f"{student}:{student}", str(mine)], check=True)
        classroom.run_as(student, env, "nbgrader", "submit", PS)

    classroom.each_student(users, fetch_work_submit)

    classroom.run_as(instructor, env, "nbgrader", "collect", PS, cwd=course)
    for student in users.students:
        assert (course / "submitted" / student / PS / f"{PS}.ipynb").is_file(), f"{student} not collected"
    classroom.run_as(instructor, env, "kjpacts", "grade", "autograde", PS, cwd=course, timeout=900)
    classroom.run_as(instructor, env, "kjpacts", "grade", "export", "--to", "grades.csv", cwd=course)

    grades = classroom.read_grades(course / "grades.csv", PS)
    auto, written = points_from_docs(PS)
    assert sorted(grades) == sorted(users.students)
    for i, student in enumerate(users.students):
        row = grades[student]
        assert row["status"] == "ok", row
        assert float(row["max_score"]) == auto + written, row
        assert float(row["score"]) == (auto if i in SOLVERS else 0), (student, row)
