"""Grade a saved notebook: extract each exercise's cells and run them through the one pipeline."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.course.manifest import Course, CourseError, Exercise
from grader.feedback.model import Feedback
from grader.notebook.extract import NotebookError, extract_exercise, notebook_exercise_ids, read_notebook
from grader.notebook.markers import METADATA_KEY
from grader.pipeline.grading import grade_files


@dataclass(frozen=True)
class NotebookResult:
    """One exercise of a saved notebook: its feedback (None when no code was found) and notes."""

    exercise: Exercise
    notes: tuple[str, ...]
    feedback: Feedback | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise_id": self.exercise.id,
            "notes": list(self.notes),
            "feedback": self.feedback.to_dict() if self.feedback else None,
        }


def grade_notebook(course: Course, path: Path, wanted: str | None = None) -> list[NotebookResult]:
    """Grade one exercise of the notebook, or every gradable exercise it holds code for."""
    notebook = read_notebook(path)
    if wanted is not None:
        try:
            chosen = [course.find(wanted)]
        except CourseError as error:
            raise NotebookError(str(error)) from None
    else:
        # A generated notebook names its module: exercises whose cells were deleted still get a note.
        module = notebook.get("metadata", {}).get(METADATA_KEY, {}).get("module")
        ids = notebook_exercise_ids(notebook) + [e.id for e in course.exercises if e.module == module]
        chosen = [e for e in course.exercises if e.id in ids and e.kind != "project"]
        if not chosen:
            raise NotebookError(
                f"{path} holds no exercise cells of this course (cells tagged exercise:<id> "
                "or starting with '# exercise: <id>')."
            )
    return [grade_one(course, exercise, notebook) for exercise in chosen]


def grade_one(course: Course, exercise: Exercise, notebook: Any) -> NotebookResult:
    if exercise.kind == "project":
        note = f"{exercise.id} is graded in the terminal: run `grader check {exercise.id}`."
        return NotebookResult(exercise, (note,), None)
    found = extract_exercise(notebook, exercise)
    if not found.found:
        return NotebookResult(exercise, found.notes, None)
    return NotebookResult(exercise, found.notes, grade_files(course, exercise, found.files))
