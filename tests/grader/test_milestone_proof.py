"""Each graded milestone of a project passes on the reference with only the code its step names."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.milestone_proof import prove_milestones
from grader.render.terminal import validation_text
from grader.validate import validate_course
from tests.helpers import FIXTURES, copy_course


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return load_course(copy_course(tmp_path / "course", FIXTURES / "project_course"))


def mark_greeting(course: Course, milestone: int) -> None:
    """Say in the starter that ``greeting`` is written at ``milestone``."""
    main = course.exercise_dir(course.find("hello-api")) / "hello" / "__main__.py"
    text = main.read_text(encoding="utf-8")
    marked = text.replace("# TODO: return", f"# TODO (milestone {milestone}): return")
    main.write_text(marked, encoding="utf-8")


def test_a_project_without_markers_has_no_milestone_proof(course: Course) -> None:
    assert prove_milestones(course, course.find("hello-api")) == ()


def test_each_graded_milestone_passes_with_its_own_code(course: Course) -> None:
    mark_greeting(course, 2)
    proofs = prove_milestones(course, course.find("hello-api"))
    assert [(p.milestone, p.status, p.ok) for p in proofs] == [(1, "passed", True), (2, "passed", True)]
    assert proofs[0].stubbed == ("hello/__main__.py:greeting",)  # milestone 1 runs without greeting
    assert proofs[1].stubbed == ()


def test_a_milestone_that_needs_a_later_function_fails_validate(course: Course) -> None:
    mark_greeting(course, 3)  # the README step for greeting comes after milestone 2, which tests it
    report = validate_course(course, [])
    (check,) = report.exercises
    assert [(p.milestone, p.ok) for p in check.milestones] == [(1, True), (2, False)]
    second = check.milestones[1]
    assert second.status == "failed"
    assert second.stubbed == ("hello/__main__.py:greeting",)
    assert [line.split(":")[0] for line in second.failed] == ["test_hello"]
    assert not check.ok and not report.ok
    assert report.to_dict()["exercises"][0]["milestones"][1]["ok"] is False
    text = validation_text(report)
    assert "    milestone 1: passable (1 later functions stubbed)" in text
    assert "    milestone 2: NOT PASSABLE with only its own code (1 later functions stubbed)" in text
    assert "      test_hello: GET /hello is not implemented yet (501)." in text


def test_a_milestone_with_nothing_to_stub_is_judged_by_the_reference_run(course: Course) -> None:
    mark_greeting(course, 2)
    main = course.solution_dir(course.find("hello-api")) / "hello" / "__main__.py"
    main.write_text(main.read_text(encoding="utf-8").replace('"world"', '"there"'), encoding="utf-8")
    report = validate_course(course, [])
    (check,) = report.exercises
    assert check.reference_status == "failed"
    # Milestone 1 ran on its own (greeting stubbed); milestone 2's code is the reference's, whose
    # run failed test_hello: it is not passable either, for the same reason.
    assert [(p.milestone, p.status, p.stubbed) for p in check.milestones] == [
        (1, "passed", ("hello/__main__.py:greeting",)),
        (2, "failed", ()),
    ]
    assert [line.split(":")[0] for line in check.milestones[1].failed] == ["test_hello"]
