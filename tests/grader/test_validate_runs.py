"""How validate weighs its grading runs, so the longest are taken first."""

from __future__ import annotations

from dataclasses import replace

import pytest

from grader.course.manifest import Course
from grader.validate_runs import run_weight


@pytest.mark.parametrize(
    ("kind", "call_timeout", "weight"),
    [
        ("implement", 2.0, 1.0),  # a plain run
        ("implement", 1.0, 1.0),  # shorter calls than usual: still a plain run
        ("implement", 10.0, 5.0),  # calls that may wait 10 s: threads that stop, retries that back off
        ("write-tests", 15.0, 3.0),  # the learner's tests against every implementation
        ("write-tests", 30.0, 6.0),
        ("project", 2.0, 8.0),  # a server started per test
    ],
)
def test_a_run_weighs_more_where_its_calls_may_take_longer(
    mini_course: Course, kind: str, call_timeout: float, weight: float
) -> None:
    exercise = replace(mini_course.exercises[0], kind=kind, call_timeout=call_timeout)
    assert run_weight(exercise) == weight
