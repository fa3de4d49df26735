"""grader import-tests: a folder of exercises in the common layout becomes a course with plain suites."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import load_course
from grader.plain.import_tests import ImportProblem, import_exercises
from grader.validate import validate_course
from tests.helpers import FIXTURES, by_name, grade_text

SOURCE = FIXTURES / "plain_exercises"


def test_import_reports_what_it_made_and_what_it_could_not(tmp_path: Path) -> None:
    report = import_exercises(SOURCE, tmp_path / "course")
    assert report.imported == ("clamp", "hello-name", "patched-rate", "word-count")
    assert report.skipped == ("no-reference: no reference solution (.meta/example.py)",)
    assert len(report.notes) == 1 and report.notes[0].startswith("patched-rate: refused: test_rate.py:5:")
    suite = tmp_path / "course/grader/suites/01_imported/01_clamp"
    assert sorted(p.name for p in suite.iterdir()) == ["mistakes", "test_exercise.py"]


def test_imported_course_validates_except_what_is_refused(tmp_path: Path) -> None:
    import_exercises(SOURCE, tmp_path / "course")
    report = validate_course(load_course(tmp_path / "course"), [])
    ok = {check.exercise_id: check.ok for check in report.exercises}
    assert ok == {"clamp": True, "hello-name": True, "patched-rate": False, "word-count": True}
    refused = next(c for c in report.exercises if c.exercise_id == "patched-rate").suite_problems
    assert "monkeypatching it would test nothing" in refused[0]


def test_imported_course_grades_a_learner_with_our_feedback(tmp_path: Path) -> None:
    import_exercises(SOURCE, tmp_path / "course")
    course = load_course(tmp_path / "course")
    clamp = by_name(grade_text(course, "clamp", "def clamp(value, low, high):\n    return max(low, value)\n"))
    assert clamp["test_above_comes_down_to_high"].message == "Called clamp(99, 0, 10); got 99, expected 10."
    assert clamp["test_inside_stays"].status == "passed"
    hello = by_name(grade_text(course, "hello-name", "def hello(name):\n    return 'Hello, ' + name + '!'\n"))
    assert hello["test_empty_name_is_refused"].message == (
        "Called hello(''); it returned 'Hello, !', expected it to raise ValueError."
    )
    assert hello["test_greets_by_name[Ann-Hello, Ann!]"].description == ("greets by name (Ann-Hello, Ann!).")


def test_import_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "course").mkdir()
    (tmp_path / "course" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ImportProblem, match="not empty"):
        import_exercises(SOURCE, tmp_path / "course")


def test_import_command_says_what_it_did(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["import-tests", str(SOURCE), "--out", str(tmp_path / "course")])
    assert result.exit_code == 0, result.output
    assert "Imported 4 exercises" in result.output
    assert "not converted: no-reference" in result.output
