"""Golden feedback: a learner's file goes in, the exact feedback JSON must come out.

Each case grades one learner file for the mini course's ``leap-year`` exercise
and compares ``Feedback.to_dict()`` with ``tests/grader/golden/<case>.json``.
Volatile fields are normalised first: every ``duration`` becomes 0 and any
temporary path becomes ``<tmp>``.

The golden files hold what a beginner *should* see. To regenerate them after an
intended change to the feedback, run::

    UPDATE_GOLDEN=1 python -m pytest tests/grader/test_feedback_golden.py

then read every changed message in the diff before committing. Cases listed in
``KNOWN_ENGINE_BUGS`` are never rewritten: their golden files were corrected by
hand and the case is a strict xfail until the engine is fixed.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from grader.course import Course
from tests.helpers import LEAP_YEAR as SOLUTION
from tests.helpers import grade_text

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


CASES: dict[str, str] = {
    "passing": SOLUTION,
    "failing": """\
def leap_year(year):
    return year % 4 == 0
""",
    "syntax_error": """\
def leap_year(year)
    return year % 4 == 0
""",
    "not_started": "",  # the exercise's own starter file, read at run time
    "printed_instead_of_returned": """\
def leap_year(year):
    print(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
""",
    "timeout": """\
def leap_year(year):
    if year % 400 == 0:
        return True
    while year % 100 == 0:  # meant `if`: never ends for 1900
        pass
    return year % 4 == 0
""",
    "exception": """\
def leap_year(year):
    return share_of_centuries(year) == 0


def share_of_centuries(year):
    return year / (year % 4)
""",
}

KNOWN_ENGINE_BUGS: dict[str, str] = {}


def normalise(data: Any, volatile: list[str]) -> Any:
    """Zero every duration and replace temporary paths, recursively."""
    if isinstance(data, dict):
        return {k: 0 if k == "duration" else normalise(v, volatile) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [normalise(v, volatile) for v in data]
    if isinstance(data, str):
        for path in volatile:
            data = data.replace(path, "<tmp>")
        return data
    return data


def case_param(name: str) -> Any:
    marks = (
        [pytest.mark.xfail(reason=KNOWN_ENGINE_BUGS[name], strict=True)] if name in KNOWN_ENGINE_BUGS else []
    )
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("case", [case_param(name) for name in CASES])
def test_feedback_matches_golden(case: str, mini_course: Course, tmp_path: Path) -> None:
    exercise = mini_course.find("leap-year")
    source = CASES[case] or (mini_course.exercise_dir(exercise) / "leap_year.py").read_text("utf-8")
    feedback = grade_text(mini_course, "leap-year", source)
    volatile = sorted({str(tmp_path), str(tmp_path.resolve()), tempfile.gettempdir()}, key=len, reverse=True)
    actual = normalise(feedback.to_dict(), volatile)
    golden_file = GOLDEN / f"{case}.json"
    if UPDATE and case not in KNOWN_ENGINE_BUGS:
        golden_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    expected = json.loads(golden_file.read_text(encoding="utf-8"))
    assert actual == expected


def test_golden_files_have_no_volatile_values() -> None:
    """The stored goldens themselves are normalised: no durations, no temporary paths."""
    files = sorted(GOLDEN.glob("*.json"))
    assert {f.stem for f in files} == set(CASES)
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert data["duration"] == 0
        assert all(test["duration"] == 0 for test in data["tests"])
        assert "/tmp" not in text and "pytest-of" not in text


def test_exception_message_names_call_and_exception_and_only_learner_frames(mini_course: Course) -> None:
    feedback = grade_text(mini_course, "leap-year", CASES["exception"])
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
