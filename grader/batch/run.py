"""Grade a class: discover, plan, grade in parallel into the gradebook, write the reports."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.batch.cluster import ClusterError, ClusterLost, Pool, cluster_pool
from grader.batch.cluster_security import Certificates
from grader.batch.discover import Discovery, DiscoveryError, discover, read_roster
from grader.batch.gradebook import FILE_NAME, Gradebook
from grader.batch.job import ColdLauncher, Launcher
from grader.batch.learner_limits import limits_notice
from grader.batch.outputs import write_outputs
from grader.batch.plan import Plan, make_plan
from grader.batch.pool import Progress, Slot, run_jobs
from grader.batch.results import BatchTiming, ClassResults, read_results
from grader.batch.temp_folders import owned_folder, sweep
from grader.batch.warm import WarmPytest
from grader.boundary.cgroup_tree import close_tree, open_tree
from grader.boundary.sandbox import Sandbox
from grader.boundary.uid_leases import NoFreeUid, lease_uid
from grader.course.manifest import Course, Exercise
from grader.render.plural import counted


class BatchError(Exception):
    """The batch cannot start; the message says what to change."""


@dataclass(frozen=True)
class BatchRequest:
    submissions: Path
    out: Path
    exercises: tuple[Exercise, ...]
    learners: tuple[str, ...] = ()
    jobs: int = 1
    resume: bool = False
    regrade: tuple[str, ...] = ()
    roster: Path | None = None
    sandbox: Sandbox | None = None
    warm: bool = True
    scheduler: str | None = None  # a Dask scheduler's address: grade on that cluster
    certificates: Certificates | None = None  # TLS to that scheduler (tls:// addresses)


@dataclass(frozen=True)
class BatchOutcome:
    results: ClassResults
    plan: Plan
    written: tuple[Path, ...]
    stopped: str | None = None  # why grading stopped before the end (what was graded is written)


def find_submissions(request: BatchRequest) -> Discovery:
    """Discover the submissions, keeping only the learners asked for."""
    try:
        roster = read_roster(request.roster) if request.roster else None
        found = discover(request.submissions, roster)
    except DiscoveryError as error:
        raise BatchError(str(error)) from None
    if request.learners:
        unknown = set(request.learners) - {s.learner for s in found.submissions}
        if unknown:
            raise BatchError(f"No submission from {', '.join(sorted(unknown))} in {request.submissions}")
        kept = tuple(s for s in found.submissions if s.learner in request.learners)
        found = Discovery(kept, found.ignored)
    return found


def open_gradebook(request: BatchRequest) -> Gradebook:
    request.out.mkdir(parents=True, exist_ok=True)
    if (request.out / FILE_NAME).exists() and not (request.resume or request.regrade):
        raise BatchError(
            f"{request.out} already holds a gradebook: pass --resume to continue it "
            "(unchanged submissions are not graded again), or choose another --out"
        )
    gradebook = Gradebook(request.out)
    for learner in request.regrade:
        gradebook.forget(learner)
    return gradebook


def open_pool(request: BatchRequest, stack: contextlib.ExitStack, announce: Callable[[str], None]) -> Pool:
    """The local pool of slots, or the Dask cluster's when a scheduler is given."""
    if request.scheduler:
        try:
            return stack.enter_context(cluster_pool(request.scheduler, announce, request.certificates))
        except ClusterError as error:
            raise BatchError(str(error)) from None

    def local(
        course: Course, plan: Plan, gradebook: Gradebook, progress: Progress, stack: contextlib.ExitStack
    ) -> None:
        tree = open_tree() if request.sandbox and plan.jobs else None
        if tree is not None:
            stack.callback(close_tree, tree)
        announce(limits_notice(request.sandbox, tree))
        slots = []
        for index in range(min(request.jobs, max(1, len(plan.jobs)))):
            launcher: Launcher = ColdLauncher()
            if request.warm and plan.jobs:
                launcher = stack.enter_context(WarmPytest())
            slots.append(Slot(index, slot_sandbox(request.sandbox, index, stack), launcher, tree))
        run_jobs(course, plan, gradebook, slots, progress)

    return local


def slot_sandbox(sandbox: Sandbox | None, index: int, stack: contextlib.ExitStack) -> Sandbox | None:
    """The sandbox of slot ``index``, with a uid leased for the batch (no other grader on the host has it)."""
    if sandbox is None or sandbox.uid is None:
        return sandbox
    try:
        lease = lease_uid(index)
    except NoFreeUid as error:
        raise BatchError(str(error)) from None
    stack.callback(lease.release)
    return sandbox.with_uid(lease.uid)


def describe_plan(plan: Plan) -> str:
    """What the submissions held and what is left to grade, said before grading starts."""
    lines = []
    books = plan.notebooks
    if books.found:
        unreadable = f", {books.unreadable} could not be read" if books.unreadable else ""
        verb = "is" if books.exercises == 1 else "are"
        lines.append(
            f"Notebooks: {books.found} found in the submissions{unreadable}; "
            f"{counted(books.exercises, 'exercise')} {verb} graded from their cells."
        )
    lines.append(
        f"{counted(len(plan.jobs), 'run')} to grade; {plan.already_graded} already graded and unchanged; "
        f"{plan.recorded_problems} not graded (the submission could not be read: missing, unreadable "
        "or not UTF-8 files)."
    )
    return "\n".join(lines)


def grade_class(
    course: Course,
    request: BatchRequest,
    discovery: Discovery,
    announce: Callable[[str], None],
    progress: Callable[[Plan], Progress],
) -> BatchOutcome:
    """Grade every discovered submission; return what was graded and the files written."""
    left_behind = sweep()
    if left_behind:
        announce(f"Removed {counted(left_behind, 'temporary folder')} that killed batches had left behind.")
    started, clock = time.time(), time.monotonic()
    with contextlib.ExitStack() as stack:
        # The cluster is reached first: an unreachable scheduler fails before anything is written.
        pool = open_pool(request, stack, announce)
        gradebook = open_gradebook(request)
        stack.callback(gradebook.close)
        with owned_folder("grader-batch-") as workdir, contextlib.ExitStack() as slots:
            plan = make_plan(course, discovery, list(request.exercises), gradebook, Path(workdir))
            announce(describe_plan(plan))
            stopped = None
            try:
                pool(course, plan, gradebook, progress(plan), slots)
            except ClusterLost as error:  # what was graded is kept, and written out below
                stopped = str(error)
        # The reports cover the whole class in the gradebook, not only this run's subset.
        results = read_results(gradebook, course.title, list(request.exercises))
        timing = BatchTiming(started, time.monotonic() - clock)
        written = write_outputs(results, request.out, timing)
    return BatchOutcome(results, plan, tuple(written), stopped)
