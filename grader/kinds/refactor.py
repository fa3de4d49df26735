"""The refactor kind: behaviour must stay the same while the structure improves.

The hidden suite checks behaviour like any other suite. This finisher then
measures the learner's file (grader/kinds/structure.py, from the syntax tree:
nothing is run) and the committed starter, and adds one structure check per
target in the manifest's ``[exercise.structure]`` table. The checks are test
results like the suite's, so status and score follow the usual rules:

- together they weigh as much as the whole behaviour suite, shared equally;
- a check passes only when its target is met AND every behaviour test passes,
  because a refactor that changes what the code does is not a refactor;
- an untouched starter (the committed file, byte for byte) is "not started", with no points;
  an edited one that misses its targets keeps the behaviour points but never passes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from grader.course.manifest import Course, Exercise
from grader.course.restore import RestoreError, is_untouched_starter
from grader.course.source_text import python_source, read_python_source
from grader.course.starter import committed_starter
from grader.feedback.model import Feedback, Metric, TestResult, exercise_score, overall_status, shared_error
from grader.kinds.structure import LABELS, Unmeasurable, measure

ADVICE = {
    "longest_function": "Find a part of the long function that does one job, give it a name, "
    "and move it into a helper function of its own.",
    "deepest_nesting": "Handle the cases you can decide at once first and return early "
    "(guard clauses), so the main path is not indented inside if after if.",
    "branches_per_function": "When a chain of if/elif only picks a value, look the value up in a "
    "dict instead; split the remaining decisions between small helpers.",
    "repeated_blocks": "When two blocks differ only in a value, write one helper function that "
    "takes that value as a parameter, and call it from both places.",
    "magic_numbers": "Give each number a name: a constant at the top of the file "
    "(FREE_SHIPPING_FROM = 50) says what it means and changes in one place.",
    "most_parameters": "Group values that travel together, or make the optional ones "
    "keyword-only parameters with defaults.",
}
# Each sentence names its metric by its one label (structure.LABELS), so the learner meets
# the same words in the README, the metric lines and the checks.
DESCRIPTION = "Structure: at most {target} {label}."
NONE_ALLOWED = "Structure: no {label}."
MEASURED = "Your code has {value} {label}"


def finish_refactor(course: Course, exercise: Exercise, source: Path, feedback: Feedback) -> Feedback:
    """Add the structure measurements and checks to a refactor's behaviour feedback."""
    if not feedback.tests or feedback.status in ("error", "timeout", "not_started"):
        return feedback  # nothing to measure against: the problem shown already says why
    try:
        now = measure_files(exercise, lambda name: read_python_source(source / name))
    except Unmeasurable as problem:
        return rescored(feedback, exercise, feedback.tests + unmeasured(exercise, feedback, problem), ())
    try:
        before: dict[str, int] | None = measure_files(exercise, starter_reader(course, exercise))
    except Unmeasurable:
        before = None
    metrics = tuple(metric(key, now, before, dict(exercise.structure).get(key)) for key in LABELS)
    if is_untouched_starter(course, exercise, source):
        # The starter's behaviour is not the learner's work: nothing earned yet, targets shown.
        return replace(feedback, status="not_started", score=0.0, metrics=feedback.metrics + metrics)
    behaviour_ok = all(test.status == "passed" for test in feedback.tests)
    checks = tuple(
        structure_check(key, target, now[key], before, behaviour_ok, weight(exercise, feedback))
        for key, target in exercise.structure
    )
    return rescored(feedback, exercise, feedback.tests + checks, metrics)


def weight(exercise: Exercise, feedback: Feedback) -> float:
    """Each structure check's share: together they weigh as much as the behaviour suite."""
    return sum(test.max_points for test in feedback.tests) / len(exercise.structure)


def unmeasured(exercise: Exercise, feedback: Feedback, problem: Unmeasurable) -> tuple[TestResult, ...]:
    """Failed structure checks for code that cannot be measured, saying why."""
    message = f"The structure of your code could not be measured: {problem}."
    share = weight(exercise, feedback)
    return tuple(
        TestResult(
            f"structure_{key}", describe_target(key, target), "failed", message, "", "", 0.0, share, 0.0
        )
        for key, target in exercise.structure
    )


def measure_files(exercise: Exercise, read: Callable[[str], str]) -> dict[str, int]:
    """The worst value of each metric over the exercise's Python files; Unmeasurable if one cannot be."""
    totals: dict[str, int] = {}
    for name in (f for f in exercise.files if f.endswith(".py") and "*" not in f):
        try:
            text = read(name)
        except (OSError, UnicodeDecodeError, RestoreError) as error:
            raise Unmeasurable(f"{name} could not be read ({type(error).__name__})") from None
        measures = measure(text)
        for key, value in measures.items():
            # Copies and magic numbers add up across files; the others are a worst case.
            added = key in ("repeated_blocks", "magic_numbers")
            totals[key] = totals.get(key, 0) + value if added else max(totals.get(key, 0), value)
    return totals


def starter_reader(course: Course, exercise: Exercise) -> Callable[[str], str]:
    """Read starter files as committed (grader/course/starter.py), or from disk when git cannot tell."""
    try:
        committed = committed_starter(course, exercise)
    except RestoreError:
        committed = {}

    def read(name: str) -> str:
        if name in committed:
            return python_source(committed[name])
        return read_python_source(course.exercise_dir(exercise) / name)

    return read


def metric(key: str, now: dict[str, int], before: dict[str, int] | None, target: int | None) -> Metric:
    return Metric(
        name=key,
        label=LABELS[key],
        value=now[key],
        before=before[key] if before else None,
        target=target,
        met=None if target is None else now[key] <= target,
    )


def structure_check(
    key: str, target: int, value: int, before: dict[str, int] | None, behaviour_ok: bool, weight: float
) -> TestResult:
    """One structure target as a test result the learner reads like any other."""
    met = value <= target
    was = f" (the starter: {before[key]})" if before else ""
    if not met:
        unchanged = " No better than the starter yet." if before and before[key] <= value else ""
        measured = MEASURED.format(value=value, label=LABELS[key])
        message = f"{measured}{was}; the target is at most {target}.{unchanged}"
    elif not behaviour_ok:
        message = (
            f"Target met ({value}, at most {target}), but it counts only once every behaviour test "
            "passes: a refactor must not change what the code does."
        )
    else:
        message = ""
    passed = met and behaviour_ok
    return TestResult(
        name=f"structure_{key}",
        description=describe_target(key, target),
        status="passed" if passed else "failed",
        message=message,
        hint="" if passed or met else ADVICE[key],
        output="",
        points=weight if passed else 0.0,
        max_points=weight,
        duration=0.0,
    )


def describe_target(key: str, target: int) -> str:
    if target == 0:
        return NONE_ALLOWED.format(label=LABELS[key])
    return DESCRIPTION.format(target=target, label=LABELS[key])


def rescored(
    feedback: Feedback, exercise: Exercise, tests: tuple[TestResult, ...], metrics: tuple[Metric, ...]
) -> Feedback:
    """The feedback with the structure checks added, status and score derived as build_feedback does."""
    return replace(
        feedback,
        tests=tests,
        status=overall_status(tests),
        score=exercise_score(exercise, tests),
        error=shared_error(tests),
        metrics=feedback.metrics + metrics,
    )
