"""The capstone project kind: an untouched starter reads as not started, and milestones are checked.

A project's starter already passes the tests of what it gives for free (a
health endpoint), so the suite alone would call it "failed" with a few points.
The committed starter in git tells us the learner has not begun.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.restore import is_untouched_starter
from grader.feedback.model import Feedback


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
