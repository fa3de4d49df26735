"""The grading process started ahead of a notebook check: taken once, replaced when gone, never left."""

from __future__ import annotations

import json
from pathlib import Path

from grader.course.manifest import Course
from grader.notebook import standby


def request_for(course: Course) -> str:
    exercise = course.exercises[0]
    files = {name: (course.solution_dir(exercise) / name).read_text() for name in exercise.files}
    return json.dumps({"course": str(course.root), "exercise": exercise.id, "files": files, "record": False})


def test_the_waiting_process_grades_the_next_check_and_is_used_once(mini_course: Course) -> None:
    standby.start(mini_course.root)
    standby.start(mini_course.root)  # the setup cell names check, hint and progress: still one process
    assert len(standby._WAITING) == 1
    waiting = standby._WAITING[0][1]
    process = standby.take(mini_course.root)
    assert process is waiting and standby._WAITING == []
    stdout, _ = process.communicate(request_for(mini_course), timeout=120)
    assert json.loads(stdout)["feedback"]["status"] == "passed"
    assert process.returncode == 0


def test_a_process_that_died_or_waits_in_another_course_is_not_taken(
    mini_course: Course, tmp_path: Path
) -> None:
    standby.start(tmp_path)
    elsewhere = standby._WAITING[0][1]
    process = standby.take(mini_course.root)
    assert process is not elsewhere and elsewhere.poll() is not None  # ended, not left behind
    standby.stop(process)
    standby.start(mini_course.root)
    dead = standby._WAITING[0][1]
    standby.stop(dead)
    replacement = standby.take(mini_course.root)
    assert replacement is not dead
    stdout, _ = replacement.communicate(request_for(mini_course), timeout=120)
    assert json.loads(stdout)["feedback"]["status"] == "passed"


def test_an_unused_process_ends_when_the_kernel_goes(mini_course: Course) -> None:
    standby.start(mini_course.root)
    process = standby._WAITING[0][1]
    standby._stop_waiting()  # what interpreter exit runs
    assert process.poll() is not None and standby._WAITING == []
