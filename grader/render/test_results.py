"""Render the tests of one check for a terminal: each result, or one block per shared reason.

Which tests share a reason is decided in :mod:`grader.render.blocks`, for
every renderer; a hint already shown is not repeated under the next test.
"""

from __future__ import annotations

import click

from grader.feedback.model import TestResult
from grader.render.blocks import Block, blocks

COLOURS = {
    "passed": "green",
    "failed": "red",
    "error": "magenta",
    "timeout": "yellow",
    "not_started": "bright_black",
}
OUTPUT_LINES = 8
LONG_SUITE = 20


def tests_text(tests: tuple[TestResult, ...], marks: dict[str, str], output_label: str) -> list[str]:
    """Every test; for a long suite, the passing ones are only counted.

    Tests that failed for the same diagnosed reason (printed instead of
    returned, a timeout, ...) are shown once, with the count and the calls.
    """
    lines: list[str] = []
    shown = tests
    if len(tests) > LONG_SUITE:
        passed = sum(1 for t in tests if t.status == "passed")
        lines.append(click.style(f"  {marks['passed']} {passed} of {len(tests)} tests passed", fg="green"))
        shown = tuple(test for test in tests if test.status != "passed")
    hints_shown: set[str] = set()
    room = Room()
    for block in blocks(shown):
        if block.grouped:
            text = group_lines(block, marks, output_label)
        else:
            text = test_lines(block.first, marks, output_label)
        lines += room.take(fit([line for line in text if not repeated_hint(line, hints_shown)]))
    return lines + room.left_out()


MAX_TEST_LINES = 50  # a check's failures in full up to here; later ones by their title alone
MAX_TITLES = 12  # and at most this many titles; the rest are counted


class Room:
    """What is left of a check's lines: the first failures in full, then titles, then a count.

    A capstone run can fail dozens of tests for one cause; the first failures,
    in the order the layers are graded, are the ones to read.
    """

    def __init__(self) -> None:
        self.used = 0
        self.titles = 0
        self.hidden = 0

    def take(self, block: list[str]) -> list[str]:
        if self.used == 0 or self.used + len(block) <= MAX_TEST_LINES:
            self.used += len(block)
            return block
        self.used = MAX_TEST_LINES  # once a block is cut, the blocks after it are too
        if self.titles < MAX_TITLES:
            self.titles += 1
            return block[:1]
        self.hidden += 1
        return []

    def left_out(self) -> list[str]:
        if not self.titles and not self.hidden:
            return []
        more = f"and {self.hidden} more failed tests. " if self.hidden else ""
        return [f"  ... {more}Fix the first failures first; `grader check --json` shows every one in full."]


MAX_BLOCK_LINES = 40
MAX_GROUP_ITEMS = 8  # tests of one shared reason listed by name; the rest are counted


def fit(block: list[str]) -> list[str]:
    """No single failure takes more than MAX_BLOCK_LINES lines: its end is cut, its hint kept."""
    if len(block) <= MAX_BLOCK_LINES:
        return block
    hint = block[-1:] if click.unstyle(block[-1]).startswith(HINT_PREFIX) else []
    keep = MAX_BLOCK_LINES - 1 - len(hint)
    cut = len(block) - len(hint) - keep
    return [*block[:keep], f"      ... ({cut} more lines: `grader check --json` shows them all)", *hint]


def repeated_hint(line: str, shown: set[str]) -> bool:
    """A hint already shown above is not repeated under the next test."""
    if not click.unstyle(line).startswith(HINT_PREFIX):
        return False
    if line in shown:
        return True
    shown.add(line)
    return False


HINT_PREFIX = "      Hint: "


def group_lines(block: Block, marks: dict[str, str], output_label: str) -> list[str]:
    """One block for several tests that failed for the same reason."""
    first = block.first
    mark = click.style(marks[first.status], fg=COLOURS[first.status], bold=True)
    lines = [f"  {mark} {block.title()}"]
    lines += [f"      {line}" for line in block.details()]
    lines += [click.style(f"      at {place}", fg="bright_black") for place in block.where]
    items = block.items()
    lines += [f"      - {item}" for item in items[:MAX_GROUP_ITEMS]]
    if len(items) > MAX_GROUP_ITEMS:
        lines.append(f"      - ... and {len(items) - MAX_GROUP_ITEMS} more")
    if block.shows_output:
        lines += output_block(first.output, output_label)
    if first.hint:
        lines.append(click.style(f"{HINT_PREFIX}{first.hint}", fg="cyan"))
    return lines


def test_lines(test: TestResult, marks: dict[str, str], output_label: str) -> list[str]:
    mark = click.style(marks[test.status], fg=COLOURS[test.status], bold=True)
    milestone = f"[milestone {test.milestone}] " if test.milestone is not None else ""
    lines = [f"  {mark} {milestone}{test.description}"]
    if test.status == "passed":
        return lines
    lines += [f"      {line}" for line in test.message.splitlines()]
    lines += [click.style(f"      at {place}", fg="bright_black") for place in test.where]
    lines += output_block(test.output, output_label)
    if test.hint:
        lines.append(click.style(f"{HINT_PREFIX}{test.hint}", fg="cyan"))
    return lines


def output_block(text: str, output_label: str) -> list[str]:
    """What the learner's code printed, cut to a few lines."""
    if not text.strip():
        return []
    output = text.rstrip().splitlines()
    lines = [f"      {output_label}"] + [f"        | {line}" for line in output[:OUTPUT_LINES]]
    if len(output) > OUTPUT_LINES:
        lines.append(f"        | ... ({len(output) - OUTPUT_LINES} more lines)")
    return lines
