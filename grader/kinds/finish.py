"""What each exercise kind adds to a run's feedback, decided in one place per kind.

Every kind is staged and run the same way; a kind module may add measurements
of the learner's code (a refactor's structure, a debug fix's size) or adjust
what the feedback reveals. ``finish`` is the pipeline's single entry point.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.feedback.model import Feedback
from grader.kinds.debug import finish_debug
from grader.kinds.project import finish_project
from grader.kinds.refactor import finish_refactor

Finisher = Callable[[Course, Exercise, Path, Feedback], Feedback]

# kind -> finisher; one finisher per kind module (see grader/kinds/*.py).
FINISHERS: dict[str, Finisher] = {
    "debug": finish_debug,
    "refactor": finish_refactor,
    "project": finish_project,
}


def finish(course: Course, exercise: Exercise, source: Path, feedback: Feedback) -> Feedback:
    """Let the exercise's kind complete its feedback; kinds without a finisher keep it as is."""
    finisher = FINISHERS.get(exercise.kind)
    return finisher(course, exercise, source, feedback) if finisher else feedback
