"""A project's status and score, per milestone, from the results stored for it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from grader.course.manifest import CourseError, Exercise, load_course
from grader.course.project_status import milestone_results, project_status
from tests.helpers import FIXTURES, copy_course

PROJECT = Exercise(
    "api", "API", "projects", "projects/api", "project", 100.0, ("api/*.py",), (),
    milestones=((3, 40.0), (4, 60.0)),
)  # fmt: skip


@dataclass(frozen=True)
class Ran:
    milestone: int | None
    points: float
    max_points: float


def test_each_milestone_a_check_ran_sums_its_tests_points() -> None:
    tests = [Ran(3, 1.0, 1.0), Ran(3, 0.0, 2.0), Ran(4, 2.0, 2.0), Ran(None, 1.0, 1.0)]
    assert milestone_results(tests) == {"3": [1.0, 3.0], "4": [2.0, 2.0]}


def test_nothing_stored_is_not_started() -> None:
    status = project_status(PROJECT, {})
    assert (status.status, status.state, status.score, status.reached) == ("not_started", "not started", 0, 0)
    assert [(m.milestone, m.state, m.max_points) for m in status.milestones] == [
        (3, "not checked", 40.0),
        (4, "not checked", 60.0),
    ]


def test_a_passed_milestone_earns_its_points_and_no_more() -> None:
    status = project_status(PROJECT, {"3": [5.0, 5.0]})
    assert (status.status, status.state, status.score, status.reached) == (
        "in_progress",
        "in progress",
        40,
        3,
    )
    assert status.to_dict()["milestones"][1] == {
        "milestone": 4,
        "points": 0.0,
        "max_points": 60.0,
        "state": "not checked",
    }


def test_a_partly_passed_milestone_earns_its_share_and_stops_the_reached_count() -> None:
    status = project_status(PROJECT, {"3": [1.0, 4.0], "4": [2.0, 2.0]})
    assert status.score == 70.0  # 40 * 1/4 + 60
    assert status.reached == 0
    assert [m.state for m in status.milestones] == ["failed", "passed"]


def test_every_milestone_passed_is_passed() -> None:
    status = project_status(PROJECT, {"3": [5, 5], "4": [1, 1]})
    assert (status.status, status.state, status.score, status.reached) == ("passed", "done", 100, 4)


@pytest.mark.parametrize("stored", [[1.0], ["1", "2"], [True, 1], [-1.0, 2.0], "x", None])
def test_a_damaged_stored_result_reads_as_not_checked(stored: object) -> None:
    status = project_status(PROJECT, {"3": stored})  # type: ignore[dict-item]
    assert status.milestones[0].state == "not checked"


def manifest_with(tmp_path: Path, line: str) -> Path:
    root = copy_course(tmp_path / "course", FIXTURES / "project_course")
    manifest = root / "exercises" / "course.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("milestones = { 1 = 2.5, 2 = 7.5 }", line), encoding="utf-8")
    return root


def test_the_manifest_gives_each_milestone_its_points(tmp_path: Path) -> None:
    course = load_course(manifest_with(tmp_path, "milestones = { 2 = 7.5, 1 = 2.5 }"))
    assert course.find("hello-api").milestones == ((1, 2.5), (2, 7.5))


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("milestones = { 1 = 2, 2 = 7 }", "the milestones' points add up to 9, not the exercise's 10"),
        ("milestones = { one = 10 }", "milestone 'one' in 'milestones' is not a whole number from 1"),
        ('milestones = { 1 = "10" }', "milestone 1's points must be a number, 0 or more"),
        ("milestones = 10", "'milestones' must be a table of points per milestone"),
    ],
)
def test_wrong_milestone_points_are_refused_clearly(tmp_path: Path, line: str, says: str) -> None:
    with pytest.raises(CourseError, match="exercise 'hello-api': ") as caught:
        load_course(manifest_with(tmp_path, line))
    assert says in str(caught.value)
