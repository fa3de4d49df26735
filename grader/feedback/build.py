"""Turn a raw grading run into feedback a beginner can act on.

Pure functions only: a :class:`SuiteRun` goes in, a frozen
:class:`~grader.feedback.model.Feedback` comes out. Status and score are derived here, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from grader.course.manifest import Exercise
from grader.feedback.diagnosis import ERROR_KINDS, choose_hint, diagnose
from grader.feedback.model import (
    SCHEMA_VERSION,
    Feedback,
    TestResult,
    exercise_score,
    overall_status,
    shared_error,
)
from grader.feedback.recursion import recursion_of, verdict

# How a test that failed by a fault of the grader begins (grader validate refuses any such test).
GRADER_FAULT = "The grader itself failed"


@dataclass(frozen=True)
class SuiteRun:
    """What one pytest run produced: a checked report, or the reason there is none."""

    report: dict[str, Any] | None
    problem: str | None
    seconds: float
    missing_files: tuple[str, ...] = field(default_factory=tuple)
    timed_out: bool = False
    # A run stopped at the whole check's limit: the report's entries of the tests that finished,
    # and the test that was running (its id and its metadata, with its description).
    finished: tuple[dict[str, Any], ...] = ()
    running: str = ""
    running_metadata: dict[str, Any] = field(default_factory=dict)


def build_feedback(exercise: Exercise, run: SuiteRun, learner: str = "") -> Feedback:
    """Derive statuses, messages and the score from one run."""
    if run.missing_files:
        names = ", ".join(run.missing_files)
        error = f"Missing file: {names}. Run `grader reset {exercise.id}` to get the starter back."
        return whole_run_failure(exercise, run, learner, "error", error)
    if run.report is None and run.timed_out and (run.finished or run.running):
        return stopped_check(exercise, run, learner)
    if run.report is None:
        status = "timeout" if run.timed_out else "error"
        return whole_run_failure(exercise, run, learner, status, run.problem or "no report")
    tests = tuple(test_result(entry, exercise) for entry in run.report["tests"])
    return Feedback(
        schema_version=SCHEMA_VERSION,
        exercise_id=exercise.id,
        title=exercise.title,
        learner=learner,
        status=overall_status(tests),
        score=exercise_score(exercise, tests),
        max_score=exercise.points,
        tests=tests,
        error=shared_error(tests),
        duration=round(run.seconds, 3),
    )


def stopped_check(exercise: Exercise, run: SuiteRun, learner: str) -> Feedback:
    """A check stopped at its limit: what finished (for no points: the run was not whole), and where."""
    tests = [replace(test_result(entry, exercise), points=0.0) for entry in run.finished]
    # The running test is named in the error and shown last, where it stopped the run.
    error = run.problem or "the whole check was stopped"
    if run.running:
        name = run.running.rsplit("::", 1)[-1]
        description = str(run.running_metadata.get("description", "")) or name
        error = f"{sentence(error)[:-1]} while this test was running: {description}"
        message = sentence(f"Stopped here: {run.problem or 'the whole check took too long'}")
        points = float(run.running_metadata.get("points", 1.0))
        tests.append(
            TestResult(name, description, "timeout", message, "", "", 0.0, points, 0.0, diagnosis="timeout")
        )
    stopped = whole_run_failure(exercise, run, learner, "timeout", sentence(error))
    return replace(stopped, tests=tuple(tests))


def whole_run_failure(exercise: Exercise, run: SuiteRun, learner: str, status: str, error: str) -> Feedback:
    return Feedback(
        schema_version=SCHEMA_VERSION,
        exercise_id=exercise.id,
        title=exercise.title,
        learner=learner,
        status=status,
        score=0.0,
        max_score=exercise.points,
        tests=(),
        error=error,
        duration=round(run.seconds, 3),
    )


def test_result(entry: dict[str, Any], exercise: Exercise) -> TestResult:
    meta = entry.get("metadata") or {}
    failure = failure_of(entry, meta)
    max_points = float(meta.get("points", 1.0))
    status = test_status(entry.get("outcome"), failure)
    diagnosis = diagnose(failure) if status != "passed" else ""
    message, hint = explain(failure, diagnosis, meta) if status != "passed" else ("", "")
    return TestResult(
        name=str(entry.get("nodeid", "")).rsplit("::", 1)[-1],
        description=str(meta.get("description", "")),
        status=status,
        message=message,
        hint=hint,
        output=shown_output(failure),
        points=max_points if status == "passed" else 0.0,
        max_points=max_points,
        duration=round(sum(float(entry.get(s, {}).get("duration", 0)) for s in ("setup", "call")), 4),
        milestone=meta.get("milestone"),
        where=tuple(frame_lines(failure, exercise)),
        diagnosis=diagnosis,
        call=str(failure.get("call", "")) if failure else "",
    )


def shown_output(failure: dict[str, Any]) -> str:
    """What the learner's code printed, with a note of ours when some of it was cut off."""
    output = str(failure.get("output", "")) if failure else ""
    dropped = failure.get("dropped") if failure else None
    if isinstance(dropped, int) and dropped > 0:
        output += f"\n... ({dropped} more characters of output were cut off)"
    return output


def failure_of(entry: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    for stage in ("setup", "call", "teardown"):
        failure = meta.get(f"failure_{stage}")
        if isinstance(failure, dict):
            return failure
    if entry.get("outcome") not in ("passed", None):
        return {"kind": "suite_error", "summary": "the test failed without saying why"}
    return {}


def test_status(outcome: Any, failure: dict[str, Any]) -> str:
    if outcome == "passed" and not failure:
        return "passed"
    kind = failure.get("kind")
    if kind == "not_started":
        return "not_started"
    if kind == "timeout":
        return "timeout"
    if kind in ERROR_KINDS:
        return "error"
    return "failed"


def explain(failure: dict[str, Any], diagnosis: str, meta: dict[str, Any]) -> tuple[str, str]:
    """Write the message and hint for a test that did not pass."""
    kind = failure.get("kind")
    summary = sentence(str(failure.get("summary", "")))
    hint = choose_hint(diagnosis, failure, meta) if kind not in ERROR_KINDS else ""
    if kind == "not_started":
        if "call" not in failure:
            return summary, ""
        return f"Not started yet: {failure['call']} still raises NotImplementedError.", ""
    if diagnosis == "printed":
        return (
            f"Called {failure['call']}; it printed the right answer but returned None: "
            "you printed the result instead of returning it.",
            hint,
        )
    if kind == "suite_error":
        return f"{GRADER_FAULT} on this test ({summary}) Please tell your instructor.", ""
    if kind == "http":
        lines = [summary]
        lines += [f"{label}: {failure[key]}" for key, label in HTTP_PARTS if failure.get(key)]
        return "\n".join(lines), hint
    evidence = recursion_of(failure)
    if evidence is not None:  # why it recursed so deep, on the evidence of the calls it made
        return f"{summary}\n{verdict(evidence)[1]}", hint
    return summary, hint


def sentence(text: str) -> str:
    """End a one-line message with a full stop unless it already ends like a sentence.

    A message of several lines may end in an exception's own words, which are shown as they are.
    """
    text = text.strip()
    return text if not text or "\n" in text or text.endswith((".", "?", "!")) else text + "."


HTTP_PARTS = (("request", "Request"), ("response", "Response"), ("expected", "Expected"))


def frame_lines(failure: dict[str, Any], exercise: Exercise) -> list[str]:
    """Show where in the learner's files an exception happened (a recursion once), or a call was stopped."""
    if failure and isinstance(failure.get("where"), dict):
        return stopped_lines(failure["where"], exercise)
    info = failure.get("exception") if failure else None
    if not isinstance(info, dict):
        return []
    lines: list[str] = []
    notes: dict[int, str] = {}  # the frame that ends a repeated cycle of frames, and what to say there
    for index, frame in enumerate(info.get("frames", [])):
        lines.append(place_of(frame, exercise))
        count, span = frame.get("repeated"), frame.get("span", 1)
        if isinstance(count, int) and isinstance(span, int):
            said = "repeated" if span == 1 else f"with {plural(span - 1, 'line')} above, repeated"
            notes[index + span - 1] = f" [{said} {count:,} times]"
        lines[-1] += notes.pop(index, "")
    return shortened(lines)


def plural(count: int, noun: str) -> str:
    return f"the {noun}" if count == 1 else f"the {count} {noun}s"


def place_of(frame: dict[str, Any], exercise: Exercise) -> str:
    place = f"{exercise.path}/{frame.get('file')}, line {frame.get('line')}"
    if frame.get("function") and frame.get("function") != "<module>":
        place += f", in {frame['function']}"
    code = str(frame.get("code", "")).strip()
    return f"{place}: {code}" if code else place


MAX_PLACES = 10


def shortened(lines: list[str]) -> list[str]:
    """Keep a long list of places short: the first few and the last ones, where Python stopped."""
    if len(lines) <= MAX_PLACES:
        return lines
    hidden = len(lines) - MAX_PLACES + 1
    return [*lines[:3], f"... ({hidden} more places in your code)", *lines[-(MAX_PLACES - 4) :]]


def stopped_lines(where: dict[str, Any], exercise: Exercise) -> list[str]:
    """Where a call was when it was stopped, and the loop it was going round."""
    place = f"{exercise.path}/{where.get('file')}, line {where.get('line')}"
    if where.get("function") and where.get("function") != "<module>":
        place += f", in {where['function']}"
    code = str(where.get("code", "")).strip()
    lines = [f"{place} (stopped here): {code}" if code else f"{place} (stopped here)"]
    loop = where.get("loop")
    if isinstance(loop, dict) and loop.get("line") != where.get("line"):
        lines.append(
            f"{exercise.path}/{where.get('file')}, line {loop.get('line')} (the loop): {loop.get('code')}"
        )
    return lines
