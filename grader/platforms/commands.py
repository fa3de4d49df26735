"""`grader gradescope build|run`: package the course for Gradescope, grade inside its container."""

from __future__ import annotations

import json
from pathlib import Path

import click

from grader.commands.common import UsageProblem, course_option, load, open_progress, pick, say
from grader.course.manifest import CourseError
from grader.pipeline.suite_ids import SuiteError
from grader.platforms.gradescope import build_package, default_root, grade_submission, results_path


@click.group("gradescope")
def gradescope_group() -> None:
    """Gradescope: build the autograder zip; run it inside Gradescope's container."""


@gradescope_group.command("build")
@course_option
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The zip to write."
)
@click.option("--exercise", "exercises", multiple=True, help="Grade only this exercise (repeatable).")
@click.pass_context
def build(ctx: click.Context, out: Path, exercises: tuple[str, ...]) -> None:
    """Write an autograder zip (setup.sh, run_autograder, the course and the grader)."""
    course = load(ctx)
    progress = open_progress(course)
    chosen = [pick(course, wanted, progress) for wanted in exercises]
    try:
        count = build_package(course, out, chosen)
    except (OSError, ValueError) as error:
        raise UsageProblem(str(error)) from None
    which = ", ".join(e.id for e in chosen) or "every exercise"
    say(f"Wrote {out} ({count} course files; grades {which}). Upload it as the assignment's autograder.")


@gradescope_group.command("run")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Default: $GRADESCOPE_ROOT or /autograder.",
)
def run(root: Path | None) -> None:
    """Grade /autograder/submission and write /autograder/results/results.json (inside Gradescope)."""
    where = root or default_root()
    try:
        data = grade_submission(where)
    except (OSError, ValueError, KeyError, CourseError, SuiteError) as error:
        data = {"score": 0, "output": f"The autograder could not grade this submission: {error}", "tests": []}
    target = results_path(where)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    say(f"Wrote {target}: {data['score']} points.")
