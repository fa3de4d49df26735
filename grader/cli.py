"""The `grader` command line: each command parses, calls one core function, renders."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from grader.course import Course, CourseError, Exercise
from grader.doctor import run_doctor
from grader.grading import grade
from grader.render import json_output, terminal
from grader.restore import RestoreError, reset_exercise, solution_files
from grader.suite_ids import SuiteError
from grader.validate import validate_course
from grader.watch import watch_exercise
from grader.workspace import Progress, next_exercise, open_course

EXIT_PASSED, EXIT_NOT_PASSED, EXIT_USAGE = 0, 1, 2


class UsageProblem(click.ClickException):
    """A problem the user can fix; exits with status 2."""

    exit_code = EXIT_USAGE


def colour() -> bool | None:
    """No colour when NO_COLOR is set; otherwise click decides (only on a TTY)."""
    return False if os.environ.get("NO_COLOR") else None


def say(text: str) -> None:
    click.echo(text, color=colour())


def load(ctx: click.Context) -> Course:
    try:
        return open_course(ctx.obj.get("course"))
    except CourseError as error:
        raise UsageProblem(str(error)) from None


def pick(course: Course, wanted: str | None, progress: Progress) -> Exercise:
    """The exercise the learner named, or the next one they have not passed."""
    if wanted is None:
        upcoming = next_exercise(course, progress)
        if upcoming is None:
            raise UsageProblem("You have passed every exercise. Name one to check it again.")
        return upcoming
    try:
        return course.find(wanted)
    except CourseError as error:
        raise UsageProblem(str(error)) from None


json_option = click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")


def remember_course(ctx: click.Context, _: click.Parameter, value: str | None) -> None:
    if value:
        ctx.ensure_object(dict)["course"] = value


# Accepted after the command too (`grader check x --course DIR`), as people type it.
course_option = click.option(
    "--course",
    type=click.Path(file_okay=False),
    expose_value=False,
    callback=remember_course,
    help="Course folder (default: the one you are in).",
)


@click.group(invoke_without_command=True)
@click.option(
    "--course",
    type=click.Path(file_okay=False),
    envvar="GRADER_COURSE",
    help="Course folder (default: the one you are in).",
)
@click.version_option(package_name="backend-path")
@click.pass_context
def cli(ctx: click.Context, course: str | None) -> None:
    """Backend Path: work through the exercises and get precise feedback."""
    ctx.ensure_object(dict)
    ctx.obj["course"] = course
    if ctx.invoked_subcommand is None:
        loaded = load(ctx)
        progress = Progress(loaded)
        say(terminal.overview_text(loaded, progress, next_exercise(loaded, progress)))


@cli.command("list")
@course_option
@json_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool) -> None:
    """Show the course and your progress."""
    course = load(ctx)
    progress = Progress(course)
    say(json_output.course_json(course, progress) if as_json else terminal.course_table(course, progress))


@cli.command()
@course_option
@click.argument("exercise", required=False)
@click.option("--milestone", type=click.IntRange(1, 99), help="Projects: grade up to this milestone.")
@json_option
@click.pass_context
def check(ctx: click.Context, exercise: str | None, milestone: int | None, as_json: bool) -> None:
    """Grade an exercise (default: your next unsolved one)."""
    course = load(ctx)
    progress = Progress(course)
    chosen = pick(course, exercise, progress)
    if milestone is not None and chosen.kind != "project":
        raise UsageProblem(f"--milestone is for projects; {chosen.id} is not a project")
    try:
        feedback = grade(course, chosen, milestone=milestone)
    except SuiteError as error:
        raise UsageProblem(str(error)) from None
    progress.record_check(feedback)
    if as_json:
        say(json_output.feedback_json(feedback))
    else:
        say(terminal.feedback_text(feedback, chosen, next_exercise(course, progress)))
    sys.exit(EXIT_PASSED if feedback.passed else EXIT_NOT_PASSED)


@cli.command()
@course_option
@click.argument("exercise", required=False)
@click.option("--interval", type=click.FloatRange(0.1, 10), default=0.5, show_default=True)
@click.pass_context
def watch(ctx: click.Context, exercise: str | None, interval: float) -> None:
    """Re-check your exercise every time you save it; Ctrl-C stops."""
    course = load(ctx)
    progress = Progress(course)
    start = pick(course, exercise, progress)
    say(f"Watching {start.id}: save your file to check it. Press Ctrl-C to stop.")
    try:
        watch_exercise(course, start, progress, report=say, interval=interval)
    except KeyboardInterrupt:
        say("\nStopped watching.")


@cli.command()
@course_option
@click.argument("exercise", required=False)
@click.pass_context
def hint(ctx: click.Context, exercise: str | None) -> None:
    """Show the next hint for an exercise."""
    course = load(ctx)
    progress = Progress(course)
    chosen = pick(course, exercise, progress)
    shown = progress.record_hint(chosen) if chosen.hints else 0
    say(terminal.hint_text(chosen, shown))


@cli.command()
@course_option
@click.argument("exercise")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def reset(ctx: click.Context, exercise: str, yes: bool) -> None:
    """Restore an exercise's starter files (your version is backed up)."""
    course = load(ctx)
    chosen = pick(course, exercise, Progress(course))
    if not yes:
        click.confirm(f"Replace your files for {chosen.id} with the starter?", abort=True)
    try:
        backup = reset_exercise(course, chosen)
    except RestoreError as error:
        raise UsageProblem(str(error)) from None
    say(f"Restored the starter for {chosen.id}. Your previous files are saved in {backup}.")


@cli.command()
@course_option
@click.argument("exercise")
@click.pass_context
def solution(ctx: click.Context, exercise: str) -> None:
    """Show the reference solution, once you have passed the exercise."""
    course = load(ctx)
    progress = Progress(course)
    chosen = pick(course, exercise, progress)
    if progress.of(chosen).status != "passed":
        raise UsageProblem(
            f"The solution to {chosen.id} unlocks once you pass it. Try `grader hint {chosen.id}`."
        )
    try:
        files = solution_files(course, chosen)
    except RestoreError as error:
        raise UsageProblem(str(error)) from None
    for name, text in files:
        say(click.style(f"# {name}", bold=True))
        say(text)


@cli.command()
@course_option
@json_option
@click.pass_context
def doctor(ctx: click.Context, as_json: bool) -> None:
    """Check your set-up and say how to fix what is wrong."""
    report = run_doctor(ctx.obj.get("course"))
    say(json_output.dumps(report.to_dict()) if as_json else terminal.doctor_text(report))
    sys.exit(EXIT_PASSED if report.ok else EXIT_NOT_PASSED)


@cli.command()
@course_option
@click.argument("exercises", nargs=-1)
@click.option("--jobs", type=click.IntRange(1, 32), default=2, show_default=True)
@json_option
@click.pass_context
def validate(ctx: click.Context, exercises: tuple[str, ...], jobs: int, as_json: bool) -> None:
    """Prove the hidden suites: reference passes, starter and every mistake fail."""
    course = load(ctx)
    chosen = [pick(course, wanted, Progress(course)) for wanted in exercises]
    try:
        report = validate_course(course, chosen, jobs)
    except SuiteError as error:
        raise UsageProblem(str(error)) from None
    say(json_output.dumps(report.to_dict()) if as_json else terminal.validation_text(report))
    sys.exit(EXIT_PASSED if report.ok else EXIT_NOT_PASSED)


def main(argv: list[str] | None = None) -> NoReturn:
    """Run the CLI; an unexpected error becomes a short message and exit status 2."""
    try:
        cli.main(args=argv, prog_name="grader", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:  # a crash must never greet a learner with a traceback
        report_internal_error(error)
    sys.exit(0)


def report_internal_error(error: BaseException) -> NoReturn:
    import traceback

    log = Path.home() / ".cache" / "backend-path" / "last-error.txt"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        where = f" Details were saved to {log}."
    except OSError:
        where = ""
    click.echo(f"grader: internal error: {type(error).__name__}: {error}.{where}", err=True)
    sys.exit(EXIT_USAGE)
