"""Storage for background jobs (milestone 11): the jobs table, and the only SQL about jobs.

A job is a row, not an object in a Python list: it must outlive the server
process that accepted it, and every worker (a thread of this server, or of
another server on the same file) must see the same jobs.

The delicate step is *claiming*. Two workers may both see job 7 waiting;
only one may run it. Put the check inside the write, as in milestone 6::

    UPDATE jobs SET status = 'running', attempts = attempts + 1, ...
    WHERE id = ? AND status = 'queued' AND run_after <= ?

and look at ``cursor.rowcount``: 1, the job is yours; 0, another worker got
there first. (A SELECT of the status followed by an UPDATE leaves a gap in
which both workers see "queued", and the job runs twice.) A 'running' job
whose ``lease_until`` has passed is due too: its worker's server died
mid-attempt, and nobody else would ever finish it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike

from .jobs import Job

# TODO (milestone 11): CREATE TABLE IF NOT EXISTS jobs, with the columns of
# jobs.Job (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id, kind, status,
# attempts, fail_attempts, progress, result, error, run_after, created_at,
# updated_at, finished_at), plus claimed_by and lease_until: who runs the
# job, and until when (a worker whose server crashed never finishes it).
JOBS_SCHEMA = """
"""


class SqliteJobStore:
    """Jobs in the same SQLite file as the tasks, one connection per call.

    Times are text in the service's timestamp format, so comparing the text
    (``run_after <= ?``) compares the times.
    """

    def __init__(self, path: str | PathLike[str], timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout

    def create_schema(self) -> None:
        with self._connect() as conn:
            conn.executescript(JOBS_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # Autocommit (isolation_level=None): each statement is its own transaction.
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def add_job(self, user_id: int, kind: str, fail_attempts: int, run_after: str, now: str) -> Job:
        """Insert a queued job (attempts 0, progress 0) and return it."""
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.add_job")

    def get_job(self, user_id: int, job_id: int) -> Job | None:
        # TODO (milestone 11): WHERE id = ? AND user_id = ?
        raise NotImplementedError("SqliteJobStore.get_job")

    def next_due(self, now: str) -> int | None:
        """The id of the job due first (queued with run_after <= now, oldest first), or None.

        Also due: a 'running' job whose lease_until has passed (its worker is gone).
        """
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.next_due")

    def claim(self, job_id: int, worker: str, now: str, lease_until: str) -> Job | None:
        """If the job is still due, make it running, claimed by ``worker``, with one more attempt.

        Returns the claimed job, or None when another worker won. ONE UPDATE
        with the condition in its WHERE, then ``cursor.rowcount``.
        """
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.claim")

    def save_progress(self, job_id: int, worker: str, progress: int, now: str) -> bool:
        """Record progress (0 to 100) of a job ``worker`` runs. Every write of a job's outcome has
        ``WHERE id = ? AND claimed_by = ?``, so a worker that lost its claim changes nothing."""
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.save_progress")

    def succeed(self, job_id: int, worker: str, result: str, now: str) -> bool:
        """Status succeeded, progress 100, the result (JSON text), finished_at."""
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.succeed")

    def retry_later(self, job_id: int, worker: str, error: str, run_after: str, now: str) -> bool:
        """Back to queued, due at ``run_after``, remembering ``error``; nobody's claim any more."""
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.retry_later")

    def fail(self, job_id: int, worker: str, error: str, now: str) -> bool:
        """Status failed for good, with ``error`` and finished_at."""
        # TODO (milestone 11)
        raise NotImplementedError("SqliteJobStore.fail")
