"""Work the grading machine failed to grade: recorded as "not graded" with the reason, never as a 0.

A failure of the host (the sandbox could not start, the machine ran out of
processes, a worker killed by the host rather than by the learner's own
limits) is noted by the trusted side beside the learner's staged folder
(:data:`grader.boundary.worker_endings.HOST_NOTE`); the batch turns it into
feedback whose error begins with :data:`NOT_GRADED`, which the gradebook
stores with the status ``not_graded`` and ``--resume`` grades again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from grader.boundary.worker_endings import HOST_NOTE
from grader.course.manifest import Exercise
from grader.feedback.model import NOT_GRADED as NOT_GRADED_STATUS
from grader.feedback.model import SCHEMA_VERSION, Feedback

NOT_GRADED = "Not graded: "
STORED_STATUS = NOT_GRADED_STATUS
AGAIN = " (`grader grade --resume` grades it again)"


def problem_feedback(exercise: Exercise, learner: str, problem: str) -> Feedback:
    """Feedback for work that could not be graded at all: no grade (0 points) and the reason."""
    return Feedback(
        schema_version=SCHEMA_VERSION,
        exercise_id=exercise.id,
        title=exercise.title,
        learner=learner,
        status=NOT_GRADED_STATUS,
        score=0.0,
        max_score=exercise.points,
        tests=(),
        error=problem,
        duration=0.0,
    )


def not_graded(exercise: Exercise, learner: str, reason: str) -> Feedback:
    """Feedback for work the grading machine could not grade: no score given, the reason said."""
    return problem_feedback(exercise, learner, f"{NOT_GRADED}{reason}{AGAIN}")


def is_not_graded(feedback: Feedback | dict[str, Any]) -> bool:
    """Whether this feedback says the machine, not the learner, stopped the grading."""
    status, error, tests = (
        (feedback.status, feedback.error, feedback.tests)
        if isinstance(feedback, Feedback)
        else (feedback.get("status"), feedback.get("error"), feedback.get("tests"))
    )
    return status == NOT_GRADED_STATUS or (bool(error) and str(error).startswith(NOT_GRADED) and not tests)


def host_failure_in(folder: Path) -> str | None:
    """The first host failure the trusted side noted for a run whose staged files are under ``folder``."""
    for note in sorted(folder.rglob(HOST_NOTE)):
        try:
            lines = note.read_text("utf-8", "replace").splitlines()
        except OSError:
            continue
        if lines:
            return lines[0]
    return None
