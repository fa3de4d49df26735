"""Counts in words: one is singular, every other count plural."""

from __future__ import annotations

import pytest

from grader.render.plural import counted


@pytest.mark.parametrize(
    ("count", "noun", "many", "expected"),
    [
        (1, "learner", None, "1 learner"),
        (0, "learner", None, "0 learners"),
        (2, "learner", None, "2 learners"),
        (1, "set of files", "sets of files", "1 set of files"),
        (3, "set of files", "sets of files", "3 sets of files"),
    ],
)
def test_counted(count: int, noun: str, many: str | None, expected: str) -> None:
    assert counted(count, noun, many) == expected
