"""Terminal rendering, checked against exact text (colour is off outside a terminal)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from grader.course.manifest import Course
from grader.feedback.model import SCHEMA_VERSION, Feedback, TestResult
from grader.render import terminal


def result(name: str, status: str, **fields: object) -> TestResult:
    values: dict = {
        "name": name,
        "description": f"{name} works.",
        "status": status,
        "message": "",
        "hint": "",
        "output": "",
        "points": 1.0 if status == "passed" else 0.0,
        "max_points": 1.0,
        "duration": 0.0,
    }
    values.update(fields)
    return TestResult(**values)


def feedback(tests: tuple[TestResult, ...], status: str = "failed") -> Feedback:
    return Feedback(SCHEMA_VERSION, "leap-year", "Leap years", "", status, 5.0, 10.0, tests, None, 0.1)


def plain(text: str) -> str:
    return click.unstyle(text)


def test_failed_test_shows_message_where_output_and_hint(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    tests = (
        result("test_a", "passed"),
        result(
            "test_b",
            "failed",
            message="Called leap_year(1900); got True, expected False.",
            where=("exercises/x/leap_year.py, line 3, in leap_year: return True",),
            output="checking 1900\n",
            hint="Centuries are special.",
        ),
    )
    text = plain(terminal.feedback_text(feedback(tests), exercise, None))
    marks = terminal.symbols()
    assert text.splitlines() == [
        "Leap years (leap-year)  5/10 points  failed",
        "",
        f"  {marks['passed']} test_a works.",
        f"  {marks['failed']} test_b works.",
        "      Called leap_year(1900); got True, expected False.",
        "      at exercises/x/leap_year.py, line 3, in leap_year: return True",
        "      Your code printed:",
        "        | checking 1900",
        "      Hint: Centuries are special.",
        "",
        "Save your changes and run `grader check leap-year` again. "
        "Stuck? `grader hint leap-year` gives a hint.",
    ]


def test_long_output_is_cut_with_a_count(mini_course: Course) -> None:
    output = "".join(f"line {n}\n" for n in range(20))
    tests = (result("test_b", "failed", message="Wrong.", output=output),)
    text = plain(terminal.feedback_text(feedback(tests), mini_course.find("leap-year"), None))
    assert "        | line 7" in text
    assert "        | line 8" not in text
    assert "        | ... (12 more lines)" in text


def test_write_tests_output_is_labelled_as_the_learners_tests(tmp_path: Path) -> None:
    from grader.course.manifest import Exercise

    exercise = Exercise("t", "T", "m", "exercises/t", "write-tests", 10, ("test_t.py",), ())
    tests = (result("test_b", "failed", message="Wrong.", output="1 failed\n"),)
    text = plain(terminal.feedback_text(feedback(tests), exercise, None))
    assert "      Your tests printed:\n        | 1 failed" in text


def test_long_suites_list_only_what_did_not_pass(mini_course: Course) -> None:
    tests = tuple(result(f"test_{n}", "passed") for n in range(25)) + (
        result("test_x", "failed", message="Wrong.", milestone=4),
    )
    text = plain(terminal.feedback_text(feedback(tests), mini_course.find("leap-year"), None))
    assert "25 of 26 tests passed" in text
    assert "test_3 works." not in text
    assert "[milestone 4] test_x works." in text


def test_passing_points_to_the_next_exercise(mini_course: Course) -> None:
    tests = (result("test_a", "passed"),)
    passed = Feedback(SCHEMA_VERSION, "leap-year", "Leap years", "", "passed", 10.0, 10.0, tests, None, 0.1)
    text = plain(terminal.feedback_text(passed, mini_course.find("leap-year"), mini_course.find("doubled")))
    assert text.splitlines()[-1] == "Next up: Doubled. Run `grader check doubled`."


def test_tests_failing_for_one_diagnosed_reason_are_said_once(mini_course: Course) -> None:
    printed = "print() shows a value on the screen."
    tests = (
        result(
            "test_a",
            "failed",
            message="Called f(1); printed.",
            diagnosis="printed",
            call="f(1)",
            hint=printed,
        ),
        result("test_b", "passed"),
        result(
            "test_c",
            "failed",
            message="Called f(2); printed.",
            diagnosis="printed",
            call="f(2)",
            hint=printed,
        ),
        result("test_d", "failed", message="Called f(3); got 1, expected 2.", diagnosis="wrong_value"),
    )
    marks = terminal.PLAIN
    lines = [plain(line) for line in terminal.tests_text(tests, marks, "Your code printed:")]
    assert lines == [
        "  x 2 tests: you printed the result instead of returning it.",
        "      - f(1): test_a works.",
        "      - f(2): test_c works.",
        "      Hint: print() shows a value on the screen.",
        "  + test_b works.",
        "  x test_d works.",
        "      Called f(3); got 1, expected 2.",
    ]


def test_the_same_message_twice_is_said_once_and_a_hint_only_once(mini_course: Course) -> None:
    same = "Called Inventory(); your code raised NameError: name 'x' is not defined."
    tests = (
        result("test_a", "failed", message=same, diagnosis="exception", hint="Read the at lines."),
        result("test_b", "failed", message=same, diagnosis="exception", hint="Read the at lines."),
        result("test_c", "failed", message="Called g(); got 1, expected 2.", hint="Read the at lines."),
    )
    lines = [plain(line) for line in terminal.tests_text(tests, terminal.PLAIN, "Your code printed:")]
    assert lines == [
        "  x 2 tests failed the same way:",
        f"      {same}",
        "      - test_a works.",
        "      - test_b works.",
        "      Hint: Read the at lines.",
        "  x test_c works.",
        "      Called g(); got 1, expected 2.",
    ]


def test_no_single_failure_takes_more_than_forty_lines() -> None:
    long = "\n".join(f"line {n} of a very long message" for n in range(100))
    places = tuple(f"f.py, line {n}" for n in range(30))
    failure = result(
        "test_a", "failed", message=long, hint="Look at line 1.", output="x\n" * 50, where=places
    )
    tests = (failure,)
    lines = [plain(line) for line in terminal.tests_text(tests, terminal.PLAIN, "Your code printed:")]
    assert len(lines) == 40
    assert lines[-2] == "      ... (103 more lines: `grader check --json` shows them all)"
    assert lines[-1] == "      Hint: Look at line 1."


def test_scores_have_at_most_one_decimal_everywhere(mini_course: Course) -> None:
    from grader.feedback.model import points

    assert points(10 * 2 / 3) == 6.7
    exercise = mini_course.find("leap-year")
    odd = Feedback(SCHEMA_VERSION, "leap-year", "Leap years", "", "failed", 6.6667, 10.0, (), None, 0.1)
    assert (
        plain(terminal.feedback_text(odd, exercise, None))
        .splitlines()[0]
        .startswith("Leap years (leap-year)  6.7/10 points")
    )


def test_json_is_valid_utf8_whatever_the_learner_printed() -> None:
    from grader.render import json_output

    tests = (
        result("test_a", "failed", message="raised ValueError: bad \udcff byte", output="half \ud83d\n"),
    )
    text = json_output.feedback_json(feedback(tests))
    data = json.loads(text.encode("utf-8").decode("utf-8"))  # encodes: no lone surrogate is left
    assert data["tests"][0]["message"] == "raised ValueError: bad \ufffd byte"
    assert data["tests"][0]["output"] == "half \ufffd\n"
