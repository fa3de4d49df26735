"""The capstone project kind: an untouched starter reads as not started, and milestones are checked.

A project's starter already passes the tests of what it gives for free (a
health endpoint), so the suite alone would call it "failed" with a few points.
The committed starter in git tells us the learner has not begun.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from grader.course import Course, Exercise
from grader.feedback import Feedback
from grader.kinds import FINISHERS
from grader.restore import is_untouched_starter
from grader.suite_ids import SuiteError, expected_test_ids


def finish_project(course: Course, exercise: Exercise, source: Path, feedback: Feedback) -> Feedback:
    """Report the committed starter, left as it is, as not started (no points).

    Whatever the starter's given code passes or fails is not the learner's doing.
    """
    # Only a plain "failed" is converted: an error (a server that cannot start) is a set-up problem to show.
    if feedback.status != "failed" or not is_untouched_starter(course, exercise, source):
        return feedback
    return replace(feedback, status="not_started", score=0.0)


def limited_to_milestone(feedback: Feedback, milestone: int) -> Feedback:
    """Name a milestone run as such, so its score is never read as the whole project's."""
    return replace(feedback, title=f"{feedback.title}, milestones up to {milestone}")


def refuse_ungraded_milestone(course: Course, exercise: Exercise, milestone: int) -> None:
    """Raise SuiteError when no hidden test belongs to ``milestone`` or any later one."""
    everything = set(expected_test_ids(course, exercise, None))
    if milestone < 1 or set(expected_test_ids(course, exercise, milestone - 1)) != everything:
        return  # the milestone adds tests (or has none at all, which the runner explains)
    last = last_graded_milestone(course, exercise, milestone - 1, everything)
    raise SuiteError(
        f"Milestone {milestone} is not graded: the hidden tests of {exercise.id} stop at milestone "
        f"{last}. Check milestone {milestone} with your own tests (see {exercise.path}/README.md); "
        f"`grader check {exercise.id}` grades every milestone the grader checks."
    )


def last_graded_milestone(course: Course, exercise: Exercise, upper: int, everything: set[str]) -> int:
    """The smallest milestone (at most ``upper``) whose run already holds every test."""
    low, high = 0, upper  # the run up to ``high`` holds every test; find the first that does
    while low < high:
        middle = (low + high) // 2
        if set(expected_test_ids(course, exercise, middle)) == everything:
            high = middle
        else:
            low = middle + 1
    return high


FINISHERS["project"] = finish_project
