"""Background jobs (milestone 11): accepted now, done a moment later by a worker.

``POST /exports`` does not export while the client waits. It stores a *job*
(a row of the jobs table, job_store.py) and answers ``202 Accepted`` at
once. Worker threads, started beside the server by ``__main__.py``, pick
due jobs up, run them, and record how it went; the client follows the job
with ``GET /jobs/{id}``.

Three promises, each with its place (README.md, milestone 11):

* a job survives a restart: workers find work by asking the table, never a
  list in memory, so jobs accepted before a restart are found too;
* a job runs once, even with several workers in several servers: claiming
  it is one conditional UPDATE (``SqliteJobStore.claim``);
* a failing attempt is retried later, waiting longer each time
  (``backoff_delay``); after ``MAX_ATTEMPTS`` the job is failed, with the
  reason its last attempt gave.

Like service.py, no ``import fastapi`` and no ``import sqlite3`` here.
Given: the data, the errors, the export work itself and the wiring. Yours:
every function marked TODO (milestone 11).
"""

from __future__ import annotations

import logging
import threading
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
LEASE = timedelta(seconds=30)  # a claimed job not finished by then may be taken over
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
    """No such job *for this user*. A TaskNotFound, so errors.py answers it with 404 already."""


class PlannedFailure(Exception):
    """An attempt that fails on purpose, because the client asked for it (``fail_attempts``)."""


class JobStore(Protocol):
    """What JobService needs from storage (job_store.py has the SQLite one)."""

    def add_job(self, user_id: int, kind: str, fail_attempts: int, run_after: str, now: str) -> Job: ...
    def get_job(self, user_id: int, job_id: int) -> Job | None: ...
    def next_due(self, now: str) -> int | None: ...
    def claim(self, job_id: int, worker: str, now: str, lease_until: str) -> Job | None: ...
    def save_progress(self, job_id: int, worker: str, progress: int, now: str) -> bool: ...
    def succeed(self, job_id: int, worker: str, result: str, now: str) -> bool: ...
    def retry_later(self, job_id: int, worker: str, error: str, run_after: str, now: str) -> bool: ...
    def fail(self, job_id: int, worker: str, error: str, now: str) -> bool: ...


def backoff_delay(failed_attempts: int) -> float:
    """Seconds to wait after the ``failed_attempts``-th failed attempt.

    BACKOFF_BASE after the first, then twice as long each time (0.25, 0.5,
    1, ...), but never more than BACKOFF_CAP.
    """
    # TODO (milestone 11)
    raise NotImplementedError("backoff_delay")


class JobService:
    """Start jobs, look them up, and run one attempt at a time for the workers."""

    def __init__(self, store: JobStore, tasks: TaskService, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.tasks = tasks
        self.clock = clock
        # Set it when a job is added, so a waiting worker starts at once.
        self.wake = threading.Event()

    def start_export(self, user: User, fail_attempts: int = 0, delay_seconds: int = 0) -> Job:
        """Store a queued export job of the user's tasks, due ``delay_seconds`` from now; wake the workers."""
        # TODO (milestone 11): times as text with timestamp(self.clock()), like the service.
        raise NotImplementedError("JobService.start_export")

    def get_job(self, user: User, job_id: int) -> Job:
        """The user's job; JobNotFound for a missing job or another user's."""
        # TODO (milestone 11)
        raise NotImplementedError("JobService.get_job")

    def run_next(self, worker: str) -> bool:
        """Claim the job due first and run one attempt of it; False when no job is due.

        1. ``store.next_due`` names a due job; ``store.claim`` takes it (None:
           another worker was faster, so look again, a bounded number of times);
        2. ``self.export(job, worker)`` does the work; ``store.succeed`` records its result
           (``json.dumps``);
        3. if the work raises, the attempt failed: ``store.retry_later`` with the
           error's text, due after ``backoff_delay(job.attempts)``, or
           ``store.fail`` once ``job.attempts`` reached MAX_ATTEMPTS.
        """
        # TODO (milestone 11)
        raise NotImplementedError("JobService.run_next")

    def export(self, job: Job, worker: str) -> dict[str, Any]:
        """The work itself (given): every task of the job's user, read a page at a time."""
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
        # Each worker's name is this plus its number: who claimed a job.
        self.name = uuid.uuid4().hex[:12]

    def __enter__(self) -> Workers:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start ``self.count`` daemon threads, each running ``self.loop`` with its own worker name."""
        # TODO (milestone 11): until then no worker runs, and the server starts as before.
        return

    def loop(self, worker: str) -> None:
        """Until ``self.stopping`` is set: run a due job, or wait on ``self.jobs.wake`` for POLL_SECONDS.

        Clear the event before looking for work (so a job added meanwhile
        wakes you again), and log and survive an exception: a worker that
        dies quietly leaves every later job queued forever.
        """
        # TODO (milestone 11)
        raise NotImplementedError("Workers.loop")

    def stop(self) -> None:
        """Set ``self.stopping``, wake the workers, and join the threads (at most STOP_SECONDS in all)."""
        # TODO (milestone 11): until then there is nothing to stop.
        return
