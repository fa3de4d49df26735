"""Command-line pieces of the notebook door: `grader notebooks build` and `grader check --notebook`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from grader.commands.common import UsageProblem, course_option, load
from grader.course.manifest import Course, CourseError
from grader.notebook.saved import NotebookResult, grade_notebook
from grader.render.notebook_html import feedback_plain


@click.group("notebooks")
def notebooks_group() -> None:
    """Generate the course's notebooks (one per module)."""


@notebooks_group.command("build")
@course_option
@click.option("--check", "only_check", is_flag=True, help="Only report stale notebooks; exit 1 if any.")
@click.option("--out", type=click.Path(file_okay=False), help="Folder to write into (default: notebooks/).")
@click.pass_context
def build_command(ctx: click.Context, only_check: bool, out: str | None) -> None:
    """Regenerate notebooks/ from exercises/ (never edit the notebooks by hand)."""
    # Imported here: nbformat is slow to load, and other commands never need it.
    from grader.notebook.build import NOTEBOOK_DIR, stale_notebooks, write_notebooks

    course = load(ctx)
    folder = Path(out) if out else course.root / NOTEBOOK_DIR
    try:
        stale = stale_notebooks(course, folder)
    except CourseError as error:
        raise UsageProblem(str(error)) from None
    if only_check:
        if stale:
            click.echo(f"Stale notebooks in {folder}: {', '.join(stale)}. Run `grader notebooks build`.")
            sys.exit(1)
        click.echo(f"The notebooks in {folder} are up to date.")
        return
    build = write_notebooks(course, folder)
    click.echo(f"{len(build.written)} notebooks in {folder}: {', '.join(p.name for p in build.written)}")
    if build.backup is not None:
        click.echo(f"The notebooks it replaced are saved in {build.backup}.")


def notebook_check(course: Course, path: Path, wanted: str | None, as_json: bool) -> tuple[str, bool]:
    """Grade a saved notebook and render it; return the text and whether everything graded passed."""
    results = grade_notebook(course, path, wanted)
    passed = all(r.feedback is not None and r.feedback.passed for r in results)
    if as_json:
        data = {"schema_version": 1, "notebook": str(path), "results": [r.to_dict() for r in results]}
        return json.dumps(data, indent=2, ensure_ascii=False), passed
    return "\n\n".join(result_text(r) for r in results), passed


def result_text(result: NotebookResult) -> str:
    if result.feedback is None:
        notes = "\n".join(f"Note: {note}" for note in result.notes)
        return f"{result.exercise.id}: not graded.\n{notes}"
    return feedback_plain(result.feedback, result.exercise, result.notes)
