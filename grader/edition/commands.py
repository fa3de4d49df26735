"""`grader release --out DIR`: build a learner edition of the course (instructors)."""

from __future__ import annotations

from pathlib import Path

import click

from grader.commands.common import UsageProblem, course_option, json_option, load, say, wants_json
from grader.edition.release import ReleaseError, release_course
from grader.pipeline.suite_ids import SuiteError
from grader.render import json_output


@click.command()
@course_option
@click.option("--out", required=True, type=click.Path(path_type=Path), help="New folder for the release.")
@click.option("--with-solutions", is_flag=True, help="Keep the reference solutions (self-paced use).")
@json_option
@click.pass_context
def release(ctx: click.Context, out: Path, with_solutions: bool, as_json: bool) -> None:
    """Build a learner edition: no reference solutions, instructor-only tests or mistakes."""
    course = load(ctx)
    try:
        built = release_course(course, out, with_solutions)
    except (ReleaseError, SuiteError) as error:
        raise UsageProblem(str(error)) from None
    if wants_json(ctx, as_json):
        say(json_output.dumps(built.to_dict()))
        return
    lines = [f"Released a learner edition in {built.out} ({built.files} files, commit {built.commit[:12]})."]
    lines += [f"  left out {count} files: {reason}" for reason, count in sorted(built.left_out.items())]
    hidden = sum(built.hidden_tests.values())
    lines.append(f"  {hidden} instructor-only tests stay with you; learners' checks say how many.")
    lines.append(
        f"Push it: git -C {built.out} remote add origin URL && git -C {built.out} push -u origin main"
    )
    say("\n".join(lines))
