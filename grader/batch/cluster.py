"""Grade the planned jobs on a Dask cluster: the second pool, next to the local one.

The client packs the course once (scattered to every worker, cached there by
content hash) and sends each learner's jobs with their files as bytes. The
workers grade as the local pool does, in their own sandbox (see
:mod:`grader.batch.cluster_task`); results come back as they finish and only
this process writes the gradebook, once per job. A worker that dies mid-job
has its jobs run again elsewhere by the scheduler; the gradebook only sees
the result that arrives. Dask is an optional extra, imported only here.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from grader.batch.cluster_pack import learner_files, pack_course, too_large
from grader.batch.cluster_task import grade_learner
from grader.batch.gradebook import Gradebook
from grader.batch.job import problem_feedback
from grader.batch.plan import Job, Plan
from grader.batch.pool import Progress, Results, by_learner, store
from grader.course.manifest import Course
from grader.feedback.model import Feedback, Metric, TestResult

CONNECT_SECONDS = 5
WORKER_WAIT_SECONDS = 30
RETRIES = 2  # for a job whose function raised; a lost worker's jobs are rescheduled by Dask itself
NO_DASK = (
    "--scheduler needs Dask, which is not installed here: "
    'run `pip install -e ".[cluster]"` (it installs dask and distributed).'
)
Pool = Callable[[Course, Plan, Gradebook, Progress, contextlib.ExitStack], None]  # the stack holds its slots


class ClusterError(Exception):
    """The cluster cannot be used; the message says why and what to do."""


@contextlib.contextmanager
def cluster_pool(address: str, announce: Callable[[str], None]) -> Iterator[Pool]:
    """Connect to the scheduler at ``address`` (failing within seconds) and yield the pool."""
    client = connect(address)
    try:
        workers = client.nthreads()
        announce(f"Connected to {address}: {len(workers)} workers, {sum(workers.values())} threads.")

        def run(
            course: Course, plan: Plan, gradebook: Gradebook, progress: Progress, _: contextlib.ExitStack
        ) -> None:
            run_on_cluster(client, course, plan, gradebook, progress, announce)

        yield run
    finally:
        client.close()


def connect(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(NO_DASK) from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(
            f"Cannot reach the Dask scheduler at {address} within {CONNECT_SECONDS} s ({error}). "
            "Check the address, and that `dask scheduler` runs there and its port is open."
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"No grading worker joined the scheduler at {address} within {WORKER_WAIT_SECONDS} s: "
            f"start one with `grader worker --scheduler {address}`."
        ) from None
    return client


def job_entry(job: Job) -> tuple[dict[str, Any] | None, str | None]:
    """What one job sends (the learner's files as bytes), or why it cannot be sent."""
    files = learner_files(job.exercise, job.folder)
    problem = too_large(files)
    if problem is not None:
        return None, problem
    return {
        "exercise": job.exercise.id,
        "files": files,
        "content": job.content_hash,
        "suite": job.suite_hash,
    }, None


def learner_payload(jobs: list[Job]) -> tuple[dict[str, Any], list[Job], Results]:
    """The payload for one learner, the jobs it carries, and results for those it cannot carry."""
    entries, sent, refused = [], [], []
    for job in jobs:
        entry, problem = job_entry(job)
        if entry is None:
            refused.append((job, problem_feedback(job.exercise, job.learner, str(problem))))
        else:
            entries.append(entry)
            sent.append(job)
    return {"learner": jobs[0].learner, "jobs": entries}, sent, refused


def run_on_cluster(
    client: Any,
    course: Course,
    plan: Plan,
    gradebook: Gradebook,
    progress: Progress,
    announce: Callable[[str], None],
) -> None:
    """Grade every job of ``plan`` on the cluster, storing each learner's results as they arrive."""
    from distributed import as_completed

    digest, blob = pack_course(course)
    packed = client.scatter(blob, broadcast=True)
    arrivals = as_completed(loop=client.loop)
    pending: dict[str, tuple[list[Job], Results]] = {}
    groups = by_learner(plan)
    window = max(2, 2 * sum(client.nthreads().values()))  # memory stays bounded however large the class

    def feed() -> None:
        while len(pending) < window:
            jobs = next(groups, None)
            if jobs is None:
                return
            payload, sent, refused = learner_payload(jobs)
            if not sent:
                store(gradebook, refused, progress)
                continue
            key = f"grade-{uuid.uuid4().hex}"
            arrivals.add(client.submit(grade_learner, payload, digest, packed, key=key, retries=RETRIES))
            pending[key] = (sent, refused)

    feed()
    for future in arrivals:
        sent, refused = pending.pop(future.key)
        results = received(future, sent, announce)
        if results is None:
            progress(sent[0].learner, True)
        else:
            store(gradebook, results + refused, progress)
        feed()


def received(future: Any, sent: list[Job], announce: Callable[[str], None]) -> Results | None:
    """The results of one learner's future, or None (said) when the cluster could not grade them."""
    try:
        texts = future.result()
        return [(job, feedback_from(json.loads(text))) for job, text in zip(sent, texts, strict=True)]
    except Exception as error:  # the cluster's failure, not the learner's: left ungraded for --resume
        announce(
            f"The cluster could not grade {sent[0].learner} ({type(error).__name__}: {error}); "
            "nothing was recorded: run again with --resume to grade them."
        )
        return None
    finally:
        future.release()


def feedback_from(data: dict[str, Any]) -> Feedback:
    """Rebuild the feedback a worker sent as data (exactly the fields Feedback has)."""
    tests = tuple(TestResult(**tuples(t)) for t in data["tests"])
    metrics = tuple(Metric(**m) for m in data.get("metrics", ()))
    return Feedback(**{**data, "tests": tests, "metrics": metrics})


def tuples(data: dict[str, Any]) -> dict[str, Any]:
    """JSON turned the tuples into lists; the dataclasses hold tuples."""
    return {key: tuple(value) if isinstance(value, list) else value for key, value in data.items()}
