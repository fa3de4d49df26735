"""Render results as JSON for scripts, editors and LMS tooling."""

from __future__ import annotations

import json
import re
from typing import Any

from grader.course.manifest import Course, Exercise
from grader.course.project_status import ProjectStatus, project_status
from grader.course.weekly import WeeklyRecord
from grader.course.workspace import Progress
from grader.feedback.model import Feedback, points

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps(data: Any) -> str:
    """Valid UTF-8 JSON, whatever the learner's code printed or put in an exception message."""
    return json.dumps(clean(data), indent=2, ensure_ascii=False)


def clean(data: Any) -> Any:
    """Replace lone surrogates (undecodable bytes, half a character) with U+FFFD, recursively."""
    if isinstance(data, str):
        return LONE_SURROGATE.sub("\ufffd", data)
    if isinstance(data, dict):
        return {clean(key): clean(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [clean(item) for item in data]
    return data


def feedback_json(feedback: Feedback, project: ProjectStatus | None = None) -> str:
    """A check's feedback; for a project, ``project`` is its whole standing after this check."""
    data = feedback.to_dict()
    if project is not None:
        data["project"] = project.to_dict()
    return dumps(data)


def course_json(course: Course, progress: Progress) -> str:
    """Every exercise with its place in the course and the learner's status."""
    rows = []
    for exercise in course.exercises:
        entry = progress.of(exercise)
        row = {
            "id": exercise.id,
            "title": exercise.title,
            "module": exercise.module,
            "kind": exercise.kind,
            "path": exercise.path,
            "points": exercise.points,
            "status": entry.state.replace(" ", "_"),
            "score": points(entry.best_score),
            "milestone": entry.milestone if exercise.kind == "project" else None,
        }
        if exercise.milestones:  # a project's standing, as every door shows it
            project = project_status(exercise, entry.milestone_results)
            row.update(status=project.state.replace(" ", "_"), score=project.score, milestone=project.reached)
            row["milestones"] = project.to_dict()["milestones"]
        rows.append(row)
    return dumps({"schema_version": 1, "course": course.title, "exercises": rows})


def overview_json(course: Course, progress: Progress, next_up: Exercise | None, command: str) -> str:
    """Where the learner is, what is next, and the command that runs grader in their shell."""
    done = sum(1 for e in course.exercises if progress.of(e).state == "done")
    upcoming = None
    if next_up is not None:
        upcoming = {
            "id": next_up.id,
            "title": next_up.title,
            "module": next_up.module,
            "path": next_up.path,
            "files": [f"{next_up.path}/{name}" for name in next_up.files],
            "readme": f"{next_up.path}/README.md",
        }
    return dumps(
        {
            "schema_version": 1,
            "course": course.title,
            "done": done,
            "total": len(course.exercises),
            "next": upcoming,
            "command": command,
        }
    )


def weekly_json(record: WeeklyRecord) -> str:
    """The weekly record (`grader progress --json`)."""
    return dumps({"schema_version": 1, **record.to_dict()})
