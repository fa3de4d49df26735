"""The pytest server: one warm trusted process, a fresh fork and a fresh worker for every run."""

from __future__ import annotations

import dataclasses
import os
import signal

import pytest

from grader.course.manifest import Course
from grader.pipeline import warm
from grader.pipeline.grading import grade
from grader.pipeline.warm import warm_pytest
from tests.helpers import LEAP_YEAR, by_name, grade_text, learner_folder

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the pytest server forks")

# Learner code that leaves marks wherever it can reach: in its own process, in the
# interpreter's modules, and in the environment it would hand to children.
LEAVES_MARKS = """\
import builtins
import os
import sys

builtins.MARK = "left by the last learner"
sys.modules["json"].MARK = "left by the last learner"
os.environ["GRADER_MARK"] = "left by the last learner"


def leap_year(year):
    return True
"""
SEES_MARKS = """\
import builtins
import json
import os


def leap_year(year):
    if hasattr(builtins, "MARK") or hasattr(json, "MARK") or "GRADER_MARK" in os.environ:
        return "saw a mark"
""" + LEAP_YEAR.replace("def leap_year(year):\n", "")


def server_pid() -> int | None:
    slot = warm._WARM.get()
    return None if slot is None or slot.server is None else slot.server.process.pid


def test_a_warm_server_serves_many_runs_and_nothing_leaks_between_them(mini_course: Course) -> None:
    with warm_pytest():
        first = server_pid()
        assert grade_text(mini_course, "leap-year", LEAVES_MARKS).status == "failed"
        feedback = grade_text(mini_course, "leap-year", SEES_MARKS)
        assert feedback.status == "passed", [t.message for t in feedback.tests]
        assert server_pid() == first is not None  # the same trusted process served both
    assert warm._WARM.get() is None


def test_a_run_stopped_at_the_wall_limit_does_not_break_the_next(mini_course: Course) -> None:
    looping = "def leap_year(year):\n    while True:\n        pass\n"
    leap = mini_course.find("leap-year")
    slow = dataclasses.replace(leap, time_limit=1.5)
    with warm_pytest():
        stopped = grade(mini_course, slow, source=learner_folder(mini_course, {"leap_year.py": looping}))
        assert stopped.status in ("timeout", "error")
        again = grade_text(mini_course, "leap-year", LEAP_YEAR)
        assert again.status == "passed"
        assert by_name(again)["test_century"].status == "passed"


def test_a_dead_warm_server_is_replaced(mini_course: Course) -> None:
    with warm_pytest():
        slot = warm._WARM.get()
        assert slot is not None and slot.server is not None
        os.kill(slot.server.process.pid, signal.SIGKILL)
        slot.server.process.wait()
        assert grade_text(mini_course, "leap-year", LEAP_YEAR).status == "passed"
