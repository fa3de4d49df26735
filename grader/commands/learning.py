"""Commands for working through the course: list, check, watch, hint."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from grader.commands.common import (
    EXIT_NOT_PASSED,
    EXIT_PASSED,
    UsageProblem,
    colour,
    course_option,
    json_option,
    load,
    open_progress,
    pick,
    say,
    wants_json,
)
from grader.course.edition_marker import local_checks_note, read_edition
from grader.course.hints import show_hint
from grader.course.manifest import Course
from grader.course.next_exercise import next_exercise
from grader.course.project_status import project_status
from grader.notebook.commands import notebook_check
from grader.notebook.extract import NotebookError
from grader.pipeline.grading import grade
from grader.pipeline.suite_ids import SuiteError
from grader.render import json_output, terminal
from grader.render.project_text import project_lines
from grader.render.running_line import running_line
from grader.watch import watch_exercise


@click.command("list")
@course_option
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Show the course and your progress."""
    course = load(ctx)
    progress = open_progress(course)
    if wants_json(ctx, as_json):
        say(json_output.course_json(course, progress))
    else:
        say(terminal.course_table(course, progress))


@click.command()
@course_option
@click.argument("exercise", required=False)
@click.option("--milestone", type=click.IntRange(1, 99), help="Projects: grade up to this milestone.")
@click.option("--notebook", type=click.Path(dir_okay=False), help="Grade a saved notebook's cells instead.")
@click.option("--all", "every", is_flag=True, help="Grade every exercise (CI); --json gives a list.")
@json_option
@click.pass_context
def check(
    ctx: click.Context,
    exercise: str | None,
    milestone: int | None,
    notebook: str | None,
    every: bool,
    as_json: bool,
) -> None:
    """Grade an exercise (default: the one whose folder you are in, or your next unsolved one)."""
    course = load(ctx)
    if every:
        if exercise or milestone is not None or notebook is not None:
            raise UsageProblem(
                "--all grades every exercise: leave out the exercise, --milestone and --notebook"
            )
        check_every(course, wants_json(ctx, as_json))
    if notebook is not None:
        try:
            text, passed = notebook_check(course, Path(notebook), exercise, wants_json(ctx, as_json))
        except (NotebookError, SuiteError) as error:
            raise UsageProblem(str(error)) from None
        say(text)
        sys.exit(EXIT_PASSED if passed else EXIT_NOT_PASSED)
    progress = open_progress(course)
    chosen = pick(course, exercise, progress)
    if milestone is not None and chosen.kind != "project":
        raise UsageProblem(f"--milestone is for projects; {chosen.id} is not a project")
    try:
        with running_line(not wants_json(ctx, as_json)) as line:
            feedback = grade(course, chosen, milestone=milestone, on_test=line.on_test if line else None)
    except SuiteError as error:
        raise UsageProblem(str(error)) from None
    entry = progress.record_check(feedback, milestone)
    project = project_status(chosen, entry.milestone_results) if chosen.milestones else None
    if wants_json(ctx, as_json):
        say(json_output.feedback_json(feedback, project))
    else:
        upcoming = next_exercise(course, progress, after=chosen)
        footer = terminal.next_step(feedback, chosen, upcoming, milestone=milestone)
        if project is not None:  # the whole project's standing, as `grader list` shows it
            footer = "\n".join([*project_lines(chosen.id, project), "", footer])
        say(terminal.feedback_text(feedback, chosen, upcoming, footer=footer))
        passed_here = sum(1 for t in feedback.tests if t.status == "passed")
        note = local_checks_note(read_edition(course.root), chosen.id, passed_here)
        if note:
            say(note)
    sys.exit(EXIT_PASSED if feedback.passed else EXIT_NOT_PASSED)


@click.command()
@course_option
@click.argument("exercise", required=False)
@click.option("--interval", type=click.FloatRange(0.1, 10), default=0.5, show_default=True)
@click.pass_context
def watch(ctx: click.Context, exercise: str | None, interval: float) -> None:
    """Re-check your exercise every time you save it; Ctrl-C stops. (No --json: it never ends.)"""
    course = load(ctx)
    progress = open_progress(course)
    start = pick(course, exercise, progress)
    say(f"Watching {start.id}: save your file to check it. Press Ctrl-C to stop.")
    clear = sys.stdout.isatty() and colour() is not False
    try:
        watch_exercise(course, start, progress, report=say, interval=interval, clear_screen=clear)
    except KeyboardInterrupt:
        say("\nStopped watching.")


@click.command()
@course_option
@click.argument("exercise", required=False)
@click.option("--all", "show_all", is_flag=True, help="Show again every hint you have seen.")
@json_option
@click.pass_context
def hint(ctx: click.Context, exercise: str | None, show_all: bool, as_json: bool) -> None:
    """Show the next hint for an exercise (--all: every hint you have seen so far)."""
    course = load(ctx)
    progress = open_progress(course)
    shown = show_hint(progress, pick(course, exercise, progress), every=show_all)
    if wants_json(ctx, as_json):
        say(json_output.dumps(shown.to_dict()))
    else:
        say(terminal.hint_text(shown))


def check_every(course: Course, as_json: bool) -> NoReturn:
    """Grade every exercise in course order; exit 0 only when all pass."""
    progress = open_progress(course)
    results = []
    for chosen in course.exercises:
        try:
            feedback = grade(course, chosen)
        except SuiteError as error:
            raise UsageProblem(str(error)) from None
        progress.record_check(feedback, None)
        results.append(feedback)
    if as_json:
        say(json_output.dumps([f.to_dict() for f in results]))
    else:
        say("\n".join(f"{f.exercise_id}: {f.status} {f.score:g}/{f.max_score:g}" for f in results))
    sys.exit(EXIT_PASSED if all(f.passed for f in results) else EXIT_NOT_PASSED)
