"""A project's status and score, milestone by milestone, from the results stored for it.

Every door (``grader check``, ``grader list``, ``--json``, the notebook) asks
``project_status`` and shows what it says, so none can disagree with another.
Each milestone is worth the points the manifest gives it; within a milestone,
its tests share those points by their own weights. A milestone keeps the
result of the latest check that ran it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from grader.course.manifest import Exercise


class WeighedTest(Protocol):
    """What a project's status needs of one test (a feedback TestResult has it)."""

    @property
    def milestone(self) -> int | None: ...
    @property
    def points(self) -> float: ...
    @property
    def max_points(self) -> float: ...


@dataclass(frozen=True)
class MilestoneStatus:
    milestone: int
    points: float  # earned, in the project's points
    max_points: float
    state: str  # passed, failed or not checked

    @property
    def passed(self) -> bool:
        return self.state == "passed"


@dataclass(frozen=True)
class ProjectStatus:
    status: str  # passed, in_progress or not_started
    score: float
    max_score: float
    reached: int  # the highest milestone passed with every one before it
    milestones: tuple[MilestoneStatus, ...]

    @property
    def state(self) -> str:
        """done, in progress or not started: the words `grader list` uses for every exercise."""
        return {"passed": "done", "in_progress": "in progress"}.get(self.status, "not started")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["state"] = self.state
        return data


def milestone_results(tests: Iterable[WeighedTest]) -> dict[str, list[float]]:
    """``{"3": [test points earned, test points possible]}`` for each milestone a check ran."""
    results: dict[str, list[float]] = {}
    for test in tests:
        if test.milestone is None:
            continue
        earned, possible = results.get(str(test.milestone), [0.0, 0.0])
        results[str(test.milestone)] = [earned + test.points, possible + test.max_points]
    return results


def project_status(exercise: Exercise, stored: Mapping[str, Sequence[float]]) -> ProjectStatus:
    """The project's standing from the stored result of each milestone (missing: not checked yet)."""
    milestones = tuple(_milestone(n, worth, stored.get(str(n))) for n, worth in exercise.milestones)
    reached = 0
    for entry in milestones:
        if not entry.passed:
            break
        reached = entry.milestone
    if milestones and all(m.passed for m in milestones):
        status = "passed"
    elif any(m.state != "not checked" for m in milestones):
        status = "in_progress"
    else:
        status = "not_started"
    score = round(sum(m.points for m in milestones), 1)
    return ProjectStatus(status, score, exercise.points, reached, milestones)


def _milestone(number: int, worth: float, result: Sequence[float] | None) -> MilestoneStatus:
    if not _usable(result):
        return MilestoneStatus(number, 0.0, worth, "not checked")
    assert result is not None
    earned, possible = float(result[0]), float(result[1])
    share = worth * earned / possible if possible else 0.0
    state = "passed" if possible and earned >= possible else "failed"
    return MilestoneStatus(number, round(share, 1), worth, state)


def _usable(result: Any) -> bool:
    """A stored result is two numbers, earned and possible (anything else reads as not checked)."""
    return (
        isinstance(result, (list, tuple))
        and len(result) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0 for v in result)
    )
