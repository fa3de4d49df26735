"""Grade the planned jobs in parallel, one learner per slot at a time, results stored on arrival.

Each slot has its own uid in the sandbox, leased so that no other grader on
the host shares it (process limits count per uid), and, when warm, its own
pre-forked pytest; each learner's processes run in a cgroup of their own
where the host allows (:mod:`grader.batch.learner_limits`). A learner's exercises are graded in one
shared pytest run where their suites allow it (see
:mod:`grader.batch.together`), else one run each. Only the calling thread
writes the gradebook. A job that fails for any reason becomes that learner's
error, or "not graded" when the grading machine failed; the batch goes on.
"""

from __future__ import annotations

import itertools
import queue
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace

from grader.batch.gradebook import Gradebook
from grader.batch.job import Launcher, grade_job
from grader.batch.learner_limits import learner_sandbox
from grader.batch.not_graded import not_graded
from grader.batch.plan import Job, Plan
from grader.batch.together import can_share, grade_together
from grader.boundary.cgroup_tree import CgroupTree
from grader.boundary.sandbox import Sandbox
from grader.course.manifest import Course
from grader.feedback.model import NOT_GRADED, Feedback
from grader.pipeline.suite_ids import expected_test_ids

Progress = Callable[[str, bool], None]  # (learner finished, whether any of their work was not graded)
Results = list[tuple[Job, Feedback]]


@dataclass(frozen=True)
class Slot:
    index: int
    sandbox: Sandbox | None
    launcher: Launcher
    cgroups: CgroupTree | None = None  # where each learner's own cgroup is made; None: rlimits only


class Grading:
    """What every slot needs to grade: the course and each suite's test ids."""

    def __init__(self, course: Course, plan: Plan) -> None:
        self.course = course
        exercises = {job.exercise.id: job.exercise for job in plan.jobs}
        self.expected = {key: expected_test_ids(course, e, None) for key, e in exercises.items()}

    def one(self, job: Job, slot: Slot) -> Feedback:
        try:
            expected = self.expected[job.exercise.id]
            return grade_job(
                self.course, job.exercise, job.folder, job.learner, expected, slot.sandbox, slot.launcher
            )
        except Exception as error:  # our failure on one submission must not stop the batch
            return not_graded(
                job.exercise, job.learner, f"the grader failed ({type(error).__name__}: {error})"
            )

    def learner(self, jobs: list[Job], slot: Slot) -> Results:
        """Grade one learner's jobs in the learner's own cgroup (where the host allows)."""
        try:
            with learner_sandbox(slot.sandbox, slot.cgroups) as sandbox:
                return self.learner_in(jobs, replace(slot, sandbox=sandbox))
        except OSError as error:  # the learner's cgroup could not be made or removed: the host's failure
            reason = f"the learner's cgroup could not be set up ({error})"
            return [(job, not_graded(job.exercise, job.learner, reason)) for job in jobs]

    def learner_in(self, jobs: list[Job], slot: Slot) -> Results:
        """Grade one learner's jobs: shared where possible, one by one otherwise."""
        shared = [job for job in jobs if can_share(self.course, job.exercise)]
        done: dict[int, Feedback] = {}
        if len(shared) > 1:
            try:
                work = [(job.exercise, job.folder) for job in shared]
                together = grade_together(
                    self.course, work, jobs[0].learner, self.expected, slot.sandbox, slot.launcher
                )
            except Exception:  # the one-by-one runs below grade them, and report what went wrong
                together = None
            if together is not None:
                done = {id(job): feedback for job, feedback in zip(shared, together, strict=True)}
        return [(job, done[id(job)] if id(job) in done else self.one(job, slot)) for job in jobs]


def by_learner(plan: Plan) -> Iterator[list[Job]]:
    for _, jobs in itertools.groupby(plan.jobs, key=lambda job: job.learner):
        yield list(jobs)


def store(gradebook: Gradebook, results: Results, progress: Progress) -> None:
    """Record one learner's results, then report the learner done."""
    # One commit per learner: a learner's results arrive together, and each commit waits for the disk.
    gradebook.record_all([(feedback, job.content_hash, job.suite_hash) for job, feedback in results])
    troubled = any(feedback.status == NOT_GRADED for _, feedback in results)
    progress(results[0][0].learner, troubled)


def run_jobs(course: Course, plan: Plan, gradebook: Gradebook, slots: list[Slot], progress: Progress) -> None:
    """Grade every job of ``plan``; call ``progress`` as each learner's results are stored."""
    grading = Grading(course, plan)
    free: queue.Queue[Slot] = queue.Queue()
    for slot in slots:
        free.put(slot)

    def work(jobs: list[Job]) -> Results:
        slot = free.get()
        try:
            return grading.learner(jobs, slot)
        finally:
            free.put(slot)

    groups = by_learner(plan)
    pending: set[Future[Results]] = set()
    with ThreadPoolExecutor(max_workers=len(slots), thread_name_prefix="grade") as pool:
        # Only a few learners are queued ahead: memory stays bounded however large the class.
        for jobs in itertools.islice(groups, 2 * len(slots)):
            pending.add(pool.submit(work, jobs))
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                store(gradebook, future.result(), progress)
                following = next(groups, None)
                if following is not None:
                    pending.add(pool.submit(work, following))
