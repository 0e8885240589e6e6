"""H rows of ``make bench``: a JupyterHub class on this machine (tests/hub/classroom.py), for N students.

Per class size: memory per active student (PSS of the student's server + kernel after lesson 07,
median over students), and the whole class's time: spawn every server through the REST API, run
the lesson for every student at once, then a problem set released, fetched, worked, submitted,
collected, autograded in the sandbox and exported. Needs root and useradd; without them the rows
say why. ``python -m bench.hub_bench 5`` prints the rows as JSON.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.hub import classroom

PS = "ps01-provenance-and-dating"
LESSON = classroom.REPO / "notebooks" / "07-words-that-frame.ipynb"


def run_class(n: int) -> dict:
    """One class of ``n`` students; phase timings (s) and memory (MB). Users are removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="kjpacts-hub-bench-", dir="/tmp"))
    root.chmod(0o755)
    users = classroom.Users.make(n)
    hub = None
    times: dict[str, float] = {}
    try:
        env = classroom.HubEnv(root / "shared").build()
        hub = classroom.Hub(env, users, root / "state").start()
        t0 = time.monotonic()
        hub.spawn_all(timeout=900)
        times["spawn"] = time.monotonic() - t0
        idle = [classroom.user_pss_mb(u) for u in users.students]
        results, times["lesson"] = classroom.run_lesson_for_all(hub, LESSON)
        errors = [r for r in results if r["errors"]]
        if errors:
            raise classroom.ClassroomError(f"lesson failed for {errors[0]['user']}: {errors[0]['errors']}")
        course = classroom.setup_course(env, users.instructor)
        t1 = time.monotonic()
        classroom.run_as(users.instructor, env, "kjpacts", "grade", "generate", PS, cwd=course)
        classroom.run_as(users.instructor, env, "nbgrader", "release_assignment", PS, cwd=course)

        def work(i: int, student: str) -> None:
            classroom.run_as(student, env, "nbgrader", "fetch_assignment", PS)
            mine = classroom.home(student) / PS / f"{PS}.ipynb"
            if i % 2 == 0:
                classroom.solve(mine, course / "source" / PS / f"{PS}.ipynb", mine)
                subprocess.run(["chown", f"{student}:{student}", str(mine)], check=True)
            classroom.run_as(student, env, "nbgrader", "submit", PS)

        classroom.each_student(users, work)
        times["release_to_submit"] = time.monotonic() - t1
        t2 = time.monotonic()
        classroom.run_as(users.instructor, env, "nbgrader", "collect", PS, cwd=course)
        classroom.run_as(users.instructor, env, "kjpacts", "grade", "autograde", PS, cwd=course, timeout=1800)
        classroom.run_as(users.instructor, env, "kjpacts", "grade", "export", "--to", "grades.csv", cwd=course)
        times["collect_to_export"] = time.monotonic() - t2
        graded = len(classroom.read_grades(course / "grades.csv", PS))
        return {"n": n, "times": times, "total": sum(times.values()), "graded": graded,
                "idle_mb": statistics.median(idle), "active_mb": statistics.median(r["pss_mb"] for r in results)}
    finally:
        if hub is not None:
            hub.stop()
        users.remove()
        shutil.rmtree(root, ignore_errors=True)


def rows(sizes: tuple[int, ...] = (5, 20)) -> list[dict]:
    problems = classroom.missing_requirements()
    if problems:
        return [{"id": "H", "measure": "JupyterHub class on one machine: not measured here, needs " + ", ".join(problems),
                 "figure": "—", "floor": "—", "ratio": None, "goal": "—", "met": None}]
    out = []
    for n in sizes:
        r = run_class(n)
        t = r["times"]
        out += [
            {"id": "H", "measure": f"hub class of {n}: memory per active student (PSS, server + kernel after lesson 07, median)",
             "figure": f"{r['active_mb']:.0f} MB", "floor": f"{r['idle_mb']:.0f} MB (the same server idle)",
             "ratio": r["active_mb"] / r["idle_mb"], "goal": "—", "met": None},
            {"id": "H", "measure": f"hub class of {n}: whole class, spawn → lesson for all at once → release … export "
                                   f"({r['graded']} graded)",
             "figure": f"{r['total']:.0f} s", "floor": "—", "ratio": None, "goal": "—", "met": None,
             "note": f"H class of {n}: spawn {t['spawn']:.0f} s, lesson {t['lesson']:.0f} s, release to submit "
                     f"{t['release_to_submit']:.0f} s, collect to export {t['collect_to_export']:.0f} s"},
        ]
    return out


if __name__ == "__main__":
    print(json.dumps(rows(tuple(int(a) for a in sys.argv[1:]) or (5, 20)), indent=1, ensure_ascii=False))
