"""The one grading pipeline every door uses: stage, run the suite, build feedback."""

from __future__ import annotations

from pathlib import Path

from grader.course import Course, Exercise
from grader.feedback import Feedback, build_feedback
from grader.kinds import finish
from grader.kinds.project import limited_to_milestone, refuse_ungraded_milestone
from grader.runner import SuiteRun, run_suite
from grader.source_text import encoding_problem


def grade(
    course: Course,
    exercise: Exercise,
    source: Path | None = None,
    milestone: int | None = None,
    learner: str = "",
) -> Feedback:
    """Grade the files in ``source`` (default: the learner's exercise folder)."""
    folder = source if source is not None else course.exercise_dir(exercise)
    if milestone is not None:
        refuse_ungraded_milestone(course, exercise, milestone)
    problem = encoding_problem(exercise, folder)
    run = SuiteRun(None, problem, 0.0) if problem else run_suite(course, exercise, folder, milestone)
    feedback = build_feedback(exercise, run, learner)
    feedback = finish(course, exercise, folder, feedback)
    return feedback if milestone is None else limited_to_milestone(feedback, milestone)
