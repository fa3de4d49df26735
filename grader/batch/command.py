"""`grader grade SUBMISSIONS --out DIR`: grade a class's submissions (instructors)."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

import click

from grader.batch.cluster_security import CertificateProblem, certificates, tls_options
from grader.batch.discover import Discovery
from grader.batch.learner_folders import sharing
from grader.batch.plan import Plan
from grader.batch.progress import ProgressReport
from grader.batch.results import ClassResults
from grader.batch.run import BatchError, BatchRequest, find_submissions, grade_class
from grader.boundary.sandbox import Sandbox, SandboxUnavailable, open_sandbox
from grader.course.manifest import Course, CourseError, Exercise
from grader.course.workspace import open_course
from grader.pipeline.suite_ids import SuiteError
from grader.render.plural import counted


class UsageProblem(click.ClickException):
    exit_code = 2


def say(text: str) -> None:
    click.echo(text, color=False if os.environ.get("NO_COLOR") else None)


def choose_exercises(course: Course, wanted: tuple[str, ...], modules: tuple[str, ...]) -> list[Exercise]:
    """The exercises named by id or path and those of the modules named; all when none are."""
    known_modules = {m.id for m in course.modules}
    for module in modules:
        if module not in known_modules:
            raise UsageProblem(f"There is no module {module!r}; modules: {', '.join(sorted(known_modules))}")
    try:
        named = {course.find(w).id for w in wanted}
    except CourseError as error:
        raise UsageProblem(str(error)) from None
    if not named and not modules:
        return list(course.exercises)
    return [e for e in course.exercises if e.id in named or e.module in modules]


def describe(discovery: Discovery) -> str:
    kinds = Counter(s.kind for s in discovery.submissions)
    words = {
        "folder": ("folder", None),
        "archive": ("archive", None),
        "notebook": ("notebook", None),
        "files": ("set of LMS-named files", "sets of LMS-named files"),
    }
    parts = ", ".join(counted(count, *words[kind]) for kind, count in sorted(kinds.items()))
    lines = [f"Found {counted(len(discovery.submissions), 'learner')} ({parts or 'nothing'})."]
    lines += [f"  ignored {entry}" for entry in discovery.ignored]
    return "\n".join(lines)


def local_sandbox() -> Sandbox:
    try:
        return open_sandbox()
    except SandboxUnavailable as error:
        raise UsageProblem(str(error)) from None


@click.command("grade")
@click.argument("submissions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--course", "course_dir", type=click.Path(file_okay=False), help="Course folder.")
@click.option("--exercise", "exercises", multiple=True, help="Grade only this exercise (repeatable).")
@click.option("--module", "modules", multiple=True, help="Grade only this module's exercises (repeatable).")
@click.option("--learner", "learners", multiple=True, help="Grade only this learner (repeatable).")
@click.option("--jobs", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True)
@click.option("--resume", is_flag=True, help="Continue the gradebook in --out; unchanged work is kept.")
@click.option("--regrade", multiple=True, help="Grade this learner again from scratch (repeatable).")
@click.option("--roster", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="CSV: id,name.")
@click.option("--unsafe-no-sandbox", is_flag=True, help="Run learner code without the sandbox.")
@click.option(
    "--scheduler",
    help="Grade on the Dask cluster whose scheduler is at this address (tcp://HOST:8786, tls://HOST:8786).",
)
@tls_options
@click.pass_context
def grade(ctx: click.Context, **options: object) -> None:
    """Grade every learner's submission in SUBMISSIONS into a gradebook and reports in --out."""
    try:
        course = open_course(str(options["course_dir"] or (ctx.obj or {}).get("course") or "") or None)
    except CourseError as error:
        raise UsageProblem(str(error)) from None
    chosen = choose_exercises(course, options["exercises"], options["modules"])  # type: ignore[arg-type]
    sandbox = None
    if options["scheduler"] and options["unsafe_no_sandbox"]:
        raise UsageProblem("A cluster always grades in its workers' sandbox: drop --unsafe-no-sandbox.")
    if not options["unsafe_no_sandbox"] and not options["scheduler"]:  # cluster workers check their own
        sandbox = local_sandbox()
    if not chosen:
        raise UsageProblem("No exercise left to grade.")
    try:
        tls = certificates(options["tls_ca_file"], options["tls_cert"], options["tls_key"])  # type: ignore[arg-type]
    except CertificateProblem as error:
        raise UsageProblem(str(error)) from None
    request = BatchRequest(
        submissions=options["submissions"],  # type: ignore[arg-type]
        out=options["out"],  # type: ignore[arg-type]
        exercises=tuple(chosen),
        learners=tuple(options["learners"]),  # type: ignore[arg-type]
        jobs=int(options["jobs"]),  # type: ignore[call-overload]
        resume=bool(options["resume"]),
        regrade=tuple(options["regrade"]),  # type: ignore[arg-type]
        roster=options["roster"],  # type: ignore[arg-type]
        sandbox=sandbox,
        scheduler=str(options["scheduler"]) if options["scheduler"] else None,
        certificates=tls,
    )
    run(course, request)


def describe_shared_folders(folders: dict[str, str]) -> list[str]:
    """Say which learner ids would have shared a folder, and the folder each one got."""
    lines = []
    for group in sharing(folders):
        mapped = ", ".join(f"{learner!r} -> learners/{folders[learner]}/" for learner in group)
        lines.append(f"These learner ids share a folder name, so each has its own: {mapped}")
    return lines


def describe_grading(request: BatchRequest) -> str:
    exercises = counted(len(request.exercises), "exercise")
    if request.scheduler:
        return f"Grading {exercises} on the Dask cluster at {request.scheduler}."
    sandbox = "in the bubblewrap sandbox" if request.sandbox else "WITHOUT a sandbox"
    jobs = counted(request.jobs, "job")
    return f"Grading {exercises} with {jobs}, {sandbox}."


def summary(results: ClassResults, stopped: bool = False) -> str:
    """The batch's last word, in the progress line's terms: learners, and those with work not graded."""
    ungraded = sum(1 for learner in results.learners if learner.not_graded)
    ended = "Stopped" if stopped else "Done"
    return (
        f"{ended}: {counted(len(results.learners), 'learner')} in the gradebook, "
        f"{ungraded} with work not graded" + (" (the class report says why)." if ungraded else ".")
    )


def run(course: Course, request: BatchRequest) -> None:
    reports: list[ProgressReport] = []

    def progress(plan: Plan) -> ProgressReport:
        learners = len({job.learner for job in plan.jobs})
        reports.append(ProgressReport(learners, say, not_graded=plan.not_graded))
        return reports[-1]

    try:
        discovery = find_submissions(request)
        say(describe(discovery))
        say(describe_grading(request))
        outcome = grade_class(course, request, discovery, say, progress)
    except (BatchError, SuiteError) as error:
        raise UsageProblem(str(error)) from None
    finally:
        for report in reports:
            report.close()
    learners = outcome.results.learners
    say(summary(outcome.results, stopped=bool(outcome.stopped)))
    say(f"Reports: {request.out / 'class-report.html'}, {request.out / 'gradebook.csv'}")
    for line in describe_shared_folders({lr.learner: lr.folder for lr in learners}):
        say(line)
    if outcome.stopped:
        say(outcome.stopped)
        sys.exit(1)
    sys.exit(0)
