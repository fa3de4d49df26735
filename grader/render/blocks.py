"""What every renderer shows of a check's tests: one block per test, or per shared reason.

Tests that failed for the same diagnosed reason (printed instead of
returned, a timeout, not started, a recursion that never stops, ...) or with
the very same message are said once, with the count and the calls. The
terminal, the notebook and the learner reports all group through here, so a
learner reads the same thing wherever they look. Marks are symbols that the
fonts of a stock browser have (no emoji: a stock Chromium shows ⏱ as a box).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any

from grader.feedback.model import TestResult

MARKS = {"passed": "✓", "failed": "✗", "error": "!", "timeout": "◷", "not_started": "·"}
GROUPED = {
    "printed": "you printed the result instead of returning it.",
    "timeout": "your code was stopped before it finished.",
    "endless": "your code never finishes:",
    "slow": "your code is too slow for this many items:",
    "not_started": "not started yet: your code still raises NotImplementedError.",
    "generator": "you returned a generator: build and return a list.",
    "printed_error": "you printed a message where an exception should be raised.",
    "endless_recursion": "your function keeps calling itself and never stops.",
    "too_deep": "your function calls itself more times in a row than Python allows.",
    "correct_version_fails": (
        "your tests fail on the correct version, so no bug check counts yet: fix that first."
    ),
}

# Shared reasons whose evidence (why, and where) the first test found out: its message and places, once.
# A timeout's hint sends the learner to the line where it was stopped, so that line must be shown.
EVIDENCED = {"timeout", "endless", "slow", "endless_recursion", "too_deep"}
# Of those, a recursion: the same one however it was entered, and another one is another block.
PLACED = {"endless_recursion", "too_deep"}
REPEATS = re.compile(r" \[(with .+ above, )?repeated [\d,]+ times\]$")


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
        return self.first.where if not self.reason or self.first.diagnosis in EVIDENCED else ()

    def title(self) -> str:
        """What the block is about: the test, or the count and the shared reason."""
        if not self.grouped:
            milestone = f"[milestone {self.first.milestone}] " if self.first.milestone is not None else ""
            return milestone + self.first.description
        if self.reason:
            return f"{len(self.tests)} tests: {self.reason}"
        return f"{len(self.tests)} tests failed the same way:"

    def items(self) -> list[str]:
        """A group's tests, one line each: the call that showed the shared reason, and the test."""
        return [f"{t.call}: {t.description}" if self.reason and t.call else t.description for t in self.tests]

    @property
    def shows_output(self) -> bool:
        """Printed output is shown for one test, the same message, or a print that is the reason."""
        return not self.reason or self.first.diagnosis in ("printed", "printed_error")

    def details(self) -> list[str]:
        """The first test's message, unless the shared reason says all there is to say."""
        if self.reason and self.first.diagnosis not in EVIDENCED:
            return []
        return self.first.message.splitlines()


def group_key(test: TestResult) -> str:
    """Tests with the same diagnosed reason, or the very same message, are said once."""
    if test.diagnosis in PLACED:
        loops = sorted({REPEATS.sub("", place) for place in test.where if REPEATS.search(place)})
        return f"{test.diagnosis}\n{loops or test.where}"
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
# What a stored test written before a field existed is read with (the fields without a default).
BLANK = {"name": "", "description": "", "status": "failed", "message": "", "hint": "", "output": ""}
BLANK_NUMBERS = {"points": 0.0, "max_points": 0.0, "duration": 0.0}


def as_result(data: dict[str, Any]) -> TestResult:
    """A test read back from stored feedback (a ``Feedback.to_dict()`` entry), for a batch's reports."""
    known = {key: value for key, value in data.items() if key in NAMES}
    return TestResult(**{**BLANK, **BLANK_NUMBERS, **known, "where": tuple(known.get("where") or ())})
