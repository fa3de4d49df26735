"""Render feedback and course state as text for a terminal.

Styles are added with click.style; the CLI decides whether colour is shown
(NO_COLOR, non-TTY output). Symbols fall back to ASCII when the terminal's
encoding cannot show them.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from grader.course.hints import HintsShown
from grader.course.manifest import Course, Exercise
from grader.course.project_status import project_status
from grader.course.restore import ResetResult
from grader.course.workspace import ExerciseProgress, Progress
from grader.feedback.model import Feedback, points
from grader.invocation import activate_command
from grader.render.blocks import MARKS
from grader.render.test_results import COLOURS, tests_text

if TYPE_CHECKING:  # the check command should not import what doctor and validate need
    from grader.validate import ExerciseCheck, ValidationReport

# The same marks as the notebook and the reports (◷, not the emoji ⏱ that some fonts lack or draw wide).
FANCY = {status: MARKS[status] for status in ("passed", "failed", "error", "timeout", "not_started")}
PLAIN = {"passed": "+", "failed": "x", "error": "!", "timeout": "T", "not_started": "."}
STATE_COLOURS = {"done": "green", "in progress": "yellow", "not started": "bright_black"}


def symbols() -> dict[str, str]:
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower()
    try:
        "".join(FANCY.values()).encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return PLAIN
    return FANCY


def status_word(status: str) -> str:
    return status.replace("_", " ")


def feedback_text(
    feedback: Feedback, exercise: Exercise, next_up: Exercise | None, footer: str | None = None
) -> str:
    """The full result of one check, ending with what to do next (``footer``, when the caller knows)."""
    marks = symbols()
    score = f"{points(feedback.score):g}/{feedback.max_score:g} points"
    heading = click.style(f"{feedback.title} ({feedback.exercise_id})", bold=True)
    verdict = click.style(status_word(feedback.status), fg=COLOURS[feedback.status], bold=True)
    lines = [f"{heading}  {score}  {verdict}", ""]
    if feedback.status == "not_started":
        lines.append(not_started_text(exercise))
        if feedback.error:  # e.g. the code is in a new file the grader does not read
            lines += ["", click.style(feedback.error, fg=COLOURS["error"])]
    elif feedback.error and (not feedback.tests or feedback.status == "error"):
        lines.append(click.style(feedback.error, fg=COLOURS["error"]))
    else:
        label = "Your tests printed:" if exercise.kind == "write-tests" else "Your code printed:"
        lines.extend(tests_text(feedback.tests, marks, label))
    lines += metrics_text(feedback, marks)
    lines += ["", footer if footer is not None else next_step(feedback, exercise, next_up)]
    return "\n".join(lines)


def metrics_text(feedback: Feedback, marks: dict[str, str]) -> list[str]:
    """Measurements of the learner's code: before -> now, and the target when there is one."""
    if not feedback.metrics:
        return []
    lines = ["", click.style("Your code, measured:", bold=True)]
    for metric in feedback.metrics:
        before = f"{metric.before:g} -> " if metric.before is not None else ""
        target = f" (target: at most {metric.target:g})" if metric.target is not None else ""
        mark = "" if metric.met is None else marks["passed" if metric.met else "failed"] + " "
        lines.append(f"  {mark}{metric.label}: {before}{metric.value:g}{target}")
    return lines


FIRST_STEP = {
    "write-tests": "write test functions (named test_...) that use assert in {files}",
    "project": "follow the milestones in the README, starting with {files}",
    "refactor": "restructure {files} without changing what it does, until it meets the targets below",
}
DEFAULT_FIRST_STEP = "open {files} and replace each `raise NotImplementedError` with your code"


def not_started_text(exercise: Exercise) -> str:
    files = ", ".join(f"{exercise.path}/{name}" for name in exercise.files)
    step = FIRST_STEP.get(exercise.kind, DEFAULT_FIRST_STEP).format(files=files)
    return f"You have not started this exercise yet. Read {exercise.path}/README.md, then {step}."


def next_step(
    feedback: Feedback,
    exercise: Exercise,
    next_up: Exercise | None,
    milestone: int | None = None,
    watching: bool = False,
) -> str:
    """What to do after this check: the command that repeats it, or where to go next."""
    command = f"grader check {exercise.id}" + (f" --milestone {milestone}" if milestone else "")
    if not feedback.passed:
        again = (
            "Save your changes to check again."
            if watching
            else f"Save your changes and run `{command}` again."
        )
        return f"{again} Stuck? `grader hint {exercise.id}` gives a hint."
    if milestone is not None:
        following = f"grader check {exercise.id} --milestone {milestone + 1}"
        return (
            f"Milestone {milestone} passed. Go on with milestone {milestone + 1} in "
            f"{exercise.path}/README.md and check it with `{following}`; "
            f"`grader check {exercise.id}` grades the whole project."
        )
    if next_up is None:
        return click.style("All exercises passed. Well done!", fg="green", bold=True)
    if watching:
        return f"Next up: {next_up.title} ({next_up.id})."
    return f"Next up: {next_up.title}. Run `grader check {next_up.id}`."


def course_table(course: Course, progress: Progress) -> str:
    """The course as a progress table, module by module."""
    width = max((len(e.id) for e in course.exercises), default=10)
    lines = [click.style(course.title, bold=True)]
    for module in course.modules:
        lines += ["", click.style(module.title, bold=True, underline=True)]
        for exercise in (e for e in course.exercises if e.module == module.id):
            entry = progress.of(exercise)
            lines.append(table_row(exercise, entry, width))
    done = sum(1 for e in course.exercises if progress.of(e).state == "done")
    lines += ["", f"{done} of {len(course.exercises)} exercises done."]
    return "\n".join(lines)


def table_row(exercise: Exercise, entry: ExerciseProgress, width: int) -> str:
    project = project_status(exercise, entry.milestone_results) if exercise.milestones else None
    word, best, milestone = entry.state, entry.best_score, entry.milestone
    if project is not None:  # a project's standing, as every door shows it
        word, best, milestone = project.state, project.score, project.reached
    state = click.style(f"{word:<11}", fg=STATE_COLOURS[word])
    score = f"{points(best):g}/{exercise.points:g}"
    reached = f"  (milestone {milestone} reached)" if milestone and word != "done" else ""
    return f"  {exercise.id:<{width}}  {state}  {score:>8}  {exercise.title}{reached}"


def overview_text(
    course: Course, progress: Progress, next_up: Exercise | None, command: str = "grader"
) -> str:
    """What `grader` with no arguments says: where you are and what to run, in this shell."""
    done = sum(1 for e in course.exercises if progress.of(e).state == "done")
    lines = [click.style(course.title, bold=True), f"{done} of {len(course.exercises)} exercises done."]
    if next_up is None:
        lines.append(f"You have passed every exercise. `{command} list` shows your scores.")
        return "\n".join(lines + activation_lines(command))
    module = course.module(next_up.module)
    lines += [
        "",
        f"Next exercise: {next_up.title} ({next_up.id}), in {module.title}",
        f"  Read:  {next_up.path}/README.md",
        f"  Edit:  {', '.join(next_up.path + '/' + f for f in next_up.files)}",
        f"  Check: {command} check {next_up.id}   (or `{command} watch` to re-check on every save)",
    ]
    return "\n".join(lines + activation_lines(command))


def activation_lines(command: str) -> list[str]:
    """When the course's environment is not active here, how to run grader anyway, or activate it."""
    if command == "grader":
        return []
    return [
        "",
        f"Your virtual environment is not active in this shell, so type the full path ({command}),",
        "or activate it once per terminal and then type just `grader`:",
        f"  {activate_command()}",
    ]


def hint_text(result: HintsShown) -> str:
    """The hint just shown, or (``every``) all hints shown so far, in order."""
    if not result.total:
        return f"{result.title} has no hints. Re-read its README.md, or ask for help."
    lines = [click.style(f"Hint {n} of {result.total}: ", bold=True) + text for n, text in numbered(result)]
    if result.shown == result.total:
        lines[-1] += " That was the last hint."
    elif result.every:
        lines.append(f"`grader hint {result.exercise_id}` shows the next one.")
    return "\n".join(lines)


def numbered(result: HintsShown) -> list[tuple[int, str]]:
    """(number, hint) for what to show: every hint seen, or only the newest."""
    pairs = list(enumerate(result.hints, start=1))
    return pairs if result.every else pairs[-1:]


def reset_text(result: ResetResult) -> str:
    """What a reset did: restored, backed up (or nothing to back up), and what it left alone."""
    restored = f"Restored the starter for {result.exercise_id}."
    if result.backup:
        lines = [f"{restored} Your previous files are saved in {result.backup}."]
    else:
        lines = [f"{restored} Your files were the untouched starter: nothing to back up."]
    if result.left:
        lines.append("Left as they are (not part of the starter; delete them yourself for a clean start):")
        lines += [f"  {name}" for name in result.left]
    return "\n".join(lines)


def hint_lines(check: ExerciseCheck) -> list[str]:
    """What the hint proof found: the count, each hint that misfires, each that never fires."""
    if not check.hints:
        return []
    proven = sum(1 for h in check.hints if h.ok and not h.never_fires)
    silent = [h for h in check.hints if h.never_fires]
    lines = [f"    hints: {len(check.hints)}, {proven} fire only where written for, {len(silent)} never fire"]
    for hint in check.hints:
        if hint.on_reference:
            lines.append(f"      HINT FIRES ON THE REFERENCE: {shortened(hint.text)}")
        if hint.misfires:
            lines.append(
                f"      HINT FIRES ON {', '.join(hint.misfires)}, not written for it: {shortened(hint.text)}"
            )
    lines += [f"      never fires: {shortened(h.text)}" for h in silent]
    return lines


def milestone_lines(check: ExerciseCheck) -> list[str]:
    """Each graded milestone, run with only its own code: passable, or what it needs from later."""
    lines = []
    for proof in check.milestones:
        verdict = "passable" if proof.ok else "NOT PASSABLE with only its own code"
        stubbed = f"{len(proof.stubbed)} later functions stubbed"
        lines.append(f"    milestone {proof.milestone}: {verdict} ({stubbed})")
        lines += [f"      {shortened(p)}" for p in ((proof.problem,) if proof.problem else proof.failed[:5])]
    return lines


def shortened(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def validation_text(report: ValidationReport) -> str:
    marks = symbols()
    lines = []
    for check in report.exercises:
        mark = click.style(
            marks["passed" if check.ok else "failed"], fg=COLOURS["passed" if check.ok else "failed"]
        )
        lines.append(
            f"{mark} {check.exercise_id}: reference {status_word(check.reference_status)}, "
            f"starter {status_word(check.starter_status)}, {len(check.mistakes)} mistakes"
        )
        lines += [f"    refused in the suite: {p}" for p in check.suite_problems]
        lines += [f"    not in the README or starter: {u}" for u in check.unstated]
        lines += [f"    reference problem: {p}" for p in check.reference_problems[:5]]
        lines += [f"    the grader itself failed: {p}" for p in check.grader_faults[:5]]
        if check.hidden_tests or not check.public_tests:
            lines.append(f"    {check.public_tests} public tests, {check.hidden_tests} instructor-only")
        if check.hidden_tests and not check.public_tests:
            lines.append(
                "    no public test: a learner edition could not check it (keep one out of *_instructor.py)"
            )
        if check.reused:
            lines.append("    proved by an earlier validate: nothing its runs read has changed since")
        elif check.reused_runs:
            lines.append(
                f"    {check.reused_runs} of its {check.runs} runs proved by an earlier validate "
                "(nothing they read has changed); the others graded now"
            )
        if check.starter_note:
            lines.append(f"    note: {check.starter_note}")
        if not check.mistakes:
            lines.append("    no known-wrong variants in mistakes/")
        for mistake in check.mistakes:
            caught = f"caught by {', '.join(mistake.caught_by)}" if mistake.caught else "NOT CAUGHT"
            lines.append(f"    {mistake.name}: {caught}  ({mistake.mistake})")
            if mistake.only_hidden_tests_catch:
                lines.append(
                    "      only instructor-only tests catch it "
                    f"(public score {mistake.public_score:g}, full {mistake.score:g})"
                )
        lines += hint_lines(check) + milestone_lines(check)
    lines += [f"stray folder not in the manifest: {folder}" for folder in report.stray_folders]
    ok = sum(1 for c in report.exercises if c.ok)
    lines += ["", f"{ok} of {len(report.exercises)} exercises validated."]
    reused = sum(1 for c in report.exercises if c.reused)
    if reused:
        lines.append(
            f"{reused} graded by an earlier validate, whose runs are reused (nothing they read has changed): "
            "grader validate --fresh grades every one again."
        )
    return "\n".join(lines)
