"""The `grader` command line: each command parses, calls one core function, renders.

The commands live in grader/commands/ (learning, files, setup); this module
assembles them into one group and turns any unexpected crash into a message.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import NoReturn

import click

from grader.commands.common import EXIT_USAGE, UsageProblem

__all__ = ["UsageProblem", "cli", "main"]

# Each command is imported only when it runs: a check should not pay for importing the
# batch grader, the cluster or pytest itself (the pytest server imports that, in parallel).
COMMANDS = {
    "list": "grader.commands.learning:list_command",
    "check": "grader.commands.learning:check",
    "watch": "grader.commands.learning:watch",
    "hint": "grader.commands.learning:hint",
    "progress": "grader.commands.progress:progress_command",
    "reset": "grader.commands.files:reset",
    "solution": "grader.commands.files:solution",
    "doctor": "grader.commands.setup:doctor",
    "validate": "grader.commands.setup:validate",
    "notebooks": "grader.notebook.commands:notebooks_group",
    "grade": "grader.batch.command:grade",
    "worker": "grader.batch.cluster_worker:worker",
    "scheduler": "grader.batch.cluster_scheduler:scheduler",
    "release": "grader.edition.commands:release",
    "gradescope": "grader.platforms.commands:gradescope_group",
    "import-tests": "grader.commands.import_tests:import_tests",
}


class CourseCommands(click.Group):
    """The command group, importing each command's module the first time it is needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, _, name = COMMANDS[cmd_name].partition(":")
        command = getattr(importlib.import_module(module), name)
        assert isinstance(command, click.Command) and command.name == cmd_name, cmd_name
        return command


@click.group(cls=CourseCommands, invoke_without_command=True)
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
        from grader.commands.setup import overview

        overview(ctx)


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
