"""Which exercise a learner goes to next, in course order."""

from __future__ import annotations

from grader.course.manifest import Course, Exercise
from grader.course.workspace import Progress


def next_exercise(course: Course, progress: Progress, after: Exercise | None = None) -> Exercise | None:
    """The exercise to go to next, in course order, that the learner has not passed.

    With ``after`` (the one just checked), the first not passed after it; only when none
    is left after it, the first not passed from the start. None: every exercise is passed.
    """
    order = list(course.exercises)
    ids = [e.id for e in order]
    start = ids.index(after.id) + 1 if after is not None and after.id in ids else 0
    for exercise in order[start:] + order[:start]:
        if progress.of(exercise).status != "passed":
            return exercise
    return None
