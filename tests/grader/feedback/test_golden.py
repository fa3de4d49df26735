"""Golden feedback: a learner's file goes in, the exact feedback must come out.

Each case (see ``golden_cases.py``) grades one learner file and compares
``Feedback.to_dict()`` with ``tests/grader/golden/<case>.json``, and the
terminal rendering (colour off, ASCII marks) with
``tests/grader/golden/terminal/<case>.txt``. Volatile fields are normalised
first: every ``duration`` becomes 0, any temporary path becomes ``<tmp>`` and
very long output is cut to its ends.

The golden files hold what a beginner *should* see. To regenerate them after an
intended change to the feedback, run::

    UPDATE_GOLDEN=1 python -m pytest tests/grader/feedback/test_golden.py

then read every changed message in the diff before committing.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import click
import pytest

from grader.course.manifest import Course, load_course
from grader.feedback.model import Feedback
from grader.render import terminal
from tests.grader.golden_cases import CASES
from tests.helpers import FIXTURES, copy_course, grade_text

GOLDEN = Path(__file__).parents[1] / "golden"
TERMINAL = GOLDEN / "terminal"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
LONG_OUTPUT = 1000
PYTEST_TIME = re.compile(r" in \d+(\.\d+)?s\b")
CALL_TIME = re.compile(r" in \d+\.\d\d s\b")  # how long a call took, in a slow call's message


def normalise(data: Any, volatile: list[str]) -> Any:
    """Zero every duration, replace temporary paths and cut very long output, recursively."""
    if isinstance(data, dict):
        return {k: 0 if k == "duration" else shorten(k, normalise(v, volatile)) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [normalise(v, volatile) for v in data]
    if isinstance(data, str):
        for path in volatile:
            data = data.replace(path, "<tmp>")
        data = CALL_TIME.sub(" in <seconds> s", data)
        return PYTEST_TIME.sub(" in <time>", data)  # a learner's pytest summary line
    return data


def shorten(key: str, value: Any) -> Any:
    """Keep the ends of very long printed output (the golden files stay readable)."""
    if key != "output" or not isinstance(value, str) or len(value) <= LONG_OUTPUT:
        return value
    return f"{value[:100]}<{len(value) - 200} characters>{value[-100:]}"


def graded(case: str, tmp_path: Path) -> tuple[Course, Feedback]:
    spec = CASES[case]
    course = load_course(copy_course(tmp_path / "course", FIXTURES / spec.course))
    exercise = course.find(spec.exercise)
    source = spec.source or (course.exercise_dir(exercise) / exercise.files[0]).read_text("utf-8")
    return course, grade_text(course, spec.exercise, source)


def check_golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_feedback_matches_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course, feedback = graded(case, tmp_path)
    volatile = sorted({str(tmp_path), str(tmp_path.resolve()), tempfile.gettempdir()}, key=len, reverse=True)
    actual = normalise(feedback.to_dict(), volatile)
    check_golden(GOLDEN / f"{case}.json", json.dumps(actual, indent=2, ensure_ascii=False) + "\n")
    monkeypatch.setattr(terminal, "symbols", lambda: terminal.PLAIN)
    exercise = course.find(CASES[case].exercise)
    text = click.unstyle(terminal.feedback_text(feedback, exercise, None))
    check_golden(TERMINAL / f"{case}.txt", normalise(text, volatile) + "\n")


def test_golden_files_have_no_volatile_values() -> None:
    """The stored goldens themselves are normalised: no durations, no temporary paths."""
    files = sorted(GOLDEN.glob("*.json"))
    assert {f.stem for f in files} == set(CASES)
    assert {f.stem for f in TERMINAL.glob("*.txt")} == set(CASES)
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["duration"] == 0
        assert all(test["duration"] == 0 for test in data["tests"])
        assert "/tmp" not in text and "pytest-of" not in text


def test_exception_message_names_call_and_exception_and_only_learner_frames(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", CASES["exception"].source)
    assert feedback.status == "failed"
    test = next(t for t in feedback.tests if t.name == "test_ordinary_leap_year")
    assert test.status == "failed"
    assert test.message == "Called leap_year(2024); your code raised ZeroDivisionError: division by zero."
    assert test.where == (
        "exercises/01_basics/01_leap_year/leap_year.py, line 2, in leap_year: "
        "return share_of_centuries(year) == 0",
        "exercises/01_basics/01_leap_year/leap_year.py, line 6, in share_of_centuries: "
        "return year / (year % 4)",
    )
    # 2023 % 4 == 3: no exception, just a wrong answer, so that test passes.
    assert next(t for t in feedback.tests if t.name == "test_ordinary_common_year").status == "passed"
    for line in (place for t in feedback.tests for place in t.where):
        assert "grader/" not in line and "pytest" not in line and "<frozen" not in line


IMPORT_TIME_ERROR = "LIMIT = 10 // 0\n\n\ndef leap_year(year):\n    return True\n"


def test_import_time_error_is_one_shared_error(mini_course: Course) -> None:
    """A file that fails while loading fails every test the same way, said once."""
    feedback = grade_text(mini_course, "leap-year", IMPORT_TIME_ERROR)
    assert feedback.status == "error"
    assert feedback.score == 0
    assert feedback.error == (
        "leap_year.py raised ZeroDivisionError while it was loading (line 1): integer division or modulo "
        "by zero."
    )
    assert [t.status for t in feedback.tests] == ["error"] * 4
    assert {t.message for t in feedback.tests} == {feedback.error}
    assert all(any("leap_year.py, line 1" in line for line in t.where) for t in feedback.tests)


def test_import_time_error_shows_only_learner_frames(mini_course: Course) -> None:
    """An exception while the file loads points at the learner's line, not at importlib."""
    feedback = grade_text(mini_course, "leap-year", IMPORT_TIME_ERROR)
    assert {t.where for t in feedback.tests} == {
        ("exercises/01_basics/01_leap_year/leap_year.py, line 1: LIMIT = 10 // 0",)
    }


def golden(case: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    return data


def texts(case: str, field: str) -> list[str]:
    return [str(test[field]) for test in golden(case)["tests"]]


def test_every_golden_has_distinct_descriptions_plain_scores_and_no_nonetype() -> None:
    """Stated apart from the goldens, so regenerating them cannot quietly accept a regression."""
    for case in CASES:
        data = golden(case)
        descriptions = texts(case, "description")
        assert len(set(descriptions)) == len(descriptions), case
        assert round(data["score"], 1) == data["score"], case
        assert not any("NoneType" in message for message in texts(case, "message")), case
        assert not any(word in message for message in texts(case, "message") for word in ("\\d", "\\b", "|"))


def test_goldens_never_name_the_wrong_mistake() -> None:
    assert not any("400" in hint for hint in texts("leap_text_instead_of_bool", "hint"))
    assert not any("400" in hint for hint in texts("leap_endless_centuries", "hint"))
    for case in ("bank_debug_print", "bank_prints_spam"):
        assert not any("printed the right answer" in message for message in texts(case, "message"))
    assert any(
        "more characters of output were cut off" in output for output in texts("bank_prints_spam", "output")
    )
    assert not any("sort or change" in hint for hint in texts("pairs_lists_not_tuples", "hint"))
    assert not any("changed" in message for message in texts("pairs_lists_not_tuples", "message"))
    assert "item [0] is a list, expected a tuple" in texts("pairs_lists_not_tuples", "message")[1]
    assert "sort or change" in texts("pairs_sorts_input", "hint")[1]


def test_goldens_show_exceptions_and_object_histories_in_full() -> None:
    name_error = golden("status_name_error")["tests"][1]
    assert "NameError: name 'evnt' is not defined" in name_error["message"]
    assert name_error["where"] and "status.py, line 4" in name_error["where"][0]
    assert texts("inventory_no_check", "message")[0] == (
        "Called Inventory().remove('apple', 5) after add('apple', 3); expected ValueError, it returned None."
    )
    repr_test = golden("inventory_repr_raises_no_eq")["tests"][2]
    assert repr_test["message"].startswith(
        "Called repr(Inventory()) after add('apple', 3); your code raised TypeError"
    )
    assert "in __repr__" in repr_test["where"][0]
    assert "in __init__" in golden("inventory_init_raises")["tests"][0]["where"][0]


def test_write_tests_goldens_name_each_bug_and_say_the_correct_version_once() -> None:
    descriptions = texts("write_tests_fail_on_correct", "description")
    assert descriptions[1].endswith("it negates every number, positive ones too.")
    terminal_text = (TERMINAL / "write_tests_fail_on_correct.txt").read_text(encoding="utf-8")
    assert (
        terminal_text.count("fail on the correct version") == 2
    )  # the check itself, then once for the bug checks


def test_recursion_goldens_tell_endless_from_too_deep_and_stay_short() -> None:
    walk = {test["name"]: test for test in golden("chain_recursive_walk")["tests"]}
    assert walk["test_a_loop_is_refused"]["diagnosis"] == "endless_recursion"
    assert "goes round in a circle" in walk["test_a_loop_is_refused"]["message"]
    assert walk["test_a_long_chain"]["diagnosis"] == "too_deep"
    assert "deeper than Python allows" in walk["test_a_long_chain"]["message"]
    assert "while loop" in walk["test_a_long_chain"]["hint"]  # the suite's advice, for this diagnosis only
    assert "while loop" not in walk["test_a_loop_is_refused"]["hint"]
    assert "has no base case" in walk["test_countdown_from_three"]["message"]
    past = golden("chain_steps_past_its_base_case")["tests"][-1]
    assert past["diagnosis"] == "endless_recursion" and "past 0 without stopping" in past["message"]
    stuck = {test["name"]: test for test in golden("chain_base_case_never_met")["tests"]}
    assert stuck["test_countdown_from_three"]["diagnosis"] == "endless_recursion"
    assert "the length of numbers was 0 every time" in stuck["test_countdown_from_three"]["message"]
    # From [] the length never changed at all: no evidence either way, so no verdict.
    assert stuck["test_countdown_from_zero"]["diagnosis"] == "recursion"
    assert "more than Python allows" in stuck["test_countdown_from_zero"]["message"]
    for case in ("chain_recursive_walk", "chain_steps_past_its_base_case", "chain_base_case_never_met"):
        text = (TERMINAL / f"{case}.txt").read_text(encoding="utf-8")
        assert "repeated 99" in text and len(text.splitlines()) < 40


def test_write_tests_goldens_name_tests_pytest_leaves_out_and_show_a_failure_in_full() -> None:
    first = golden("write_tests_not_collected")["tests"][0]["message"]
    assert "tset_negative: pytest runs only functions whose names start with test." in first
    assert "TestNegative.test_negative: pytest does not run a test class that has an __init__" in first
    assert "NegativeTests.test_minus_one: pytest runs only test classes whose names start with Test." in first
    assert "testpositive" not in first and "check:" not in first  # run by pytest; a helper
    assert "test_raises_for_text, line 10 of test_absolute.py: absolute('x')" in first
    assert "TypeError: '>=' not supported between instances of 'str' and 'int'" in first
    correct = golden("write_tests_fail_on_correct")["tests"][0]["message"]
    assert (
        "test_negative, line 5 of test_absolute.py: assert absolute(-2) == -2\n    assert 2 == -2" in correct
    )


HOSTILE_TEXT = """\
import sys


def leap_year(year):
    print("half a character: \\udcff and \\ud83d")
    sys.stdout.write(b"raw \\xff bytes".decode("utf-8", "surrogateescape") + "\\n")
    raise ValueError("bad \\udcff byte")
"""


def test_json_output_is_valid_utf8_whatever_the_learner_printed_or_raised(mini_course: Course) -> None:
    from grader.render import json_output

    feedback = grade_text(mini_course, "leap-year", HOSTILE_TEXT)
    text = json_output.feedback_json(feedback)
    data = json.loads(text.encode("utf-8"))  # encoding fails if any lone surrogate is left
    first = data["tests"][0]
    assert first["message"] == "Called leap_year(2024); your code raised ValueError: bad \ufffd byte."
    assert first["output"] == "half a character: \ufffd and \ufffd\nraw \ufffd bytes\n"
