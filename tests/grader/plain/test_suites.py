"""Plain pytest suites (``from leap_year import leap_year``) graded behind the process boundary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.course.manifest import Course, Exercise, load_course
from grader.feedback.model import Feedback
from grader.pipeline.grading import grade
from grader.validate_runs import mistake_paths
from tests.helpers import FIXTURES, by_name, copy_course, grade_text

REPO = Path(__file__).resolve().parents[3]
PLAIN_IDS = ("leap-year", "fizzbuzz", "running-totals")


@pytest.fixture(scope="module")
def plain_course(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return load_course(copy_course(tmp_path_factory.mktemp("plain") / "course", FIXTURES / "plain_course"))


def graded_variants(course: Course, exercise: Exercise, tmp: Path) -> dict[str, Feedback]:
    """Grade the reference, the starter and every known-wrong variant of the real course."""
    real = load_course(REPO)
    original = real.find(exercise.id)
    results = {
        "reference": grade(course, exercise, real.solution_dir(original)),
        "starter": grade(course, exercise, real.exercise_dir(original)),
    }
    for variant in mistake_paths(real, original):
        folder = tmp / variant.stem
        shutil.copytree(real.solution_dir(original), folder)
        shutil.copyfile(variant, folder / original.files[0])
        results[variant.stem] = grade(course, exercise, folder)
    return results


@pytest.mark.parametrize("exercise_id", PLAIN_IDS)
def test_plain_suite_scores_like_the_testkit_suite(
    plain_course: Course, exercise_id: str, tmp_path: Path
) -> None:
    real = load_course(REPO)
    plain = graded_variants(plain_course, plain_course.find(exercise_id), tmp_path / "plain")
    testkit = graded_variants(real, real.find(exercise_id), tmp_path / "testkit")
    assert {k: (f.status, f.score) for k, f in plain.items()} == {
        k: (f.status, f.score) for k, f in testkit.items()
    }
    assert plain["reference"].score == 10.0 and len(plain) >= 5


def test_failed_plain_assert_names_the_call(plain_course: Course) -> None:
    feedback = grade_text(plain_course, "running-totals", "def running_totals(numbers):\n    return [0]\n")
    test = by_name(feedback)["test_totals_of_a_short_list"]
    assert test.message == "Called running_totals([1, 2, 3]); got [0], expected [1, 3, 6]."
    assert "assert" not in test.message


def test_wrong_type_is_named(plain_course: Course) -> None:
    source = "def leap_year(year):\n    return int(year % 4 == 0)\n"
    test = by_name(grade_text(plain_course, "leap-year", source))["test_answer_is_a_bool"]
    assert test.message == "Called leap_year(1996); got 1 (an int), expected True (a bool)."


def test_printed_instead_of_returned_is_diagnosed(plain_course: Course) -> None:
    source = (
        "def fizzbuzz(n):\n    for i in range(1, n + 1):\n        print(i if i % 3 and i % 5 else 'Fizz')\n"
    )
    test = by_name(grade_text(plain_course, "fizzbuzz", source))["test_numbers_are_strings"]
    assert "you printed the result instead of returning it" in test.message


def test_changed_input_list_is_diagnosed(plain_course: Course) -> None:
    source = (
        "def running_totals(numbers):\n    for i in range(1, len(numbers)):\n"
        "        numbers[i] += numbers[i - 1]\n    return list(numbers)\n"
    )
    test = by_name(grade_text(plain_course, "running-totals", source))["test_input_list_is_not_changed"]
    assert test.message.startswith(
        "Called running_totals([4, 5, 6]); argument 1 was changed from [4, 5, 6] to [4, 9, 15]."
    )


def test_descriptions_come_from_names_and_cases(plain_course: Course) -> None:
    feedback = grade(
        plain_course, plain_course.find("fizzbuzz"), plain_course.solution_dir(plain_course.find("fizzbuzz"))
    )
    descriptions = {t.name: t.description for t in feedback.tests}
    assert descriptions["test_one_item_per_number"] == "one item per number"
    assert descriptions["test_short_games[1-said1]"] == "Short games say the right words (1-said1)."


def test_a_suites_change_to_a_returned_value_reaches_the_learners_state(tmp_path: Path) -> None:
    """As under plain pytest: a shelf that hands out its own dicts fails; one that copies passes."""
    course = load_course(copy_course(tmp_path / "course", FIXTURES / "sharing_course"))
    exercise = course.find("shelf")
    assert grade(course, exercise, course.solution_dir(exercise)).score == 10
    folder = tmp_path / "mistake"
    folder.mkdir()
    shutil.copyfile(course.suite_dir(exercise) / "mistakes" / "hands_out_its_books.py", folder / "shelf.py")
    results = by_name(grade(course, exercise, folder))
    assert results["test_added_books_can_be_got_again"].status == "passed"
    changed = results["test_changing_a_book_got_back_leaves_the_shelf_alone"]
    assert changed.status == "failed"
    assert changed.message == (
        "The test compared 'changed' == 'Dune', and that was not true. Note that Shelf().add('Dune') "
        "returned an object your code keeps (self._books[1]), not a copy: a change the test made to "
        "what it got back changed your stored data too."
    )
    assert changed.diagnosis == "shared_state"
