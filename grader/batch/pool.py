"""Grade the planned jobs in parallel, one slot per job at a time, results stored on arrival.

Each slot has its own uid in the sandbox (process limits count per uid) and,
when warm, its own pre-forked pytest. Only the calling thread writes the
gradebook. A job that fails for any reason becomes that learner's error; the
batch goes on.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

from grader.batch.gradebook import Gradebook
from grader.batch.job import Launcher, grade_job, problem_feedback
from grader.batch.plan import Job, Plan
from grader.course import Course
from grader.feedback import Feedback
from grader.sandbox import Sandbox
from grader.suite_ids import expected_test_ids

Progress = Callable[[str, bool], None]  # (learner finished, whether anything could not be graded)


@dataclass(frozen=True)
class Slot:
    index: int
    sandbox: Sandbox | None
    launcher: Launcher


def run_jobs(
    course: Course,
    plan: Plan,
    gradebook: Gradebook,
    slots: list[Slot],
    progress: Progress,
) -> None:
    """Grade every job of ``plan``; call ``progress`` as each learner's last job is stored."""
    expected = {job.exercise.id: expected_test_ids(course, job.exercise, None) for job in plan.jobs}
    free: queue.Queue[Slot] = queue.Queue()
    for slot in slots:
        free.put(slot)
    remaining: dict[str, int] = {}
    for job in plan.jobs:
        remaining[job.learner] = remaining.get(job.learner, 0) + 1
    troubled: set[str] = set()

    def work(job: Job) -> Feedback:
        slot = free.get()
        try:
            return grade_job(
                course,
                job.exercise,
                job.folder,
                job.learner,
                expected[job.exercise.id],
                slot.sandbox,
                slot.launcher,
            )
        except Exception as error:  # our failure on one submission must not stop the batch
            message = f"The grader failed on this submission ({type(error).__name__}: {error})."
            return problem_feedback(job.exercise, job.learner, message)
        finally:
            free.put(slot)

    pending: dict[Future[Feedback], Job] = {}
    jobs = iter(plan.jobs)
    with ThreadPoolExecutor(max_workers=len(slots), thread_name_prefix="grade") as pool:
        # Keep only a few jobs queued ahead: memory stays bounded however large the class.
        for job in jobs:
            pending[pool.submit(work, job)] = job
            if len(pending) >= 2 * len(slots):
                break
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job = pending.pop(future)
                feedback = future.result()
                gradebook.record(feedback, job.content_hash, job.suite_hash)
                if feedback.status in ("error", "timeout"):
                    troubled.add(job.learner)
                remaining[job.learner] -= 1
                if remaining[job.learner] == 0:
                    progress(job.learner, job.learner in troubled)
                following = next(jobs, None)
                if following is not None:
                    pending[pool.submit(work, following)] = following
