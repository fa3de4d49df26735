"""`validate` proves the hidden suites: the reference passes, the starter and every mistake fail."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from grader.course.manifest import Course, load_course
from grader.render.terminal import validation_text
from grader.validate import ExerciseCheck, ValidationReport, grader_faults, stray_folders, validate_course
from grader.validate_runs import MistakeCheck, exercise_runs, mistake_name
from tests.helpers import copy_course, isolate


@pytest.fixture(scope="module")
def validated(
    tmp_path_factory: pytest.TempPathFactory, suite_id_cache: Path
) -> tuple[Course, ValidationReport]:
    """The untouched mini course (not in git) validated once, for the tests that only read the result."""
    folder = tmp_path_factory.mktemp("validated")
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(folder, suite_id_cache, monkeypatch)
        course = load_course(copy_course(folder / "course"))
        return course, validate_course(course, [], jobs=3)


def test_mini_course_validates(validated: tuple[Course, ValidationReport]) -> None:
    _, report = validated
    assert report.ok
    assert report.stray_folders == ()
    assert [check.exercise_id for check in report.exercises] == ["leap-year", "doubled", "stack"]
    for check in report.exercises:
        assert check.ok
        assert check.reference_status == "passed"
        assert check.reference_problems == ()
        assert check.starter_status == "not_started"
        assert len(check.mistakes) == 2
        assert all(m.caught and m.caught_by for m in check.mistakes)
    leap = report.exercises[0]
    assert [(m.name, m.caught_by) for m in leap.mistakes] == [
        ("forgets_centuries", ("test_century",)),
        (
            "prints_instead_of_returning",
            ("test_ordinary_leap_year", "test_ordinary_common_year", "test_century", "test_four_hundred"),
        ),
    ]
    assert leap.mistakes[0].mistake == (
        "Mistake: forgets the century rule (every year divisible by 4 is a leap year)."
    )
    data = report.to_dict()
    assert data["ok"] is True
    assert all(entry["ok"] is True for entry in data["exercises"])


def test_an_exercise_is_planned_as_its_grading_runs_each_weighed(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    runs = exercise_runs(mini_course, leap)
    assert [(run.name, run.weight) for run in runs] == [
        ("reference", 1.0),
        ("starter", 1.0),
        ("mistake forgets_centuries", 1.0),
        ("mistake prints_instead_of_returning", 1.0),
    ]
    mistakes = mini_course.suite_dir(leap) / "mistakes"
    (mistakes / "another.py").write_text('"""Mistake: another."""\n', encoding="utf-8")
    (mini_course.suite_dir(leap) / "test_leap_year_instructor.py").write_text("", encoding="utf-8")
    runs = exercise_runs(mini_course, leap)
    # The reference once more with the public tests alone, and each variant graded twice.
    assert [(run.name, run.weight) for run in runs] == [
        ("reference", 1.0),
        ("public", 1.0),
        ("starter", 1.0),
        ("mistake another", 2.0),
        ("mistake forgets_centuries", 2.0),
        ("mistake prints_instead_of_returning", 2.0),
    ]


def test_a_mistake_the_suite_does_not_catch_is_named(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    solution = (mini_course.solution_dir(leap) / "leap_year.py").read_text(encoding="utf-8")
    variant = mini_course.suite_dir(leap) / "mistakes" / "same_as_solution.py"
    variant.write_text('"""Mistake: none at all, it is the solution."""\n' + solution, encoding="utf-8")
    report = validate_course(mini_course, [leap])
    assert not report.ok
    (check,) = report.exercises
    assert not check.ok
    assert check.reference_status == "passed"
    uncaught = [m for m in check.mistakes if not m.caught]
    assert [(m.name, m.status, m.caught_by) for m in uncaught] == [("same_as_solution", "passed", ())]
    assert uncaught[0].mistake == "Mistake: none at all, it is the solution."
    assert report.to_dict()["exercises"][0]["ok"] is False


def test_a_failing_reference_is_reported_with_its_problems(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    (mini_course.solution_dir(leap) / "leap_year.py").write_text(
        "def leap_year(year):\n    return year % 4 == 0\n", encoding="utf-8"
    )
    (check,) = validate_course(mini_course, [leap]).exercises
    assert not check.ok
    assert check.reference_status == "failed"
    assert check.reference_problems == ("test_century: Called leap_year(1900); got True, expected False.",)


def test_a_starter_that_passes_is_not_ok(mini_course: Course) -> None:
    doubled = mini_course.find("doubled")
    shutil.copyfile(
        mini_course.solution_dir(doubled) / "doubled.py", mini_course.exercise_dir(doubled) / "doubled.py"
    )
    (check,) = validate_course(mini_course, [doubled]).exercises
    assert check.starter_status == "passed"
    assert not check.ok


def test_an_exercise_without_mistakes_is_not_ok(mini_course: Course) -> None:
    stack = mini_course.find("stack")
    shutil.rmtree(mini_course.suite_dir(stack) / "mistakes")
    (check,) = validate_course(mini_course, [stack]).exercises
    assert check.reference_status == "passed"
    assert check.mistakes == ()
    assert not check.ok


def test_stray_folders_are_detected(mini_course: Course, course_dir: Path) -> None:
    (course_dir / "exercises/01_basics/03_forgotten").mkdir()
    (course_dir / "exercises/03_unlisted_module").mkdir()
    (course_dir / "exercises/01_basics/.hidden").mkdir()
    (course_dir / "exercises/01_basics/__pycache__").mkdir()
    (course_dir / "exercises/01_basics/notes.md").write_text("not a folder", encoding="utf-8")
    expected = ["exercises/01_basics/03_forgotten", "exercises/03_unlisted_module"]
    assert sorted(stray_folders(mini_course)) == expected
    report = validate_course(mini_course, [mini_course.find("leap-year")])
    assert report.exercises[0].ok
    assert sorted(report.stray_folders) == expected
    assert not report.ok
    assert report.to_dict()["ok"] is False


def test_mistake_name_comes_from_the_docstring(tmp_path: Path) -> None:
    named = tmp_path / "named.py"
    named.write_text('"""Mistake: off by one.\n\nMore words."""\n', encoding="utf-8")
    unnamed = tmp_path / "unnamed.py"
    unnamed.write_text('"""Just a docstring."""\n', encoding="utf-8")
    broken = tmp_path / "broken.py"
    broken.write_text("def (:\n", encoding="utf-8")
    assert mistake_name(named) == "Mistake: off by one."
    assert mistake_name(unnamed) == "(no docstring names this mistake)"
    assert mistake_name(broken) == "(no docstring names this mistake)"


def commit_course(root: Path) -> None:
    """Make the course folder a git repository with everything committed, as a clone is."""
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "course"]):
        subprocess.run(
            ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )


def test_the_committed_starter_is_checked_not_the_learners_working_file(
    mini_course: Course, course_dir: Path
) -> None:
    commit_course(course_dir)
    doubled = mini_course.find("doubled")
    # The learner has solved the exercise in their clone: the working file passes.
    shutil.copyfile(
        mini_course.solution_dir(doubled) / "doubled.py", mini_course.exercise_dir(doubled) / "doubled.py"
    )
    (check,) = validate_course(mini_course, [doubled]).exercises
    assert check.starter_status == "not_started"
    assert check.ok
    assert "committed starter" in check.starter_note
    assert "the working copy differs" in check.starter_note
    text = validation_text(ValidationReport((check,), ()))
    assert "starter not started" in text
    assert "note: checked the committed starter (the branch's upstream, else HEAD); the working" in text


def test_an_untouched_committed_starter_needs_no_note(mini_course: Course, course_dir: Path) -> None:
    commit_course(course_dir)
    (check,) = validate_course(mini_course, [mini_course.find("leap-year")]).exercises
    assert check.ok
    assert check.starter_status == "not_started"
    assert check.starter_note == ""
    assert "note:" not in validation_text(ValidationReport((check,), ()))


def test_outside_git_the_working_starter_is_checked_with_a_note(
    validated: tuple[Course, ValidationReport],
) -> None:
    check = validated[1].exercises[0]
    assert check.exercise_id == "leap-year"
    assert check.ok
    assert check.starter_status == "not_started"
    assert check.starter_note.startswith("checked the working copy of the starter: ")
    assert "not in git" in check.starter_note
    assert check.starter_note in validation_text(ValidationReport((check,), ()))
    assert ValidationReport((check,), ()).to_dict()["exercises"][0]["starter_note"] == check.starter_note


def test_a_learners_own_commit_is_not_taken_for_the_starter(course_dir: Path, tmp_path: Path) -> None:
    commit_course(course_dir)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(course_dir), str(clone)], check=True, capture_output=True)
    course = load_course(clone)
    doubled = course.find("doubled")
    shutil.copyfile(course.solution_dir(doubled) / "doubled.py", course.exercise_dir(doubled) / "doubled.py")
    subprocess.run(
        ["git", "-c", "user.name=Learner", "-c", "user.email=l@example.org", "commit", "-qam", "solved"],
        cwd=clone,
        check=True,
        capture_output=True,
    )
    (check,) = validate_course(course, [doubled]).exercises
    assert check.starter_status == "not_started"
    assert "the working copy differs" in check.starter_note


def test_a_test_the_grader_failed_on_fails_validation() -> None:
    """No reference, starter or known mistake may read "the grader itself failed": that is never theirs."""
    blamed = SimpleNamespace(name="test_top_three", message="The grader itself failed on this test (x) ...")
    fine = SimpleNamespace(name="test_total", message="Called total([1]); got None, expected 1.")
    feedback = SimpleNamespace(tests=[blamed, fine])
    assert grader_faults("starter", feedback) == [  # type: ignore[arg-type]
        "starter, test_top_three: The grader itself failed on this test (x) ..."
    ]
    mistake = MistakeCheck("stub", "Mistake: a stub.", "failed", ("test_top_three",))
    check = ExerciseCheck("scores", "passed", (), "not_started", (mistake,), public_tests=1)
    assert check.ok
    faulty = ExerciseCheck(
        "scores", "passed", (), "not_started", (mistake,), public_tests=1, grader_faults=("starter, x: y",)
    )
    assert not faulty.ok
    assert "the grader itself failed: starter, x: y" in validation_text(ValidationReport((faulty,), ()))


def test_validate_records_each_variants_fingerprint_and_proves_its_hints(
    validated: tuple[Course, ValidationReport],
) -> None:
    mini_course, report = validated
    leap = mini_course.find("leap-year")
    check = report.exercises[0]
    assert check.exercise_id == leap.id
    assert check.ok
    century = "A year divisible by 100 is not a leap year unless it is also divisible by 400."
    forgets = next(m for m in check.mistakes if m.name == "forgets_centuries")
    assert forgets.hints == (century,)
    assert century in forgets.hints_shown
    (hint,) = check.hints
    assert (hint.written_for, hint.fires_on, hint.ok) == (
        ("forgets_centuries",),
        ("forgets_centuries",),
        True,
    )
    record = json.loads((mini_course.suite_dir(leap) / "known_mistakes.json").read_text(encoding="utf-8"))
    by_variant = {entry["variant"]: entry for entry in record["mistakes"]}
    assert by_variant["forgets_centuries"]["fingerprint"]["test_century"] == "wrong_value: True"
    assert by_variant["forgets_centuries"]["hints"] == [century]


def test_a_hint_that_fires_on_a_variant_it_was_not_written_for_fails_validate(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    variant = mini_course.suite_dir(leap) / "mistakes" / "forgets_centuries.py"
    text = variant.read_text(encoding="utf-8")
    variant.write_text(text.split("\n\nHint:")[0] + '\n"""\n' + text.split('"""', 2)[2], encoding="utf-8")
    report = validate_course(mini_course, [leap])
    assert not report.ok
    (hint,) = report.exercises[0].hints
    assert hint.misfires == ("forgets_centuries",)
    assert "HINT FIRES ON forgets_centuries, not written for it" in validation_text(report)
    assert report.to_dict()["exercises"][0]["hints"][0]["misfires"] == ["forgets_centuries"]


def test_a_hint_with_no_evidence_behind_it_is_refused(mini_course: Course) -> None:
    doubled = mini_course.find("doubled")
    suite = next(mini_course.suite_dir(doubled).glob("test_*.py"))
    text = suite.read_text(encoding="utf-8").replace(', when="mutated_input"', "")
    suite.write_text(text, encoding="utf-8")
    (check,) = validate_course(mini_course, [doubled]).exercises
    assert not check.ok
    assert "has no evidence" in " ".join(check.reference_problems)


def test_a_race_variants_record_keeps_every_outcome_validate_saw(mini_course: Course) -> None:
    leap = mini_course.find("leap-year")
    variant = mini_course.suite_dir(leap) / "mistakes" / "forgets_centuries.py"
    text = variant.read_text(encoding="utf-8")
    variant.write_text(text.replace('\n"""', '\n\nTiming: say a race decided it.\n"""', 1), encoding="utf-8")
    first = validate_course(mini_course, [leap])
    assert first.ok, validation_text(first)
    path = mini_course.suite_dir(leap) / "known_mistakes.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    by_variant = {entry["variant"]: entry for entry in record["mistakes"]}
    passing = [name for name, sig in by_variant["forgets_centuries"]["fingerprint"].items() if not sig]
    printed = by_variant["prints_instead_of_returning"]["fingerprint"][passing[0]]
    # As if an earlier validate had seen the race reach one more test of each variant.
    for entry in record["mistakes"]:
        entry["fingerprint"][passing[0]] = "wrong_value: False"
    path.write_text(json.dumps(record), encoding="utf-8")

    (check,) = validate_course(mini_course, [leap]).exercises
    assert check.ok
    settled = {
        e["variant"]: e["fingerprint"] for e in json.loads(path.read_text(encoding="utf-8"))["mistakes"]
    }
    assert settled["forgets_centuries"][passing[0]] == ["", "wrong_value: False"]
    assert settled["forgets_centuries"]["test_century"] == "wrong_value: True"  # still exact
    assert settled["prints_instead_of_returning"][passing[0]] == printed  # no Timing: this run's alone
    forgets = next(m for m in check.mistakes if m.name == "forgets_centuries")
    assert forgets.timing == ("say a race decided it.",)
    assert any("divisible by 400" in hint for hint in forgets.hints_shown)
