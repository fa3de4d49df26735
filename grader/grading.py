"""The one grading pipeline every door uses: stage, run the suite, build feedback."""

from __future__ import annotations

from pathlib import Path

from grader.course import Course, Exercise
from grader.feedback import Feedback, build_feedback
from grader.kinds import finish
from grader.runner import run_suite


def grade(
    course: Course,
    exercise: Exercise,
    source: Path | None = None,
    milestone: int | None = None,
    learner: str = "",
) -> Feedback:
    """Grade the files in ``source`` (default: the learner's exercise folder)."""
    folder = source if source is not None else course.exercise_dir(exercise)
    feedback = build_feedback(exercise, run_suite(course, exercise, folder, milestone), learner)
    return finish(course, exercise, folder, feedback)
