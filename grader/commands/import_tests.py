"""The import-tests command: turn a folder of exercises in the common layout into a course."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.common import UsageProblem, json_option, say, wants_json
from grader.plain.import_tests import ImportProblem, ImportReport, import_exercises
from grader.render import json_output


@click.command("import-tests")
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(path_type=Path), required=True, help="new folder for the course")
@click.option("--title", default="Imported exercises", show_default=True)
@json_option
@click.pass_context
def import_tests(ctx: click.Context, source: Path, out: Path, title: str, as_json: bool) -> None:
    """Convert exercises (starter, <name>_test.py, .meta/example.py) into a course with plain suites."""
    try:
        report = import_exercises(source, out, title)
    except ImportProblem as error:
        raise UsageProblem(str(error)) from None
    say(json_output.dumps(report.to_dict()) if wants_json(ctx, as_json) else import_text(report, out))


def import_text(report: ImportReport, out: Path) -> str:
    lines = [f"Imported {len(report.imported)} exercises into {out}: {', '.join(report.imported) or 'none'}"]
    lines += [f"  not converted: {item}" for item in report.skipped]
    lines += [f"  note: {item}" for item in report.notes]
    lines.append(f"Next: grader validate --course {out}")
    return "\n".join(lines)
