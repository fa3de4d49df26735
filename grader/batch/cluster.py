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

import asyncio
import contextlib
import json
import logging
import queue
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from grader.batch.cluster_pack import learner_files, pack_course, too_large
from grader.batch.cluster_security import CertificateProblem, Certificates, check_address
from grader.batch.cluster_task import grade_learner
from grader.batch.gradebook import Gradebook
from grader.batch.not_graded import problem_feedback
from grader.batch.plan import Job, Plan
from grader.batch.pool import Progress, Results, by_learner, store
from grader.course.manifest import Course
from grader.feedback.model import Feedback, Metric, TestResult

CONNECT_SECONDS = 5
WORKER_WAIT_SECONDS = 30
RETRIES = 2  # for a job whose function raised; a lost worker's jobs are rescheduled by Dask itself
POLL_SECONDS = 1.0  # how often the client looks at its connection while it waits for results
QUIET_SECONDS = 10.0  # no result for this long: ask the scheduler whether it is still there
PROBE_SECONDS = 10.0  # with QUIET_SECONDS: a vanished scheduler is noticed within about 21 s
CLOSE_SECONDS = 5
NO_DASK = (
    "--scheduler needs Dask, which is not installed here: "
    'run `pip install -e ".[cluster]"` (it installs dask and distributed).'
)
Pool = Callable[[Course, Plan, Gradebook, Progress, contextlib.ExitStack], None]  # the stack holds its slots


class ClusterError(Exception):
    """The cluster cannot be used; the message says why and what to do."""


class ClusterLost(Exception):
    """The scheduler went away mid-batch; what arrived is stored, ``left`` learners are not."""

    def __init__(self, address: str, graded: int, left: int) -> None:
        super().__init__(
            f"Lost the Dask scheduler at {address} mid-batch: {graded} learners were graded and saved, "
            f"{left} are left. Start the scheduler again and run the same command with --resume "
            "to grade them."
        )
        self.left = left


@contextlib.contextmanager
def cluster_pool(
    address: str, announce: Callable[[str], None], certificates: Certificates | None = None
) -> Iterator[Pool]:
    """Connect to the scheduler at ``address`` (failing within seconds) and yield the pool."""
    client = connect(address, certificates)
    # Dask's client logs a lost connection with tracebacks, from its own thread and even after
    # close(); the batch says what happened itself. (Dask's config sets levels per logger.)
    for name in ("distributed", "distributed.client", "distributed.core", "distributed.comm"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        workers = client.nthreads()
        announce(f"Connected to {address}: {len(workers)} workers, {sum(workers.values())} threads.")

        def run(
            course: Course, plan: Plan, gradebook: Gradebook, progress: Progress, _: contextlib.ExitStack
        ) -> None:
            ClusterRun(client, address, gradebook, progress, announce).grade(course, plan)

        yield run
    finally:
        with contextlib.suppress(Exception):  # a lost scheduler must not keep the client from ending
            client.close(timeout=CLOSE_SECONDS)


def connect(address: str, certificates: Certificates | None = None) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError(NO_DASK) from None
    try:
        check_address(address, certificates)
        security = certificates.security() if certificates else None
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False, security=security)
    except CertificateProblem as error:
        raise ClusterError(str(error)) from None
    except Exception as error:  # refused, silent, a TLS handshake that failed, a malformed address
        raise ClusterError(unreachable(address, error)) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
    except TimeoutError:
        client.close()
        raise ClusterError(
            f"No grading worker joined the scheduler at {address} within {WORKER_WAIT_SECONDS} s: "
            f"start one with `grader worker --scheduler {address}`."
        ) from None
    return client


def unreachable(address: str, error: BaseException) -> str:
    """Why the scheduler could not be reached, and what to check."""
    message = f"Cannot reach the Dask scheduler at {address} within {CONNECT_SECONDS} s ({error}). "
    if address.startswith("tls://"):
        return message + (
            "Over TLS this is also what a refused certificate looks like: check that --tls-ca-file is "
            "the cluster's CA and that it signed --tls-cert, and that `grader scheduler` runs there."
        )
    return message + "Check the address, and that `grader scheduler` runs there and its port is open."


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


class ClusterRun:
    """One batch on the cluster: learners sent a few at a time, results stored as they arrive.

    While it waits, the client watches its connection: Dask cancels every
    future when the scheduler goes away, and a future submitted then never
    ends. A closed connection, or a scheduler that does not answer after a
    quiet spell, stops the batch (:class:`ClusterLost`) within seconds.
    """

    def __init__(
        self,
        client: Any,
        address: str,
        gradebook: Gradebook,
        progress: Progress,
        announce: Callable[[str], None],
    ) -> None:
        self.client, self.address = client, address
        self.gradebook, self.progress, self.announce = gradebook, progress, announce
        self.arrivals: queue.Queue[Any] = queue.Queue()
        self.pending: dict[str, tuple[list[Job], Results]] = {}
        self.graded: set[str] = set()
        self.learners: set[str] = set()  # every learner with a job in this run

    def grade(self, course: Course, plan: Plan) -> None:
        """Grade every job of ``plan``, storing each learner's results as they arrive."""
        self.learners = {job.learner for job in plan.jobs}
        digest, blob = pack_course(course)
        try:
            packed = self.client.scatter(blob, broadcast=True)
            window = max(2, 2 * sum(self.client.nthreads().values()))  # memory bounded for any class
        except Exception:  # the scheduler went away before the first job
            raise self.lost() from None
        groups = by_learner(plan)
        self.feed(groups, window, digest, packed)
        while self.pending:
            future = self.next_arrival()
            sent, refused = self.pending.pop(future.key)
            if future.status == "cancelled" and self.client.status != "running":
                raise self.lost()
            results = received(future, sent, self.announce)
            if results is None:
                self.progress(sent[0].learner, True)
            else:
                self.store(results + refused)
            self.feed(groups, window, digest, packed)

    def feed(self, groups: Iterator[list[Job]], window: int, digest: str, packed: Any) -> None:
        while len(self.pending) < window:
            jobs = next(groups, None)
            if jobs is None:
                return
            payload, sent, refused = learner_payload(jobs)
            if not sent:
                self.store(refused)
                continue
            key = f"grade-{uuid.uuid4().hex}"
            if self.client.status != "running":  # a job submitted now would never end
                raise self.lost()
            future = self.client.submit(grade_learner, payload, digest, packed, key=key, retries=RETRIES)
            future.add_done_callback(self.arrivals.put)
            self.pending[key] = (sent, refused)

    def store(self, results: Results) -> None:
        store(self.gradebook, results, self.progress)
        self.graded.add(results[0][0].learner)

    def next_arrival(self) -> Any:
        """The next finished future; ClusterLost when the scheduler is gone."""
        quiet_since = time.monotonic()
        while True:
            try:
                return self.arrivals.get(timeout=POLL_SECONDS)
            except queue.Empty:
                pass
            if self.client.status != "running":
                raise self.lost()
            if time.monotonic() - quiet_since > QUIET_SECONDS:
                if not self.scheduler_answers():
                    raise self.lost()
                quiet_since = time.monotonic()

    def scheduler_answers(self) -> bool:
        try:
            self.client.sync(asyncio.wait_for, self.client.scheduler.identity(), PROBE_SECONDS)
        except Exception:  # closed, refused or silent: gone, whichever way
            return False
        return True

    def lost(self) -> ClusterLost:
        return ClusterLost(self.address, len(self.graded), len(self.learners - self.graded))


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
