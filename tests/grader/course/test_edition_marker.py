"""Instructor-only test files: selected out of public runs, counted for learner editions."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.edition_marker import (
    Edition,
    has_instructor_tests,
    is_instructor_file,
    local_checks_note,
    read_edition,
    write_edition,
)
from grader.course.manifest import load_course
from grader.edition.release import ReleaseError, release_course
from grader.pipeline.suite_ids import expected_test_ids
from grader.render.terminal import validation_text
from grader.validate import ValidationReport, validate_exercise

REPO = Path(__file__).resolve().parents[3]


def test_the_file_convention() -> None:
    assert is_instructor_file(Path("suite/test_letter_grade_instructor.py"))
    assert not is_instructor_file(Path("suite/test_letter_grade.py"))
    assert not is_instructor_file(Path("suite/instructor.py"))
    assert not is_instructor_file(Path("suite/helper_instructor.py"))


def test_public_ids_leave_out_exactly_the_instructor_files() -> None:
    course = load_course(REPO)
    exercise = course.find("order-status")
    assert has_instructor_tests(course.suite_dir(exercise))
    full = expected_test_ids(course, exercise, None)
    public = expected_test_ids(course, exercise, None, public_only=True)
    hidden = sorted(set(full) - set(public))
    assert set(public) < set(full)
    assert hidden == [
        "suite/test_order_status_instructor.py::test_every_move_outside_the_table_is_refused",
        "suite/test_order_status_instructor.py::test_the_status_is_checked_before_the_event",
    ]
    assert not any("_instructor.py" in test_id for test_id in public)


def test_edition_round_trip_and_note(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    assert read_edition(tmp_path) is None
    write_edition(tmp_path, Edition("learner", False, {"order-status": 2}, "ask"))
    edition = read_edition(tmp_path)
    assert edition == Edition("learner", False, {"order-status": 2}, "ask")
    note = local_checks_note(edition, "order-status", 16)
    assert note == "16 checks passed here; your instructor's grading runs 2 more."
    assert local_checks_note(edition, "fizzbuzz", 5) == ""
    assert local_checks_note(None, "order-status", 5) == ""


def test_a_broken_edition_file_means_the_full_course(tmp_path: Path) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / ".edition").write_text("{not json", encoding="utf-8")
    assert read_edition(tmp_path) is None


def only_instructor_tests(course_dir: Path) -> None:
    """Make every leap-year test instructor-only."""
    suite = course_dir / "grader" / "suites" / "01_basics" / "01_leap_year"
    (suite / "test_leap_year.py").rename(suite / "test_leap_year_instructor.py")


def test_validate_fails_an_exercise_without_a_public_test(course_dir: Path) -> None:
    only_instructor_tests(course_dir)
    course = load_course(course_dir)
    check = validate_exercise(course, course.find("leap-year"))
    assert (check.public_tests, check.hidden_tests) == (0, 4)
    assert check.reference_status == "passed" and all(m.caught for m in check.mistakes)
    assert not check.ok
    text = validation_text(ValidationReport((check,), ()))
    assert "no public test: a learner edition could not check it" in text


def test_release_refuses_an_exercise_without_a_public_test(course_dir: Path, tmp_path: Path) -> None:
    only_instructor_tests(course_dir)
    with pytest.raises(ReleaseError, match="every test of leap-year is instructor-only"):
        release_course(load_course(course_dir), tmp_path / "release")
    assert not (tmp_path / "release").exists()
