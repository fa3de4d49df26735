"""validate reuses an exercise's runs only while nothing they read has changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import grader.validate
from grader.cli import cli
from grader.course.manifest import Course
from grader.proof_records import ProofRecords
from grader.render.terminal import validation_text
from grader.validate import ValidationReport, validate_course


@pytest.fixture
def graded_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the runs validate hands out to be graded."""
    names: list[str] = []
    real = grader.validate.map_warm

    def counting(work: Any, items: list[Any], weight: Any, jobs: int) -> Any:
        names.extend(item.name for item in items)
        return real(work, items, weight, jobs)

    monkeypatch.setattr(grader.validate, "map_warm", counting)
    return names


def test_an_exercise_that_validated_is_not_graded_again(mini_course: Course, graded_runs: list[str]) -> None:
    leap = mini_course.find("leap-year")
    (first,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    assert first.ok and not first.reused
    assert len(graded_runs) == 4
    (second,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    assert len(graded_runs) == 4  # nothing more was graded
    assert second.ok and second.reused
    assert ValidationReport((second,), ()).to_dict()["exercises"][0]["reused"] is True  # --json says so
    assert second.mistakes == first.mistakes
    assert second.hints == first.hints


def test_a_changed_file_the_runs_read_has_the_exercise_graded_again(
    mini_course: Course, graded_runs: list[str]
) -> None:
    leap = mini_course.find("leap-year")
    validate_course(mini_course, [leap], records=ProofRecords(mini_course))
    solution = (mini_course.solution_dir(leap) / "leap_year.py").read_text(encoding="utf-8")
    variant = mini_course.suite_dir(leap) / "mistakes" / "same_as_solution.py"
    variant.write_text('"""Mistake: none at all, it is the solution."""\n' + solution, encoding="utf-8")
    (check,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    assert not check.reused
    assert not check.ok
    assert graded_runs[4:] == ["mistake same_as_solution"]  # a new variant's run alone


def test_a_changed_variant_has_its_own_run_graded_again_and_no_other(
    mini_course: Course, graded_runs: list[str]
) -> None:
    leap = mini_course.find("leap-year")
    (first,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    variant = mini_course.suite_dir(leap) / "mistakes" / "forgets_centuries.py"
    variant.write_text(variant.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    (second,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    assert graded_runs[len(graded_runs) - 1 :] == ["mistake forgets_centuries"]
    assert second.ok and not second.reused
    assert (second.reused_runs, second.runs) == (first.runs - 1, first.runs)
    assert second.mistakes == first.mistakes
    (third,) = validate_course(mini_course, [leap], records=ProofRecords(mini_course)).exercises
    assert third.reused and len(graded_runs) == first.runs + 1  # the edited run was recorded too
    assert "3 of its 4 runs proved by an earlier validate" in validation_text(ValidationReport((second,), ()))


def test_a_failed_exercise_is_not_recorded(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    (mini_course.solution_dir(leap) / "leap_year.py").write_text(
        "def leap_year(year):\n    return year % 4 == 0\n", encoding="utf-8"
    )
    records = ProofRecords(mini_course)
    (check,) = validate_course(mini_course, [leap], records=records).exercises
    assert not check.ok
    assert records.runs_of(leap) == {}
    assert not list(records.folder.glob("leap-year-*"))


def test_the_digest_follows_every_input_but_the_record_validate_writes(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")

    def digest(ident: str) -> str:  # as a new validate takes it
        return ProofRecords(mini_course).digest(mini_course.find(ident))

    before = digest("leap-year")
    (mini_course.suite_dir(leap) / "known_mistakes.json").write_text("[]\n", encoding="utf-8")
    (mini_course.suite_dir(leap) / "__pycache__").mkdir(exist_ok=True)
    (mini_course.suite_dir(leap) / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert digest("leap-year") == before
    for changed in (
        mini_course.exercise_dir(leap) / "leap_year.py",
        mini_course.solution_dir(leap) / "leap_year.py",
        mini_course.suite_dir(leap) / "test_leap_year.py",
    ):
        text = changed.read_text(encoding="utf-8")
        changed.write_text(text + "\n", encoding="utf-8")
        assert digest("leap-year") != before, changed
        changed.write_text(text, encoding="utf-8")
    assert digest("leap-year") == before
    assert digest("leap-year") != digest("doubled")


def test_runs_are_filed_under_the_files_as_they_were_before_grading(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    records = ProofRecords(mini_course)
    assert records.runs_of(leap) == {}  # what validate asks first, before grading
    solution = mini_course.solution_dir(leap) / "leap_year.py"
    solution.write_text(solution.read_text(encoding="utf-8") + "# edited meanwhile\n", encoding="utf-8")
    records.keep(leap, {"reference": "graded before the edit"})
    assert records.runs_of(leap) == {"reference": "graded before the edit"}
    assert ProofRecords(mini_course).runs_of(leap) == {}  # the next validate grades the edit


def test_an_unreadable_record_is_graded_again(mini_course: Course, graded_runs: list[str]) -> None:
    leap = mini_course.find("leap-year")
    records = ProofRecords(mini_course)
    validate_course(mini_course, [leap], records=records)
    (path,) = records.folder.glob("leap-year-*.pickle")
    path.write_bytes(b"not a record")
    (check,) = validate_course(mini_course, [leap], records=records).exercises
    assert check.ok and not check.reused
    assert len(graded_runs) == 8


def test_the_command_says_what_it_reused_and_fresh_grades_all(course_dir: Path) -> None:
    def validate(*extra: str) -> str:
        result = CliRunner().invoke(cli, ["--course", str(course_dir), "validate", "leap-year", *extra])
        assert result.exit_code == 0, result.output
        return result.output

    assert "earlier validate" not in validate()
    reused = validate()
    assert "proved by an earlier validate: nothing its runs read has changed since" in reused
    assert reused.rstrip().endswith(
        "1 graded by an earlier validate, whose runs are reused (nothing they read has changed): "
        "grader validate --fresh grades every one again."
    )
    assert "earlier validate" not in validate("--fresh")
