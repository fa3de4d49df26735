"""The original program: which one each kind compares with, staged and run behind the boundary."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

from grader.course.manifest import Course, load_course
from grader.kinds.original import original_program
from tests.helpers import LEAP_YEAR, by_name, grade_text

BUGGY = "def leap_year(year):\n    return year % 4 == 0\n"
# Special-cases the year the bug report named: the mini suite's four years pass, other centuries do not.
SPECIAL_CASED = "def leap_year(year):\n    if year == 1900:\n        return False\n    return year % 4 == 0\n"
AGREES = '''\
from hypothesis import strategies as st

from grader.kinds.differential import same_behaviour


def test_any_year(learner, original):
    """Any year from 1 to 3000, centuries often, gives what a correct version gives."""
    years = st.one_of(st.integers(1, 3000), st.integers(1, 30).map(lambda century: century * 100))
    same_behaviour(learner.leap_year, original.leap_year, years, label="a correct version")
'''


def as_kind(course_dir: Path, kind: str, commit: bool = False) -> Course:
    """Make the mini course's leap-year an exercise of ``kind`` with a buggy starter."""
    manifest = course_dir / "exercises/course.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('kind = "implement"', f'kind = "{kind}"', 1), encoding="utf-8")
    (course_dir / "exercises/01_basics/01_leap_year/leap_year.py").write_text(BUGGY, encoding="utf-8")
    if commit:
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "course"]):
            subprocess.run(
                ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
                cwd=course_dir,
                check=True,
                capture_output=True,
            )
    return load_course(course_dir)


def test_a_debug_exercise_is_compared_with_the_reference(course_dir: Path) -> None:
    course = as_kind(course_dir, "debug")
    files = original_program(course, course.find("leap-year"))
    assert files == {
        "leap_year.py": (course_dir / "solutions/01_basics/01_leap_year/leap_year.py").read_bytes()
    }


def test_a_refactor_is_compared_with_the_committed_starter(course_dir: Path) -> None:
    course = as_kind(course_dir, "debug", commit=True)
    refactor = replace(course.find("leap-year"), kind="refactor")  # the kind alone decides the original
    (course_dir / "exercises/01_basics/01_leap_year/leap_year.py").write_text("# mine\n", encoding="utf-8")
    assert original_program(course, refactor) == {"leap_year.py": BUGGY.encode()}


def test_outside_git_a_refactor_is_compared_with_the_reference(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    refactor = replace(exercise, kind="refactor")
    reference = mini_course.solution_dir(exercise) / "leap_year.py"
    assert original_program(mini_course, refactor) == {"leap_year.py": reference.read_bytes()}


def test_an_implement_exercise_has_no_original(mini_course: Course) -> None:
    assert original_program(mini_course, mini_course.find("leap-year")) == {}


def test_a_special_cased_fix_differs_from_the_reference_on_another_century(course_dir: Path) -> None:
    course = as_kind(course_dir, "debug")
    (course_dir / "grader/suites/01_basics/01_leap_year/test_agrees.py").write_text(AGREES, encoding="utf-8")
    tests = by_name(grade_text(course, "leap-year", SPECIAL_CASED))
    assert [name for name, test in tests.items() if test.status != "passed"] == ["test_any_year"]
    shown = re.fullmatch(
        r"Called leap_year\((\d+)\); got True, expected False, as a correct version returns\.",
        tests["test_any_year"].message,
    )
    assert shown is not None, tests["test_any_year"].message
    year = int(shown.group(1))
    assert year % 100 == 0 and year % 400 != 0 and year != 1900
    assert by_name(grade_text(course, "leap-year", LEAP_YEAR))["test_any_year"].status == "passed"


def test_a_suite_that_needs_an_original_fails_where_the_kind_has_none(course_dir: Path) -> None:
    (course_dir / "grader/suites/01_basics/01_leap_year/test_agrees.py").write_text(AGREES, encoding="utf-8")
    test = by_name(grade_text(load_course(course_dir), "leap-year", LEAP_YEAR))["test_any_year"]
    assert test.status == "error"
    assert "compares with the original, and it has none" in test.message
