"""The class report's words for when a batch ran and how long it took."""

from __future__ import annotations

import pytest

from grader.batch.results import BatchTiming
from grader.render.class_report import duration, when


@pytest.mark.parametrize(
    ("seconds", "expected"), [(2.24, "2.2 s"), (83.4, "1 min 23 s"), (3600 * 2 + 125, "2 h 2 min")]
)
def test_a_batch_duration_reads_in_the_right_unit(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected


def test_when_a_batch_ran_is_said_in_utc() -> None:
    assert when(BatchTiming(0.0, 1.0)) == {
        "iso": "1970-01-01T00:00:00+00:00",
        "text": "1970-01-01 00:00:00 UTC",
    }
    assert when(None) is None
