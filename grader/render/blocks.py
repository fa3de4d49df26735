"""What every renderer shows of a check's tests: one block per test, or per shared reason.

Tests that failed for the same diagnosed reason (printed instead of
returned, a timeout, not started, a recursion that never stops, ...) or with
the very same message are said once, with the count and the calls. The
terminal, the notebook and the learner reports all group through here, so a
learner reads the same thing wherever they look. Marks are symbols that the
fonts of a stock browser have (no emoji: a stock Chromium shows ⏱ as a box).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from grader.feedback.model import TestResult

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "timeout": "◷", "not_started": "·"}
GROUPED = {
    "printed": "you printed the result instead of returning it.",
    "timeout": "your code took too long: is there a loop that never ends?",
    "not_started": "not started yet: your code still raises NotImplementedError.",
    "generator": "you returned a generator: build and return a list.",
    "printed_error": "you printed a message where an exception should be raised.",
    "endless_recursion": "your function keeps calling itself and never stops.",
    "too_deep": "your function calls itself more times in a row than Python allows.",
    "correct_version_fails": (
        "your tests fail on the correct version, so no bug check counts yet: fix that first."
    ),
}

# Shared reasons whose place in the learner's code is the same for every test: shown once.
PLACED = {"endless_recursion", "too_deep"}


@dataclass(frozen=True)
class Block:
    """One test on its own, or several that failed for one reason (the first one speaks for all)."""

    tests: tuple[TestResult, ...]
    reason: str = ""  # the shared reason in words when the tests share a diagnosis

    @property
    def first(self) -> TestResult:
        return self.tests[0]

    @property
    def grouped(self) -> bool:
        return len(self.tests) > 1

    @property
    def where(self) -> tuple[str, ...]:
        """Where the first test failed, when that place is part of the shared reason."""
        return self.first.where if not self.reason or self.first.diagnosis in PLACED else ()

    def details(self) -> list[str]:
        """The first test's message after its first line: the evidence behind a shared diagnosis."""
        return self.first.message.splitlines()[1:] if self.reason else self.first.message.splitlines()


def group_key(test: TestResult) -> str:
    """Tests with the same diagnosed reason, or the very same message, are said once."""
    if test.diagnosis in PLACED:  # the same reason in another function is another block
        return f"{test.diagnosis}\n{test.where}"
    return test.diagnosis if test.diagnosis in GROUPED else f"message:{test.message}\n{test.where}"


def blocks(tests: Sequence[TestResult]) -> list[Block]:
    """The tests in order, each failure that shares its reason with others folded into the first."""
    groups: dict[str, list[TestResult]] = {}
    for test in tests:
        if test.status != "passed" and test.message:
            groups.setdefault(group_key(test), []).append(test)
    shown: list[Block] = []
    for test in tests:
        group = groups.get(group_key(test), []) if test.status != "passed" and test.message else []
        if len(group) < 2:
            shown.append(Block((test,)))
        elif test is group[0]:
            shown.append(Block(tuple(group), GROUPED.get(test.diagnosis, "")))
    return shown


NAMES = {field.name for field in fields(TestResult)}


def as_result(data: dict[str, Any]) -> TestResult:
    """A test read back from stored feedback (``TestResult.to_dict()``), for the renderers of a batch."""
    known = {key: value for key, value in data.items() if key in NAMES}
    return TestResult(**{**known, "where": tuple(known.get("where") or ())})
