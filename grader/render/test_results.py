"""Render the tests of one check for a terminal: each result, or one block per shared reason.

Tests that failed for the same diagnosed reason (printed instead of
returned, a timeout, not started, ...) or with the very same message are
said once, with the count and the calls; a hint already shown is not
repeated under the next test.
"""

from __future__ import annotations

import click

from grader.feedback.model import TestResult

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
    groups = shared_reasons(shown)
    hints_shown: set[str] = set()
    for test in shown:
        group = groups.get(group_key(test), [])
        if test in group[1:]:
            continue  # said once, with the first test of its group
        block = group_lines(group, marks, output_label) if group else test_lines(test, marks, output_label)
        lines += [line for line in block if not repeated_hint(line, hints_shown)]
    return lines


def repeated_hint(line: str, shown: set[str]) -> bool:
    """A hint already shown above is not repeated under the next test."""
    if not click.unstyle(line).startswith(HINT_PREFIX):
        return False
    if line in shown:
        return True
    shown.add(line)
    return False


HINT_PREFIX = "      Hint: "


def group_key(test: TestResult) -> str:
    """Tests with the same diagnosed reason, or the very same message, are said once."""
    return test.diagnosis if test.diagnosis in GROUPED else f"message:{test.message}\n{test.where}"


GROUPED = {
    "printed": "you printed the result instead of returning it.",
    "timeout": "your code was stopped before it finished.",
    "endless": "your code never finishes:",
    "slow": "your code is too slow for this many items:",
    "not_started": "not started yet: your code still raises NotImplementedError.",
    "generator": "you returned a generator: build and return a list.",
    "printed_error": "you printed a message where an exception should be raised.",
    "correct_version_fails": (
        "your tests fail on the correct version, so no bug check counts yet: fix that first."
    ),
}


def shared_reasons(tests: tuple[TestResult, ...]) -> dict[str, list[TestResult]]:
    """Failures sharing one reason (at least two of them), by :func:`group_key`."""
    groups: dict[str, list[TestResult]] = {}
    for test in tests:
        if test.status != "passed" and test.message:
            groups.setdefault(group_key(test), []).append(test)
    return {key: group for key, group in groups.items() if len(group) > 1}


def group_lines(group: list[TestResult], marks: dict[str, str], output_label: str) -> list[str]:
    """One block for several tests that failed for the same reason."""
    first = group[0]
    mark = click.style(marks[first.status], fg=COLOURS[first.status], bold=True)
    if first.diagnosis in GROUPED:
        lines = [f"  {mark} {len(group)} tests: {GROUPED[first.diagnosis]}"]
        if first.diagnosis in ("endless", "slow"):  # why and where, once: the first test found out
            lines += [f"      {line}" for line in first.message.splitlines()]
            lines += [click.style(f"      at {place}", fg="bright_black") for place in first.where]
        calls = True
    else:  # the very same message: show it once, then which tests it failed
        lines = [f"  {mark} {len(group)} tests failed the same way:"]
        lines += [f"      {line}" for line in first.message.splitlines()]
        lines += [click.style(f"      at {place}", fg="bright_black") for place in first.where]
        calls = False
    for test in group:
        call = f"{test.call}: " if calls and test.call else ""
        lines.append(f"      - {call}{test.description}")
    if first.diagnosis in ("printed", "printed_error") or not calls:
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
