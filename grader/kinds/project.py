"""The capstone project kind: an untouched starter reads as not started, and milestones are checked.

A project's starter already passes the tests of what it gives for free (a
health endpoint), so the suite alone would call it "failed" with a few points.
The committed starter in git tells us the learner has not begun.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.project_status import milestone_results, project_status
from grader.course.restore import is_untouched_starter
from grader.feedback.model import Feedback


def finish_project(course: Course, exercise: Exercise, source: Path, feedback: Feedback) -> Feedback:
    """Report the committed starter, left as it is, as not started (no points); score the rest by milestone.

    Whatever the starter's given code passes or fails is not the learner's doing.
    """
    # Only a plain "failed" is converted: an error (a server that cannot start) is a set-up problem to show.
    if feedback.status == "failed" and is_untouched_starter(course, exercise, source):
        return replace(feedback, status="not_started", score=0.0)
    return scored_by_milestone(exercise, feedback)


def scored_by_milestone(exercise: Exercise, feedback: Feedback) -> Feedback:
    """Score each milestone the run checked by the points the manifest gives it, out of the whole project.

    A run of milestones up to 3 then earns milestone 3's points, never the project's 100.
    """
    if not exercise.milestones:
        return feedback
    return replace(feedback, score=project_status(exercise, milestone_results(feedback.tests)).score)


def limited_to_milestone(feedback: Feedback, milestone: int) -> Feedback:
    """Name a milestone run as such, so its score is never read as the whole project's."""
    return replace(feedback, title=f"{feedback.title}, milestones up to {milestone}")
