"""The results model's one vocabulary: graded (a 0 keeps its reason) or not graded (and why)."""

from __future__ import annotations

from typing import Any

import pytest

from grader.batch.results import LearnerResults, is_graded, reason


def stored(exercise: str, status: str, score: float, error: str | None = None) -> dict[str, Any]:
    return {"exercise_id": exercise, "status": status, "score": score, "max_score": 4.0, "error": error}


def test_a_timeout_a_crash_and_a_syntax_error_are_graded_zeros_with_their_reason() -> None:
    timeout = stored("a", "timeout", 0.0, "The whole check took longer than 30 s and was stopped.")
    crash = stored("b", "error", 0.0, "SyntaxError: invalid syntax (doubled.py, line 2)")
    assert is_graded(timeout) and is_graded(crash)
    assert reason(timeout) == "timed out: The whole check took longer than 30 s and was stopped."
    assert reason(crash) == "crashed: SyntaxError: invalid syntax (doubled.py, line 2)"
    assert reason(stored("c", "failed", 0.0)) == "every test failed"
    assert reason(stored("d", "failed", 2.0)) == ""


def test_work_that_was_not_graded_says_why() -> None:
    broken = stored("a", "not_graded", 0.0, "dee.zip could not be opened as an archive.")
    assert not is_graded(broken)
    assert reason(broken) == "dee.zip could not be opened as an archive."
    assert reason(stored("b", "not_graded", 0.0)) == "the grader could not grade it"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["passed", "timeout"], "graded"),
        (["passed", "not_graded"], "partly graded"),
        (["not_graded", "not_graded"], "not graded"),
        ([], "not graded"),
    ],
)
def test_a_learner_is_graded_partly_graded_or_not_graded(statuses: list[str], expected: str) -> None:
    feedback = tuple(stored(f"e{i}", status, 0.0, "why") for i, status in enumerate(statuses))
    learner = LearnerResults("ada", "Ada", (), feedback)
    assert learner.status == expected
    assert learner.to_dict()["status"] == expected
    assert learner.not_graded == tuple(f"e{i}: why" for i, s in enumerate(statuses) if s == "not_graded")
