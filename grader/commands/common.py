"""What every command shares: options, loading the course and progress, output, usage errors."""

from __future__ import annotations

import os
from pathlib import Path

import click

from grader.course.manifest import Course, CourseError, Exercise
from grader.course.next_exercise import next_exercise
from grader.course.workspace import Progress, open_course

EXIT_PASSED, EXIT_NOT_PASSED, EXIT_USAGE = 0, 1, 2


class UsageProblem(click.ClickException):
    """A problem the user can fix; exits with status 2."""

    exit_code = EXIT_USAGE


def colour() -> bool | None:
    """No colour with NO_COLOR or a dumb terminal; otherwise click decides (only on a TTY)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return None


def say(text: str) -> None:
    click.echo(text, color=colour())


def warn(text: str) -> None:
    click.echo(text, err=True, color=colour())


def load(ctx: click.Context) -> Course:
    try:
        return open_course(ctx.obj.get("course"))
    except CourseError as error:
        raise UsageProblem(str(error)) from None


def open_progress(course: Course) -> Progress:
    """The learner's progress; anything wrong with the saved file is said once, on stderr."""
    try:
        progress = Progress(course)
    except CourseError as error:
        raise UsageProblem(str(error)) from None
    for notice in progress.notices:
        warn(notice)
    return progress


def pick(course: Course, wanted: str | None, progress: Progress) -> Exercise:
    """The exercise the learner named, the one whose folder they are in, or the next unsolved one."""
    if wanted is None:
        here = course.exercise_at(Path.cwd())
        upcoming = here or next_exercise(course, progress)
        if upcoming is None:
            raise UsageProblem("You have passed every exercise. Name one to check it again.")
        return upcoming
    try:
        return course.find(wanted)
    except CourseError as error:
        raise UsageProblem(str(error)) from None


def wants_json(ctx: click.Context, as_json: bool) -> bool:
    """--json after the command, or before it (`grader --json list`)."""
    return as_json or bool(ctx.obj.get("json"))


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
