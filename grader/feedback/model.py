"""The results every door shares: Feedback, TestResult and Metric, with status and score derived once.

Frozen dataclasses with one ``to_dict()``; building them from a run is
:mod:`grader.feedback.build`, and every way of showing them is a renderer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from grader.course.manifest import Exercise

SCHEMA_VERSION = 1
# An exercise the grader could not grade (the grader or the host failed, the submission could not be
# read) is "not_graded": it earns no grade at all, unlike a timeout or a crash, which are graded 0.
NOT_GRADED = "not_graded"
STATUSES = ("passed", "failed", "error", "timeout", "not_started", NOT_GRADED)


@dataclass(frozen=True)
class TestResult:
    """One hidden test, as the learner sees it."""

    __test__ = False  # not a pytest test class, despite the name

    name: str
    description: str
    status: str
    message: str
    hint: str
    output: str
    points: float
    max_points: float
    duration: float
    milestone: int | None = None
    where: tuple[str, ...] = ()
    diagnosis: str = ""  # the mistake behind a failure: printed, timeout, wrong_type, ...
    call: str = ""  # the call that showed it, as the learner would type it


@dataclass(frozen=True)
class Metric:
    """A measurement of the learner's code shown beside the tests (e.g. a refactor's nesting depth).

    ``before`` is the starter's value when it means something; ``target`` is the
    course's goal, with ``met`` saying whether the learner's code reaches it.
    """

    name: str
    label: str
    value: float
    before: float | None = None
    target: float | None = None
    met: bool | None = None


@dataclass(frozen=True)
class Feedback:
    """The outcome of grading one exercise for one learner."""

    schema_version: int
    exercise_id: str
    title: str
    learner: str
    status: str
    score: float
    max_score: float
    tests: tuple[TestResult, ...]
    error: str | None
    duration: float
    metrics: tuple[Metric, ...] = ()

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def exercise_score(exercise: Exercise, tests: tuple[TestResult, ...]) -> float:
    """The exercise's points, shared out by the points its tests earned."""
    available = sum(t.max_points for t in tests)
    return points(exercise.points * sum(t.points for t in tests) / available) if available else 0.0


def points(value: float) -> float:
    """Scores are whole points or have one decimal, everywhere they are shown or stored."""
    return round(value, 1)


def overall_status(tests: tuple[TestResult, ...]) -> str:
    unfinished = {t.status for t in tests if t.status != "passed"}
    if not unfinished:
        return "passed"
    if unfinished == {"not_started"} and not any(t.status == "passed" for t in tests):
        return "not_started"
    if "error" in unfinished:
        return "error"
    if unfinished == {"timeout"}:
        return "timeout"
    return "failed"


def shared_error(tests: tuple[TestResult, ...]) -> str | None:
    """A problem that broke every test (a file that cannot load), said once."""
    errors = {t.message for t in tests if t.status == "error"}
    if len(errors) == 1 and all(t.status == "error" for t in tests):
        return errors.pop()
    return None
