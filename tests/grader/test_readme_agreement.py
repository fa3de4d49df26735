"""Suites and READMEs agree: the wording a suite demands is found where the learner reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.course.manifest import Course
from grader.readme_agreement import Unstated, demanded_patterns, phrases, unstated_phrases
from grader.validate import ExerciseCheck
from grader.validate_runs import MistakeCheck

SUITE = """
import pytest

from grader.testkit import call

TOO_EARLY = "years before 1583 are not Gregorian"


def test_refuses_text(learner):
    call(learner.leap_year, "2024").raises(TypeError, match="year must be an int, got str")


def test_refuses_early_years(learner):
    call(learner.leap_year, 1200).raises(ValueError, match=TOO_EARLY)


@pytest.mark.parametrize(("year", "message"), [(0, "no year zero in this calendar"), (-5, "negative")])
def test_refuses_impossible_years(learner, year, message):
    call(learner.leap_year, year).raises(ValueError, match=message)


def test_names_the_year(learner):
    wanted = f"cannot place year {-1} on the calendar"
    call(learner.leap_year, -1).raises(ValueError, match=wanted)
    call(learner.leap_year, 1.5).raises(TypeError, match="float|int")
"""


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("hour", []),  # a single word names what is wrong: any message with it will do
        ("digit|hour", []),
        ("percent must be an int, got float", ["percent must be an"]),
        ("line 2: unknown coupon 'HALF'", ["unknown coupon"]),
        ("price must be a whole number of cents, got '0.5'", ["price must be a whole number of cents, got"]),
        ("order must be text, got list", ["order must be text, got"]),
        (r"must be between 0 and 100, got \d+", ["must be between"]),
        (re.escape("a.b c (d e)"), ["a.b c (d e)"]),  # escaped marks are the marks themselves
        (re.escape("costs 5.00 (with tax)"), ["(with tax)"]),
        ("cannot place year (...) on the calendar", ["cannot place year", "on the calendar"]),
    ],
)
def test_the_phrases_a_pattern_demands_word_for_word(pattern: str, expected: list[str]) -> None:
    assert phrases(pattern) == expected


def test_patterns_are_read_from_strings_constants_locals_and_parameters() -> None:
    assert demanded_patterns(SUITE) == [
        (10, "year must be an int, got str"),
        (14, "years before 1583 are not Gregorian"),
        (19, "negative"),
        (19, "no year zero in this calendar"),
        (24, "cannot place year (...) on the calendar"),
        (25, "float|int"),
    ]


def test_wording_the_learner_is_never_told_is_listed(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    (mini_course.suite_dir(exercise) / "test_years.py").write_text(SUITE, encoding="utf-8")
    found = unstated_phrases(mini_course, exercise)
    assert [str(u) for u in found if u.what == "message"] == [
        "test_years.py:10 demands the message 'year must be an int, got str'; "
        "the README and the starter never say 'year must be an'",
        "test_years.py:14 demands the message 'years before 1583 are not Gregorian'; "
        "the README and the starter never say 'years before'",
        "test_years.py:14 demands the message 'years before 1583 are not Gregorian'; "
        "the README and the starter never say 'are not Gregorian'",
        "test_years.py:19 demands the message 'no year zero in this calendar'; "
        "the README and the starter never say 'no year zero in this calendar'",
        "test_years.py:24 demands the message 'cannot place year (...) on the calendar'; "
        "the README and the starter never say 'cannot place year'",
        "test_years.py:24 demands the message 'cannot place year (...) on the calendar'; "
        "the README and the starter never say 'on the calendar'",
    ]
    assert [str(u) for u in found if u.what == "exception"] == [
        "test_years.py:10 demands TypeError; the README and the starter never name it",
        "test_years.py:14 demands ValueError; the README and the starter never name it",
        "test_years.py:19 demands ValueError; the README and the starter never name it",
        "test_years.py:24 demands ValueError; the README and the starter never name it",
        "test_years.py:25 demands TypeError; the README and the starter never name it",
    ]


def test_an_exception_type_must_be_named_beside_the_message_it_comes_with(mini_course: Course) -> None:
    """build-url's TypeError for a base that is not text: the type beside the wording, not elsewhere."""
    exercise = mini_course.find("leap-year")
    suite = (
        'def test_text(learner):\n    call(learner.leap_year, "x").raises(TypeError, match="year is whole")\n'
    )
    (mini_course.suite_dir(exercise) / "test_years.py").write_text(suite, encoding="utf-8")
    readme = mini_course.exercise_dir(exercise) / "README.md"
    before = readme.read_text(encoding="utf-8")
    readme.write_text(before + "\n## Errors\n\nSay: year is whole.\n\n## Types\n\nTypeError.\n")
    assert [str(u) for u in unstated_phrases(mini_course, exercise)] == [
        "test_years.py:2 demands TypeError with the message 'year is whole'; "
        "the README and the starter never name TypeError where they say it"
    ]
    readme.write_text(before + "\n## Errors\n\nA `TypeError` says: year is whole.\n")
    assert unstated_phrases(mini_course, exercise) == ()


def test_a_word_the_learner_must_make_up_is_stated_an_echoed_one_need_not_be(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    suite = (
        "def test_words(learner):\n"
        '    call(learner.label, 2024).returns("Leap Day")\n'
        '    call(learner.label, "Ada").returns("Ada")\n'
        '    call(learner.label, 2023).returns("https://example.com/2023")\n'
    )
    (mini_course.suite_dir(exercise) / "test_years.py").write_text(suite, encoding="utf-8")
    assert [str(u) for u in unstated_phrases(mini_course, exercise)] == [
        "test_years.py:2 expects 'Leap Day' back; the README and the starter never show it"
    ]
    readme = mini_course.exercise_dir(exercise) / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + '\nA leap year is labelled `"leap day"`.\n')
    assert unstated_phrases(mini_course, exercise) == ()


def test_wording_in_the_readme_or_the_starter_is_stated(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    (mini_course.suite_dir(exercise) / "test_years.py").write_text(SUITE, encoding="utf-8")
    readme = mini_course.exercise_dir(exercise) / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8")
        + "\nA year that is not an `int` raises `TypeError: Year must be an int, got str`;\n"
        "`ValueError`s: *years before* 1583 *are not Gregorian*, there is no year zero in this calendar,\n"
        "and we cannot place year -1 on the calendar.\n",
        encoding="utf-8",
    )
    assert unstated_phrases(mini_course, exercise) == ()


def test_wording_found_only_in_the_starter_code_is_stated(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    suite = (
        'def test_text(learner):\n    call(learner.leap_year, "x").raises(TypeError, match="year is whole")\n'
    )
    (mini_course.suite_dir(exercise) / "test_years.py").write_text(suite, encoding="utf-8")
    assert [u.what for u in unstated_phrases(mini_course, exercise)] == ["message", "exception"]
    starter = Path(mini_course.exercise_dir(exercise) / "leap_year.py")
    starter.write_text(starter.read_text(encoding="utf-8") + '\n# raise TypeError("year is whole")\n')
    assert unstated_phrases(mini_course, exercise) == ()


def test_an_unstated_phrase_fails_validation() -> None:
    caught = (MistakeCheck("forgets_centuries", "Mistake: forgets centuries.", "failed", ("test_century",)),)
    stated = ExerciseCheck("leap-year", "passed", (), "not_started", caught, public_tests=4)
    assert stated.ok is True
    unstated = Unstated("test_years.py:10", "year must be an int, got str", "year must be an")
    check = ExerciseCheck(
        "leap-year", "passed", (), "not_started", caught, public_tests=4, unstated=(unstated,)
    )
    assert check.ok is False
    assert check.unstated[0].to_dict() == {
        "test": "test_years.py:10",
        "pattern": "year must be an int, got str",
        "phrase": "year must be an",
        "what": "message",
    }
