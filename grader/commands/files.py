"""Commands that touch the learner's files: reset to the starter, show the solution."""

from __future__ import annotations

import click

from grader.commands.common import (
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
from grader.course.restore import RestoreError, reset_exercise, solution_files
from grader.render import json_output, terminal


@click.command()
@course_option
@click.argument("exercise")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@json_option
@click.pass_context
def reset(ctx: click.Context, exercise: str, yes: bool, as_json: bool) -> None:
    """Restore an exercise's starter files (your version is backed up)."""
    course = load(ctx)
    progress = open_progress(course)
    chosen = pick(course, exercise, progress)
    if not yes:
        click.confirm(f"Replace your files for {chosen.id} with the starter?", abort=True, err=as_json)
    try:
        result = reset_exercise(course, chosen)
    except RestoreError as error:
        raise UsageProblem(str(error)) from None
    progress.record_reset(chosen)
    say(json_output.dumps(result.to_dict()) if wants_json(ctx, as_json) else terminal.reset_text(result))


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
