"""The grading process of a notebook session: started ahead, kept between checks, replaced when gone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from grader.course.manifest import Course
from grader.notebook import standby


def request_for(course: Course, solved: bool = True) -> dict[str, Any]:
    exercise = course.exercises[0]
    folder = course.solution_dir(exercise) if solved else course.exercise_dir(exercise)
    files = {name: (folder / name).read_text() for name in exercise.files}
    return {"course": str(course.root), "exercise": exercise.id, "files": files, "record": False}


def status(answer: dict[str, Any] | None) -> str:
    assert answer is not None
    return str(answer["feedback"]["status"])


def test_one_process_answers_check_after_check_and_ends_with_its_input(mini_course: Course) -> None:
    standby.start(mini_course.root)
    standby.start(mini_course.root)  # the setup cell names check, hint and progress: still one process
    assert len(standby._WAITING) == 1
    waiting = standby._WAITING[0][1]
    process = standby.take(mini_course.root)
    assert process is waiting and standby._WAITING == []
    assert status(standby.ask(process, request_for(mini_course), 120)) == "passed"
    standby.keep(mini_course.root, process)
    again = standby.take(mini_course.root)
    assert again is process  # the next check is answered by the same process, its server warm
    # A fresh run each time: the starter after the solution is graded as the starter.
    assert status(standby.ask(again, request_for(mini_course, solved=False), 120)) == "not_started"
    assert status(standby.ask(again, request_for(mini_course), 120)) == "passed"
    assert again.stdin is not None
    again.stdin.close()  # the kernel is gone
    assert again.wait(timeout=60) == 0
    standby.stop(again)


def test_a_process_that_ends_or_hangs_is_told_apart(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    crash = "import sys; sys.stdin.readline(); sys.stderr.write('grader broke'); sys.exit(3)"
    monkeypatch.setattr(standby, "COMMAND", [sys.executable, "-c", crash])
    ended = standby.spawn(tmp_path)
    assert standby.ask(ended, {"exercise": "x"}, 60) is None
    ended.wait(timeout=60)
    assert standby.last_words(ended) == "grader broke"
    standby.stop(ended)
    monkeypatch.setattr(standby, "COMMAND", [sys.executable, "-c", "import time; time.sleep(60)"])
    hung = standby.spawn(tmp_path)
    with pytest.raises(subprocess.TimeoutExpired):
        standby.ask(hung, {"exercise": "x"}, 0.5)
    standby.replace(tmp_path, hung)  # killed, and a new one started for the next check
    assert hung.poll() is not None
    assert len(standby._WAITING) == 1 and standby._WAITING[0][1] is not hung
    standby._stop_waiting()


def test_a_dead_process_or_one_in_another_course_is_not_taken(mini_course: Course, tmp_path: Path) -> None:
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
    assert status(standby.ask(replacement, request_for(mini_course), 120)) == "passed"
    standby.stop(replacement)


def test_an_unused_process_ends_when_the_kernel_goes(mini_course: Course) -> None:
    standby.start(mini_course.root)
    process = standby._WAITING[0][1]
    standby._stop_waiting()  # what interpreter exit runs
    assert process.poll() is not None and standby._WAITING == []
