"""The terminal's list of tests: failures in full first, then by title, then counted; groups cut short.

The capstone cases are golden: ``tests/grader/golden/capstone/<case>.json``
is the feedback of a real ``grader check task-api --json`` (temporary paths
and durations normalised), and ``<case>.txt`` is what the terminal must show
for it. To regenerate the text after an intended change, run::

    UPDATE_GOLDEN=1 python -m pytest tests/grader/render/test_test_results.py

then read the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click
import pytest

from grader.course.manifest import load_course
from grader.feedback.model import Feedback, TestResult
from grader.render import terminal
from grader.render import test_results as results
from grader.render.blocks import as_result
from grader.render.test_results import MAX_GROUP_ITEMS, MAX_TEST_LINES, MAX_TITLES

CAPSTONE = Path(__file__).parents[1] / "golden" / "capstone"
ROOT = Path(__file__).parents[3]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# Each case: a learner's capstone as it was checked, and what the case must show.
CASES = {
    # Schemas, repository and milestone 3's routes done, the service half done with three bugs.
    "half_done_milestone_3": "the service's own failures first, each with its call; HTTP failures after",
    # Only title_key written, the whole project checked: it passes, name_key is named next.
    "first_function": "the first function passes and the next one is named",
}


def stored_feedback(case: str) -> Feedback:
    data = json.loads((CAPSTONE / f"{case}.json").read_text(encoding="utf-8"))
    tests = tuple(as_result(test) for test in data.pop("tests"))
    return Feedback(**{**data, "tests": tests, "metrics": ()})


def terminal_text(case: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(terminal, "symbols", lambda: terminal.PLAIN)
    exercise = load_course(ROOT).find("task-api")
    return click.unstyle(terminal.feedback_text(stored_feedback(case), exercise, None)) + "\n"


@pytest.mark.parametrize("case", list(CASES))
def test_capstone_terminal_matches_golden(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    actual = terminal_text(case, monkeypatch)
    path = CAPSTONE / f"{case}.txt"
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
    assert len(actual.splitlines()) <= 80, CASES[case]


def test_golden_cases_match_their_files() -> None:
    assert {p.stem for p in CAPSTONE.glob("*.json")} == set(CASES)
    assert {p.stem for p in CAPSTONE.glob("*.txt")} == set(CASES)
    for path in CAPSTONE.iterdir():
        assert "/tmp" not in path.read_text(encoding="utf-8")


def test_half_done_capstone_shows_the_service_first(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = terminal_text("half_done_milestone_3", monkeypatch).splitlines()
    failures = [line for line in lines if line.startswith("  x ")]
    assert failures[0] == (
        "  x [milestone 1] TaskService.get_task returns the owner's task; "
        "another user's task or a missing one is TaskNotFound."
    )
    called = lines[lines.index(failures[0]) + 1]
    assert "Called TaskService(…).get_task(User(2, 'Bob'), 1)" in called
    assert called.endswith("it returned None, expected it to raise TaskNotFound.")
    assert any("at projects/task-api/taskapi/service.py, line 331, in update_task" in line for line in lines)
    assert lines.count(next(line for line in lines if line.startswith("  ... "))) == 1
    assert not any("grader/" in line or "site-packages" in line for line in lines)


def test_first_function_passes_and_the_next_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = terminal_text("first_function", monkeypatch).splitlines()
    assert lines[2] == "  + 3 of 191 tests passed"
    assert lines[3].startswith("  . 186 tests: not started yet")
    assert lines[4].startswith("      - name_key('  Ada LOVELACE\\t'): name_key trims and case-folds")
    assert lines[4 + MAX_GROUP_ITEMS] == f"      - ... and {186 - MAX_GROUP_ITEMS} more"


def shown(tests: tuple[TestResult, ...]) -> list[str]:
    return [click.unstyle(line) for line in results.tests_text(tests, terminal.PLAIN, "Your code printed:")]


def failed(number: int, message_lines: int) -> TestResult:
    message = "\n".join(f"line {n} of check {number}" for n in range(message_lines))
    return TestResult(f"test_{number}", f"check {number}", "failed", message, "", "", 0.0, 1.0, 0.0)


def test_failures_past_the_room_are_titles_then_counted() -> None:
    tests = tuple(failed(n, 9) for n in range(40))  # ten lines a failure
    lines = shown(tests)
    full = MAX_TEST_LINES // 10
    assert lines[1] == "  x check 0" and lines[2] == "      line 0 of check 0"
    titles = lines[1 + 10 * full : 1 + 10 * full + MAX_TITLES]
    assert titles == [f"  x check {n}" for n in range(full, full + MAX_TITLES)]
    hidden = 40 - full - MAX_TITLES
    assert lines[-1].startswith(f"  ... and {hidden} more failed tests. Fix the first failures first")
    assert len(lines) == 1 + 10 * full + MAX_TITLES + 1


def test_a_short_check_is_shown_in_full() -> None:
    tests = tuple(failed(n, 3) for n in range(5))
    lines = shown(tests)
    assert len(lines) == 5 * 4
    assert not any(line.startswith("  ...") for line in lines)


def test_the_first_failure_is_shown_even_when_long() -> None:
    lines = shown((failed(0, 70), failed(1, 20)))
    assert lines[0] == "  x check 0" and lines[-2] == "  x check 1"
    assert lines[-1].startswith("  ... Fix the first failures first")
