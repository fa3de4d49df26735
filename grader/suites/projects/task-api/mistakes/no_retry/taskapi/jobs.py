"""Background jobs: accepted now, done a moment later by a worker thread.

Exporting every task of a user could take a while, so ``POST /exports``
does not do it while the client waits. It writes a *job* (a row in the
jobs table) and answers ``202 Accepted`` at once; worker threads pick the
job up, run it, and record how it went; the client asks ``GET /jobs/{id}``
until the job has succeeded or failed.

Three promises make this trustworthy, and each has one place here:

* **a job survives a restart**: it lives in SQLite (job_store.py), and a
  worker finds work by asking the table, never a list in memory, so jobs
  accepted by a previous run of the server are found too;
* **a job runs once**, even with several workers in several servers:
  ``SqliteJobStore.claim`` takes it with one conditional UPDATE;
* **a failing job is retried, later each time**: ``backoff_delay`` gives
  the wait before attempt 2, 3, ...; after ``MAX_ATTEMPTS`` the job is
  failed, with the reason its last attempt gave.

Like service.py, this module knows neither HTTP nor SQL: routes.py calls
``JobService``, which talks to any store with ``JobStore``'s methods.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Protocol

from .service import TaskNotFound, TaskService, User, timestamp, utc_now

MAX_ATTEMPTS = 3
BACKOFF_BASE = 0.25  # seconds before the 2nd attempt; each later wait doubles
BACKOFF_CAP = 5.0  # no wait is longer than this
LEASE = timedelta(seconds=30)  # a claimed job not finished by then is taken over
# How often an idle worker looks for jobs that came due (a retry, a delayed job, another server's):
# a new job of this server wakes it at once. Each look opens the database, so looking 20 times a
# second kept an idle server at about 4% of a core.
POLL_SECONDS = 0.2
WORKER_THREADS = 2
STOP_SECONDS = 2.0  # how long stopping waits for attempts in progress
EXPORT_PAGE = 50

log = logging.getLogger("taskapi.jobs")


@dataclass(frozen=True)
class Job:
    """One row of the jobs table. ``result`` is JSON text once the job succeeded."""

    id: int
    user_id: int
    kind: str
    status: str  # queued, running, succeeded or failed
    attempts: int
    fail_attempts: int  # how many attempts fail on purpose (CONTRACT.md section 12)
    progress: int
    result: str | None
    error: str | None
    run_after: str
    created_at: str
    updated_at: str
    finished_at: str | None


class JobNotFound(TaskNotFound):
    """No such job *for this user*. A TaskNotFound, so it answers 404 the same way."""


class PlannedFailure(Exception):
    """An attempt that fails on purpose, because the client asked for it (``fail_attempts``)."""


class JobStore(Protocol):
    def add_job(self, user_id: int, kind: str, fail_attempts: int, run_after: str, now: str) -> Job: ...
    def get_job(self, user_id: int, job_id: int) -> Job | None: ...
    def next_due(self, now: str) -> int | None: ...
    def claim(self, job_id: int, worker: str, now: str, lease_until: str) -> Job | None: ...
    def save_progress(self, job_id: int, worker: str, progress: int, now: str) -> bool: ...
    def succeed(self, job_id: int, worker: str, result: str, now: str) -> bool: ...
    def retry_later(self, job_id: int, worker: str, error: str, run_after: str, now: str) -> bool: ...
    def fail(self, job_id: int, worker: str, error: str, now: str) -> bool: ...


def backoff_delay(failed_attempts: int) -> float:
    """Seconds to wait after the ``failed_attempts``-th failed attempt: 0.25, 0.5, 1, ... (capped).

    Waiting longer each time gives a struggling dependency room to recover,
    instead of hammering it with retries at full speed.
    """
    return min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (failed_attempts - 1))


class JobService:
    """Start jobs, look them up, and run one attempt at a time for the workers."""

    def __init__(self, store: JobStore, tasks: TaskService, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.tasks = tasks
        self.clock = clock
        # Set when a job is added, so a waiting worker starts at once
        # instead of at its next look at the table.
        self.wake = threading.Event()

    def start_export(self, user: User, fail_attempts: int = 0, delay_seconds: int = 0) -> Job:
        """Queue an export of the user's tasks, due in ``delay_seconds``."""
        now = self.clock()
        due = now + timedelta(seconds=delay_seconds)
        job = self.store.add_job(user.id, "export", fail_attempts, timestamp(due), timestamp(now))
        self.wake.set()
        return job

    def get_job(self, user: User, job_id: int) -> Job:
        job = self.store.get_job(user.id, job_id)
        if job is None:
            raise JobNotFound(f"job {job_id} does not exist")
        return job

    def run_next(self, worker: str) -> bool:
        """Claim the job due first and run one attempt of it; False when no job is due.

        Another worker may claim the same job between ``next_due`` and
        ``claim``; then ``claim`` says None and we look again (a bounded
        number of times: losing every race means others are busy with it).
        """
        for _ in range(5):
            now = self.clock()
            job_id = self.store.next_due(timestamp(now))
            if job_id is None:
                return False
            job = self.store.claim(job_id, worker, timestamp(now), timestamp(now + LEASE))
            if job is not None:
                self._attempt(job, worker)
                return True
        return True

    def _attempt(self, job: Job, worker: str) -> None:
        try:
            result = self.export(job, worker)
        except Exception as error:  # any failure of the work is a failed attempt
            self._failed(job, worker, str(error) or type(error).__name__)
            return
        self.store.succeed(job.id, worker, json.dumps(result), timestamp(self.clock()))

    def _failed(self, job: Job, worker: str, reason: str) -> None:
        now = self.clock()
        self.store.fail(job.id, worker, reason, timestamp(now))

    def export(self, job: Job, worker: str) -> dict[str, Any]:
        """The work itself: every task of the job's user, read a page at a time."""
        if job.attempts <= job.fail_attempts:
            raise PlannedFailure(f"planned failure on attempt {job.attempts}")
        owner = User(job.user_id, "")
        tasks: list[dict[str, Any]] = []
        while True:
            page = self.tasks.list_tasks(owner, sort="created_at", limit=EXPORT_PAGE, offset=len(tasks))
            tasks += [asdict(task) for task in page.items]
            progress = 100 * len(tasks) // max(page.total, 1)
            self.store.save_progress(job.id, worker, min(progress, 99), timestamp(self.clock()))
            if page.next_offset is None:
                break
        tasks.sort(key=lambda task: task["id"])
        return {"count": len(tasks), "tasks": tasks}


class Workers:
    """Worker threads that run due jobs until stopped; ``with Workers(jobs): serve()``."""

    def __init__(self, jobs: JobService, count: int = WORKER_THREADS) -> None:
        self.jobs = jobs
        self.count = count
        self.threads: list[threading.Thread] = []
        self.stopping = threading.Event()
        # Who claimed a job, so only that worker records its outcome.
        self.name = uuid.uuid4().hex[:12]

    def __enter__(self) -> Workers:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        for number in range(self.count):
            thread = threading.Thread(
                target=self.loop, args=(f"{self.name}-{number}",), name=f"job-worker-{number}", daemon=True
            )
            thread.start()
            self.threads.append(thread)

    def loop(self, worker: str) -> None:
        """Run due jobs one after the other; when none is due, wait to be woken (or poll)."""
        while not self.stopping.is_set():
            # Cleared before looking, so a job added while we look wakes us again.
            self.jobs.wake.clear()
            try:
                busy = self.jobs.run_next(worker)
            except Exception:  # a database hiccup must not end the worker
                log.exception("a job worker failed; it carries on")
                busy = False
            if not busy:
                self.jobs.wake.wait(POLL_SECONDS)

    def stop(self) -> None:
        """Let each worker finish the attempt it is running, then end it."""
        self.stopping.set()
        self.jobs.wake.set()
        # One deadline for all: the process must exit within 5 s of SIGTERM.
        deadline = time.monotonic() + STOP_SECONDS
        for thread in self.threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self.threads.clear()
