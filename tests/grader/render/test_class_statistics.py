"""The class report's counts: work not graded is neither a pass nor a 0."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from grader.batch.results import ClassResults, LearnerResults
from grader.render.class_statistics import BANDS, band, exercise_distributions, pass_rates


@pytest.mark.parametrize(
    ("score", "expected"),
    [(0.0, "0"), (0.5, "under 25%"), (2.5, "25-49%"), (5.0, "50-74%"), (9.9, "75-99%"), (10.0, "full marks")],
)
def test_a_score_falls_in_one_band(score: float, expected: str) -> None:
    assert BANDS[band(score, 10.0)] == expected


def result(status: str, score: float) -> dict[str, Any]:
    return {
        "exercise_id": "e",
        "status": status,
        "score": score,
        "max_score": 10.0,
        "error": "why",
        "tests": [],
    }


def test_pass_rates_and_bands_count_only_graded_work() -> None:
    exercise = SimpleNamespace(id="e", title="E", points=10.0)
    learners = tuple(
        LearnerResults(name, "", (), (result(status, score),))
        for name, status, score in [("a", "passed", 10.0), ("b", "timeout", 0.0), ("c", "not_graded", 0.0)]
    )
    results = ClassResults("c", (exercise,), learners)  # type: ignore[arg-type]
    [rate] = pass_rates(results)
    assert (rate.label, rate.fraction, rate.value) == ("e", 0.5, "50% of 2")
    [shown] = exercise_distributions(results)
    assert (shown["graded"], shown["not_graded"]) == (2, 1)
    assert [bar.value for bar in shown["bars"]] == ["1", "0", "0", "0", "0", "1"]
