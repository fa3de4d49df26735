"""The `grader` command line: each command parses, calls one core function, renders.

The commands live in grader/commands/ (learning, files, setup); this module
assembles them into one group and turns any unexpected crash into a message.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from grader.batch.cluster_worker import worker as worker_command
from grader.batch.command import grade as grade_command
from grader.commands.common import EXIT_USAGE, UsageProblem
from grader.commands.files import reset, solution
from grader.commands.import_tests import import_tests
from grader.commands.learning import check, hint, list_command, watch
from grader.commands.setup import doctor, overview, validate
from grader.edition.commands import release
from grader.notebook.commands import notebooks_group
from grader.platforms.commands import gradescope_group

__all__ = ["UsageProblem", "cli", "main"]


@click.group(invoke_without_command=True)
@click.option(
    "--course",
    type=click.Path(file_okay=False),
    envvar="GRADER_COURSE",
    help="Course folder (default: the one you are in).",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON (any command).")
@click.version_option(package_name="backend-path")
@click.pass_context
def cli(ctx: click.Context, course: str | None, as_json: bool) -> None:
    """Backend Path: work through the exercises and get precise feedback."""
    ctx.ensure_object(dict)
    ctx.obj["course"] = course
    ctx.obj["json"] = as_json
    if ctx.invoked_subcommand is None:
        overview(ctx)


for command in (
    list_command,
    check,
    watch,
    hint,
    reset,
    solution,
    doctor,
    validate,
    notebooks_group,
    grade_command,
    worker_command,
    release,
    gradescope_group,
    import_tests,
):
    cli.add_command(command)


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
