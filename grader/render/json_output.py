"""Render results as JSON for scripts, editors and LMS tooling."""

from __future__ import annotations

import json
from typing import Any

from grader.course import Course
from grader.feedback import Feedback
from grader.workspace import Progress


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def feedback_json(feedback: Feedback) -> str:
    return dumps(feedback.to_dict())


def course_json(course: Course, progress: Progress) -> str:
    """Every exercise with its place in the course and the learner's status."""
    rows = []
    for exercise in course.exercises:
        entry = progress.of(exercise)
        rows.append(
            {
                "id": exercise.id,
                "title": exercise.title,
                "module": exercise.module,
                "kind": exercise.kind,
                "path": exercise.path,
                "points": exercise.points,
                "status": entry.state.replace(" ", "_"),
                "score": entry.best_score,
            }
        )
    return dumps({"schema_version": 1, "course": course.title, "exercises": rows})
