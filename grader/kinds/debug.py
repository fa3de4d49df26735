"""Debug exercises: report how much of the starter a fix changed, and reveal one failure at a time.

A good fix is small, so the number of lines changed from the committed starter
is shown beside the tests. Finding the bug is the exercise: only the first
failing test keeps its message and hint; later failures say to fix that one
first, so the learner still has to look for the rest themselves.
"""

from __future__ import annotations

import difflib
import io
import tokenize
from dataclasses import replace
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError
from grader.course.source_text import python_source
from grader.course.starter import committed_starter
from grader.feedback.model import Feedback, Metric, TestResult

LATER_FAILURE = "Not shown yet: fix the first failure above, then check again."
LINES_CHANGED = Metric(name="lines_changed", label="lines of code changed from the starter", value=0)
IGNORED_TOKENS = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


def finish_debug(course: Course, exercise: Exercise, source: Path, feedback: Feedback) -> Feedback:
    """Add the size of the fix and keep only the first failure's explanation."""
    feedback = first_failure_only(feedback)
    changed = lines_changed(course, exercise, source)
    if changed is None:
        return feedback
    return replace(feedback, metrics=(*feedback.metrics, replace(LINES_CHANGED, value=changed)))


def first_failure_only(feedback: Feedback) -> Feedback:
    """Replace every failing test's message after the first with a neutral note."""
    failing = [index for index, test in enumerate(feedback.tests) if test.status != "passed"]
    if len(failing) < 2:
        return feedback
    tests = list(feedback.tests)
    for index in failing[1:]:
        tests[index] = hidden(tests[index])
    return replace(feedback, tests=tuple(tests))


def hidden(test: TestResult) -> TestResult:
    """The test's outcome and points, without the call, output or hint that would give it away."""
    return replace(test, message=LATER_FAILURE, hint="", output="", where=())


def lines_changed(course: Course, exercise: Exercise, source: Path) -> int | None:
    """Lines added, removed or edited in the graded files; None when the starter cannot be read."""
    try:
        starter = committed_starter(course, exercise)
    except RestoreError:
        return None  # no git or no committed starter: the measurement is simply left out
    total = 0
    for name, original in starter.items():
        path = source / name
        if not path.is_file():
            return None
        total += changed_lines(python_source(original), python_source(path.read_bytes()))
    return total


def changed_lines(before: str, after: str) -> int:
    """Count edited code lines once each: a replaced line is one change, not a removal plus an addition."""
    matcher = difflib.SequenceMatcher(a=code_lines(before), b=code_lines(after), autojunk=False)
    return sum(
        max(end_a - start_a, end_b - start_b)
        for tag, start_a, end_a, start_b, end_b in matcher.get_opcodes()
        if tag != "equal"
    )


def code_lines(source: str) -> list[str]:
    """The source's lines of code as tokens, without comments, blank lines or spacing inside a line.

    Explaining a fix in a comment is welcome, so it does not count as a change;
    indentation does count. Source that cannot be tokenized is compared as it is.
    """
    rows: dict[int, list[str]] = {}
    indents: dict[int, int] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type not in IGNORED_TOKENS:
                indents.setdefault(token.start[0], token.start[1])
                rows.setdefault(token.start[0], []).append(token.string)
    except (tokenize.TokenError, SyntaxError):
        return [line.rstrip() for line in source.splitlines() if line.strip()]
    return [" " * indents[row] + " ".join(parts) for row, parts in sorted(rows.items())]
