"""Debug exercises: the size of the fix is measured against the committed starter, one failure is shown."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import click
import pytest

from grader.course.manifest import Course, load_course
from grader.feedback.model import SCHEMA_VERSION, Feedback, TestResult
from grader.kinds.debug import LATER_FAILURE, changed_lines, finish_debug, first_failure_only
from grader.kinds.finish import FINISHERS
from grader.render.json_output import feedback_json
from grader.render.terminal import feedback_text
from tests.helpers import LEAP_YEAR, by_name, grade_text

# Wrong for every ordinary year: three of the mini suite's four tests fail on it.
BUGGY_STARTER = """\
def leap_year(year):
    return year % 4 != 0
"""


def result(name: str, status: str, message: str = "", hint: str = "") -> TestResult:
    points = 1.0 if status == "passed" else 0.0
    where = ("leap_year.py, line 2",)
    return TestResult(name, f"{name} works.", status, message, hint, "printed", points, 1.0, 0.0, None, where)


def feedback(*tests: TestResult) -> Feedback:
    return Feedback(SCHEMA_VERSION, "leap-year", "Leap years", "", "failed", 1.0, 4.0, tests, None, 0.1)


def make_debug_course(root: Path, commit: bool) -> Course:
    """Turn the mini course's leap-year into a debug exercise with a buggy starter."""
    manifest = root / "exercises/course.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('kind = "implement"', 'kind = "debug"', 1), encoding="utf-8")
    (root / "exercises/01_basics/01_leap_year/leap_year.py").write_text(BUGGY_STARTER, encoding="utf-8")
    if commit:
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "course"]):
            subprocess.run(
                ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
                cwd=root,
                check=True,
                capture_output=True,
            )
    return load_course(root)


def test_the_debug_kind_has_a_finisher() -> None:
    assert FINISHERS["debug"] is finish_debug


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("a\nb\nc\n", "a\nb\nc\n", 0),
        ("a\nb\nc\n", "a\nB\nc\n", 1),  # one edited line is one change
        ("a\nb\nc\n", "a\nb\nc", 0),  # a missing final newline is not a change
        ("a\nb\nc\n", "a\nx\ny\nb\nc\n", 2),  # two inserted lines
        ("a\nb\nc\n", "a\nc\n", 1),  # one deleted line
        ("a\nb\nc\n", "a\nX\nY\nZ\nc\n", 3),  # one line replaced by three
        ("a\nb\n", "", 2),
        ("x = 1\n", "x = 1  # fixed: was 2\n", 0),  # comments explain a fix; they are not the fix
        ("x = 1\ny = 2\n", "\n# why\nx  =  1\n\n\ny = 2\n", 0),  # nor are blank lines and spacing
        ("if a:\n    b = 1\n", "if a:\n    pass\nb = 1\n", 2),  # indentation counts
        ("x = (\n", "x = [\n", 1),  # code that does not tokenize is compared as it is
    ],
)
def test_changed_lines_counts_each_edited_line_once(before: str, after: str, expected: int) -> None:
    assert changed_lines(before, after) == expected


def test_only_the_first_failure_keeps_its_explanation() -> None:
    tests = (
        result("test_a", "passed"),
        result("test_b", "failed", "Called f(90); got 'B', expected 'A'.", "Does > include 90?"),
        result("test_c", "passed"),
        result("test_d", "failed", "Called f(80); got 'C', expected 'B'.", "Check 80."),
        result("test_e", "timeout", "Called f(70); it ran too long."),
    )
    original = feedback(*tests)
    shown = first_failure_only(original)
    assert shown.tests[:3] == tests[:3]  # the first failure and the passing tests are untouched
    for later in shown.tests[3:]:
        assert (later.message, later.hint, later.output, later.where) == (LATER_FAILURE, "", "", ())
    assert [t.status for t in shown.tests] == ["passed", "failed", "passed", "failed", "timeout"]
    assert [t.points for t in shown.tests] == [t.points for t in tests]
    assert (shown.status, shown.score) == (original.status, original.score)
    assert first_failure_only(feedback(*tests[:2])) == feedback(*tests[:2])


def test_a_debug_check_shows_one_failure_and_the_size_of_the_fix(mini_course: Course) -> None:
    course = make_debug_course(mini_course.root, commit=True)
    exercise = course.find("leap-year")
    starter = grade_text(course, "leap-year", BUGGY_STARTER)
    tests = by_name(starter)
    assert tests["test_ordinary_leap_year"].message == "Called leap_year(2024); got False, expected True."
    assert tests["test_ordinary_common_year"].message == LATER_FAILURE
    assert tests["test_four_hundred"].message == LATER_FAILURE
    assert tests["test_century"].status == "passed"
    assert [(m.name, m.label, m.value) for m in starter.metrics] == [
        ("lines_changed", "lines of code changed from the starter", 0)
    ]
    fixed = grade_text(course, "leap-year", LEAP_YEAR)
    assert fixed.passed
    assert [m.value for m in fixed.metrics] == [5]  # one line became five
    text = click.unstyle(feedback_text(fixed, exercise, None))
    assert "Your code, measured:\n  lines of code changed from the starter: 5" in text
    data = json.loads(feedback_json(starter))
    assert data["metrics"][0]["value"] == 0
    assert data["tests"][1]["message"] == LATER_FAILURE


def test_without_git_the_size_is_left_out_quietly(mini_course: Course) -> None:
    course = make_debug_course(mini_course.root, commit=False)
    starter = grade_text(course, "leap-year", BUGGY_STARTER)
    assert starter.metrics == ()
    assert by_name(starter)["test_four_hundred"].message == LATER_FAILURE
    text = click.unstyle(feedback_text(starter, course.find("leap-year"), None))
    assert "measured" not in text
    assert "Called leap_year(2024); got False, expected True." in text


def test_other_kinds_show_every_failure(mini_course: Course) -> None:
    starter = grade_text(mini_course, "leap-year", BUGGY_STARTER)
    message = by_name(starter)["test_four_hundred"].message
    assert message == "Called leap_year(2000); got False, expected True."
    assert starter.metrics == ()
