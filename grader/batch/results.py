"""The class's results as the renderers see them, read back from the gradebook.

One vocabulary for every output: an exercise is *graded* (its score stands,
even a 0 from a timeout, a crash or a syntax error, which carries its reason)
or *not graded* (the grader or the host failed, or the submission could not
be read: status ``not_graded``, with why in its error). A learner is graded,
partly graded or not graded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from grader.batch.gradebook import Gradebook
from grader.batch.learner_folders import learner_folders
from grader.course.manifest import Exercise
from grader.feedback.model import NOT_GRADED

GRADED, PARTLY_GRADED, NOT_GRADED_WORDS = "graded", "partly graded", "not graded"
ZERO_REASONS = {
    "timeout": "timed out",
    "error": "crashed",
    "not_started": "not started",
    "failed": "every test failed",
}


def is_graded(feedback: dict[str, Any]) -> bool:
    return bool(feedback["status"] != NOT_GRADED)


def reason(feedback: dict[str, Any]) -> str:
    """Why an exercise was not graded, or why it was graded 0; "" for any other score."""
    if is_graded(feedback) and float(feedback["score"]) > 0:
        return ""
    word = ZERO_REASONS.get(feedback["status"], "")
    error = (feedback.get("error") or "").strip()
    if not is_graded(feedback):
        return error or "the grader could not grade it"
    return f"{word}: {error}" if error and word else error or word


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
    def not_graded(self) -> tuple[str, ...]:
        """Each exercise that was not graded, with why ("doubled: <reason>")."""
        return tuple(f"{f['exercise_id']}: {reason(f)}" for f in self.feedback if not is_graded(f))

    @property
    def status(self) -> str:
        """graded (every exercise), partly graded, or not graded (none, or nothing to grade)."""
        missing = len(self.not_graded)
        if not self.feedback or missing == len(self.feedback):
            return NOT_GRADED_WORDS
        return PARTLY_GRADED if missing else GRADED

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
class BatchTiming:
    """When a batch started (seconds since the epoch) and how long its grading took (until the reports)."""

    started: float
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"started": self.started, "seconds": self.seconds}


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
