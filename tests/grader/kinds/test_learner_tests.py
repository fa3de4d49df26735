"""Write-tests exercises: the learner's own tests run against correct and planted-bug versions.

Uses ``tests/fixtures/write_tests_course``: the learner tests ``absolute()``;
the suite holds a correct implementation and two with planted bugs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.kinds import learner_tests
from grader.pipeline.grading import grade
from grader.validate import validate_course
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

CORRECT = "test_your_tests_pass_on_correct_code"
NEGATES = "test_your_tests_catch_a_planted_bug[negates_everything]"
FORGETS = "test_your_tests_catch_a_planted_bug[forgets_zero_and_negatives]"


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return load_course(copy_course(tmp_path / "course", FIXTURES / "write_tests_course"))


def test_good_tests_pass_everything(course: Course) -> None:
    exercise = course.find("test-absolute")
    feedback = grade(course, exercise, course.solution_dir(exercise))
    assert feedback.status == "passed"
    assert feedback.score == 10


def test_no_tests_yet_is_not_started(course: Course) -> None:
    feedback = grade(course, course.find("test-absolute"))
    assert feedback.status == "not_started"
    assert by_name(feedback)[CORRECT].message == "You have not written any tests yet (pytest found none)."


def test_a_missed_bug_is_named(course: Course) -> None:
    source = "from absolute import absolute\n\ndef test_positive():\n    assert absolute(3) == 3\n"
    tests = by_name(grade_text(course, "test-absolute", source))
    assert tests[CORRECT].status == "passed"
    assert tests[NEGATES].status == "passed"
    assert tests[FORGETS].status == "failed"
    assert tests[FORGETS].message == (
        "Your tests all pass on a version with a bug: it returns positive numbers unchanged and 1 "
        "for everything else. Add a test that this version would fail."
    )


def test_tests_that_fail_on_correct_code_are_called_out(course: Course) -> None:
    source = "from absolute import absolute\n\ndef test_negative():\n    assert absolute(-2) == -2\n"
    tests = by_name(grade_text(course, "test-absolute", source))
    assert tests[CORRECT].status == "failed"
    assert tests[CORRECT].message.startswith("Your tests fail on the correct version of the code")
    assert "assert 2 == -2" in tests[CORRECT].output
    # Failing everywhere is not catching bugs.
    for bug in (NEGATES, FORGETS):
        assert tests[bug].status == "failed"
        assert tests[bug].message.startswith("Your tests fail on the correct version, so catching this bug")


def test_tests_that_never_finish_time_out(course: Course) -> None:
    source = "def test_forever():\n    while True:\n        pass\n"
    manifest = course.root / "exercises" / "course.toml"
    manifest.write_text(manifest.read_text() + "call_timeout = 1.0\n")
    feedback = grade_text(load_course(course.root), "test-absolute", source)
    assert {t.status for t in feedback.tests} == {"timeout"}
    assert feedback.status == "timeout"


def test_tests_that_exit_early_do_not_fool_the_bug_checks(course: Course) -> None:
    """A test file that ends pytest with status 0 'passes' everywhere, so it catches no bug."""
    source = "import os\n\nos._exit(0)\n"
    tests = by_name(grade_text(course, "test-absolute", source))
    assert tests[NEGATES].status == "failed"
    assert tests[FORGETS].status == "failed"


def test_validate_covers_write_tests_exercises(course: Course) -> None:
    report = validate_course(course, [])
    assert report.ok
    (check,) = report.exercises
    assert check.starter_status == "not_started"
    caught = {m.name: m.caught_by for m in check.mistakes}
    assert caught == {
        "fails_on_correct_code": (CORRECT, NEGATES, FORGETS),  # bugs only count once correct code passes
        "only_positive_numbers": (FORGETS,),
    }


def test_the_first_run_asked_for_runs_every_implementation(
    course: Course, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Side by side, a few at a time: the suite asks for them all, one test after another.
    monkeypatch.setattr(learner_tests, "FINISHED_RUNS", {})
    exercise = course.find("test-absolute")
    tests = learner_tests.LearnerTests(course.solution_dir(exercise), course.suite_dir(exercise), 30.0)
    assert tests.run("negates_everything").exit_code == learner_tests.EXIT_FAILED
    finished = {name: run.exit_code for (_, name), run in learner_tests.FINISHED_RUNS.items()}
    assert finished == {"negates_everything": 1, "correct": 0, "forgets_zero_and_negatives": 1}
    with pytest.raises(LookupError, match="no implementation 'nope'"):
        tests.run("nope")


def test_a_file_whose_tests_pytest_leaves_out_is_not_called_empty() -> None:
    from grader.feedback.expectations import Mismatch

    nothing_run = learner_tests.TestRun("correct", "", learner_tests.EXIT_NO_TESTS, "no tests ran")
    left_out = ("tset_zero: pytest runs only functions whose names start with test",)
    with pytest.raises(Mismatch) as raised:
        learner_tests.TestRunCheck(nothing_run, nothing_run, left_out).passes()
    assert raised.value.detail["kind"] == "not_started"
    assert raised.value.detail["summary"] == (
        "pytest found no tests in your file.\n"
        "These look like tests, but pytest does not run them:\n"
        "  - tset_zero: pytest runs only functions whose names start with test."
    )
