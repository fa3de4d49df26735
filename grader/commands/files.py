"""Commands that touch the learner's files: reset to the starter, show the solution."""

from __future__ import annotations

import sys

import click

from grader.commands.common import (
    EXIT_USAGE,
    UsageProblem,
    course_option,
    json_option,
    load,
    open_progress,
    pick,
    say,
    wants_json,
)
from grader.course.edition_marker import read_edition
from grader.course.restore import ResetNotConfirmed, RestoreError, reset_exercise, solution_files
from grader.render import json_output, terminal


@click.command()
@course_option
@click.argument("exercise")
@click.option(
    "--yes", is_flag=True, help="Reset without asking for confirmation (needed without a terminal)."
)
@json_option
@click.pass_context
def reset(ctx: click.Context, exercise: str, yes: bool, as_json: bool) -> None:
    """Restore an exercise's starter files (your version is backed up); asks first unless --yes."""
    course = load(ctx)
    progress = open_progress(course)
    chosen = pick(course, exercise, progress)
    if not yes and not can_ask():
        refusal = ResetNotConfirmed(chosen.id)
        if not wants_json(ctx, as_json):
            raise UsageProblem(refusal.message)
        say(json_output.dumps(refusal.to_dict()))
        ctx.exit(EXIT_USAGE)
    if not yes:
        click.confirm(f"Replace your files for {chosen.id} with the starter?", abort=True, err=as_json)
    try:
        result = reset_exercise(course, chosen)
    except RestoreError as error:
        raise UsageProblem(str(error)) from None
    progress.record_reset(chosen)
    say(json_output.dumps(result.to_dict()) if wants_json(ctx, as_json) else terminal.reset_text(result))


def can_ask() -> bool:
    """Whether a question can be answered: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


@click.command()
@course_option
@click.argument("exercise")
@json_option
@click.pass_context
def solution(ctx: click.Context, exercise: str, as_json: bool) -> None:
    """Show the reference solution, once you have passed the exercise."""
    course = load(ctx)
    progress = open_progress(course)
    chosen = pick(course, exercise, progress)
    edition = read_edition(course.root)
    if edition is not None and not course.solution_dir(chosen).is_dir():
        say(edition.solutions_note or "This edition of the course has no reference solutions.")
        return
    if progress.of(chosen).status != "passed":
        raise UsageProblem(
            f"The solution to {chosen.id} unlocks once you pass it. Try `grader hint {chosen.id}`."
        )
    try:
        files = solution_files(course, chosen)
    except RestoreError as error:
        raise UsageProblem(str(error)) from None
    if wants_json(ctx, as_json):
        shown = [{"path": name, "text": text} for name, text in files]
        say(json_output.dumps({"exercise_id": chosen.id, "files": shown}))
        return
    for name, text in files:
        say(click.style(f"# {name}", bold=True))
        say(text)
