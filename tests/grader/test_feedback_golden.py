"""Golden feedback: a learner's file goes in, the exact feedback must come out.

Each case (see ``golden_cases.py``) grades one learner file and compares
``Feedback.to_dict()`` with ``tests/grader/golden/<case>.json``, and the
terminal rendering (colour off, ASCII marks) with
``tests/grader/golden/terminal/<case>.txt``. Volatile fields are normalised
first: every ``duration`` becomes 0, any temporary path becomes ``<tmp>`` and
very long output is cut to its ends.

The golden files hold what a beginner *should* see. To regenerate them after an
intended change to the feedback, run::

    UPDATE_GOLDEN=1 python -m pytest tests/grader/test_feedback_golden.py

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

from grader.course import Course, load_course
from grader.feedback import Feedback
from grader.render import terminal
from tests.grader.golden_cases import CASES
from tests.helpers import FIXTURES, copy_course, grade_text

GOLDEN = Path(__file__).parent / "golden"
TERMINAL = GOLDEN / "terminal"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
LONG_OUTPUT = 1000
PYTEST_TIME = re.compile(r" in \d+(\.\d+)?s\b")


def normalise(data: Any, volatile: list[str]) -> Any:
    """Zero every duration, replace temporary paths and cut very long output, recursively."""
    if isinstance(data, dict):
        return {k: 0 if k == "duration" else shorten(k, normalise(v, volatile)) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [normalise(v, volatile) for v in data]
    if isinstance(data, str):
        for path in volatile:
            data = data.replace(path, "<tmp>")
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
