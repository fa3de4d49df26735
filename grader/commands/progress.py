"""`grader progress`: the learner's weekly record, from their own check history."""

from __future__ import annotations

from datetime import datetime

import click

from grader.commands.common import UsageProblem, course_option, json_option, load, say, wants_json
from grader.course.manifest import CourseError
from grader.course.weekly import weekly_progress
from grader.render import json_output
from grader.render.weekly_terminal import weekly_text


@click.command("progress")
@course_option
@click.option(
    "--week", type=click.IntRange(0, 520), help="Weeks back: 0 is this week (the default), 1 last week."
)
@click.option(
    "--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="From this day (YYYY-MM-DD) until now."
)
@json_option
@click.pass_context
def progress_command(ctx: click.Context, week: int | None, since: datetime | None, as_json: bool) -> None:
    """Your week: what you solved, the mistakes you fixed, where you are stuck."""
    if week is not None and since is not None:
        raise UsageProblem("Give --week or --since, not both.")
    course = load(ctx)
    now = datetime.now().astimezone()
    try:
        record = weekly_progress(course, now, week or 0, since.date() if since else None)
    except CourseError as error:
        raise UsageProblem(str(error)) from None
    say(json_output.weekly_json(record) if wants_json(ctx, as_json) else weekly_text(record, now))
