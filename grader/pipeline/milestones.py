"""Which milestones the hidden suite grades, and the refusal of a milestone check it does not grade."""

from __future__ import annotations

from grader.course.manifest import Course, Exercise
from grader.pipeline.suite_ids import SuiteError, expected_test_ids


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


def graded_milestones(course: Course, exercise: Exercise, most: int = 100) -> list[int]:
    """The milestones that add hidden tests, in order (none for a suite without milestone markers)."""
    everything = set(expected_test_ids(course, exercise, None))
    graded: list[int] = []
    before = set(expected_test_ids(course, exercise, 0))
    for milestone in range(1, most + 1):
        if before == everything:
            break
        now = set(expected_test_ids(course, exercise, milestone))
        if now != before:
            graded.append(milestone)
        before = now
    return graded
