"""Commands about the set-up and the course itself: the overview, doctor, validate."""

from __future__ import annotations

import sys

import click

from grader.commands.common import (
    EXIT_NOT_PASSED,
    EXIT_PASSED,
    UsageProblem,
    course_option,
    json_option,
    load,
    open_progress,
    pick,
    say,
    wants_json,
)
from grader.course.next_exercise import next_exercise
from grader.doctor import run_doctor
from grader.invocation import grader_command
from grader.pipeline.suite_ids import SuiteError
from grader.proof_records import ProofRecords
from grader.render import json_output, terminal
from grader.render.doctor_text import doctor_text
from grader.validate import validate_course


def overview(ctx: click.Context) -> None:
    """What `grader` alone says: where you are, what is next, and how to run it in this shell."""
    course = load(ctx)
    progress = open_progress(course)
    upcoming = next_exercise(course, progress)
    command = grader_command()
    if ctx.obj.get("json"):
        say(json_output.overview_json(course, progress, upcoming, command))
    else:
        say(terminal.overview_text(course, progress, upcoming, command))


@click.command()
@course_option
@json_option
@click.pass_context
def doctor(ctx: click.Context, as_json: bool) -> None:
    """Check your set-up and say how to fix what is wrong."""
    report = run_doctor(ctx.obj.get("course"))
    say(json_output.dumps(report.to_dict()) if wants_json(ctx, as_json) else doctor_text(report))
    sys.exit(EXIT_PASSED if report.ok else EXIT_NOT_PASSED)


@click.command()
@course_option
@click.argument("exercises", nargs=-1)
@click.option(
    "--jobs",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Runs graded at once; a few more start while a core stands idle (not with 1).",
)
@click.option(
    "--fresh",
    is_flag=True,
    help="Grade every exercise again, even one whose files have not changed since it last validated.",
)
@json_option
@click.pass_context
def validate(ctx: click.Context, exercises: tuple[str, ...], jobs: int, fresh: bool, as_json: bool) -> None:
    """Prove the hidden suites: reference passes, starter and every mistake fail."""
    course = load(ctx)
    progress = open_progress(course)
    chosen = [pick(course, wanted, progress) for wanted in exercises]
    try:
        report = validate_course(course, chosen, jobs, None if fresh else ProofRecords(course))
    except SuiteError as error:
        raise UsageProblem(str(error)) from None
    text = (
        json_output.dumps(report.to_dict()) if wants_json(ctx, as_json) else terminal.validation_text(report)
    )
    say(text)
    sys.exit(EXIT_PASSED if report.ok else EXIT_NOT_PASSED)
