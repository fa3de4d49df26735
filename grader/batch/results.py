"""The class's results as the renderers see them, read back from the gradebook."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.batch.gradebook import Gradebook
from grader.batch.learner_folders import learner_folders
from grader.course.manifest import Exercise


@dataclass(frozen=True)
class LearnerResults:
    """One learner: who, notes about the submission, and the newest feedback per exercise."""

    learner: str
    name: str
    notes: tuple[str, ...]
    feedback: tuple[dict[str, Any], ...]  # Feedback.to_dict() of each graded exercise, course order
    folder: str = ""  # this learner's folder under learners/, never shared (see learner_folders)

    @property
    def score(self) -> float:
        return round(sum(float(f["score"]) for f in self.feedback), 2)

    @property
    def max_score(self) -> float:
        return round(sum(float(f["max_score"]) for f in self.feedback), 2)

    @property
    def percent(self) -> float:
        return round(100 * self.score / self.max_score, 1) if self.max_score else 0.0

    @property
    def problems(self) -> tuple[str, ...]:
        """Why parts of the submission could not be graded (errors that stopped every test)."""
        return tuple(
            f"{f['exercise_id']}: {f['error']}"
            for f in self.feedback
            if f.get("error") and not f.get("tests")
        )

    @property
    def status(self) -> str:
        statuses = {f["status"] for f in self.feedback}
        if statuses == {"passed"}:
            return "passed"
        if self.feedback and len(self.problems) == len(self.feedback):
            return "not graded"
        return "incomplete" if self.problems else "graded"

    def to_dict(self) -> dict[str, Any]:
        # The feedback is plain data already: shared, not deep-copied (asdict took most of the output time).
        return {
            "learner": self.learner,
            "name": self.name,
            "folder": self.folder,
            "notes": list(self.notes),
            "feedback": list(self.feedback),
            "score": self.score,
            "max_score": self.max_score,
            "percent": self.percent,
            "status": self.status,
        }


@dataclass(frozen=True)
class ClassResults:
    course: str
    exercises: tuple[Exercise, ...]
    learners: tuple[LearnerResults, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "course": self.course,
            "exercises": [{"id": e.id, "title": e.title, "points": e.points} for e in self.exercises],
            "learners": [learner.to_dict() for learner in self.learners],
        }


def read_results(gradebook: Gradebook, course: str, exercises: list[Exercise]) -> ClassResults:
    """Assemble every learner's newest results for ``exercises``."""
    latest = gradebook.latest()
    rows = gradebook.learners()
    folders = learner_folders(row.learner for row in rows)
    learners = []
    for row in rows:
        feedback = tuple(latest[(row.learner, e.id)] for e in exercises if (row.learner, e.id) in latest)
        learners.append(LearnerResults(row.learner, row.name, row.notes, feedback, folders[row.learner]))
    return ClassResults(course, tuple(exercises), tuple(learners))
