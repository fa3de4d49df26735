"""Storage for background jobs: the jobs table, and the only SQL about jobs.

A job is a row, not a Python object in some list, for two reasons:

* it outlives the process: a job accepted just before the server stops is
  still in the file when the next server starts, and that one runs it;
* every worker sees the same jobs, whether it is a thread of this server or
  of another server on the same file. The database is where they meet.

The one delicate step is *claiming*: two workers may look at the queue at
the same moment and both see job 7 waiting. Whoever claims it must be the
only one, so the check ("still queued?") is part of the write::

    UPDATE jobs SET status = 'running', ... WHERE id = ? AND status = 'queued'

SQLite runs one write at a time, so of two such UPDATEs exactly one
matches the row; the other changes nothing, sees ``rowcount == 0`` and
looks for another job. (Reading the status first and updating afterwards
leaves a gap in which both workers see "queued": milestone 6's lost update
again.)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from os import PathLike

from .jobs import Job

JOBS_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    fail_attempts INTEGER NOT NULL DEFAULT 0,
    progress      INTEGER NOT NULL DEFAULT 0,
    result        TEXT,
    error         TEXT,
    run_after     TEXT NOT NULL,
    claimed_by    TEXT,
    lease_until   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    finished_at   TEXT
);

-- Workers ask "which job is due next?" all the time.
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (status, run_after, id);
"""

JOB_COLUMNS = (
    "id, user_id, kind, status, attempts, fail_attempts, progress, result, error, "
    "run_after, created_at, updated_at, finished_at"
)

# A job is due when it is queued and its time has come.
DUE = "status = 'queued' AND run_after <= :now"


def _job(row: sqlite3.Row) -> Job:
    return Job(**dict(zip(row.keys(), row, strict=True)))


class SqliteJobStore:
    """Jobs in the same SQLite file as the tasks, one connection per call."""

    def __init__(self, path: str | PathLike[str], timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout

    def create_schema(self) -> None:
        with self._connect() as conn:
            conn.executescript(JOBS_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # Autocommit (isolation_level=None): each statement below is its own
        # transaction, which is all a job needs.
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    def add_job(self, user_id: int, kind: str, fail_attempts: int, run_after: str, now: str) -> Job:
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO jobs (user_id, kind, status, fail_attempts, run_after, created_at, updated_at)"
                " VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                (user_id, kind, fail_attempts, run_after, now, now),
            )
            row = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _job(row)

    def get_job(self, user_id: int, job_id: int) -> Job | None:
        with self._connect() as conn:
            row = conn.execute(
                f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ? AND user_id = ?", (job_id, user_id)
            ).fetchone()
        return None if row is None else _job(row)

    def next_due(self, now: str) -> int | None:
        """The id of the job that is due first, or None. Claim it before running it."""
        with self._connect() as conn:
            row = conn.execute(
                f"SELECT id FROM jobs WHERE {DUE} ORDER BY run_after, id LIMIT 1", {"now": now}
            ).fetchone()
        return None if row is None else int(row["id"])

    def claim(self, job_id: int, worker: str, now: str, lease_until: str) -> Job | None:
        """Make the job ours and count the attempt, if it is still due; None if another worker won."""
        with self._connect() as conn:
            cursor = conn.execute(
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, claimed_by = :worker,"
                f" lease_until = :lease, updated_at = :now WHERE id = :id AND ({DUE})",
                {"worker": worker, "lease": lease_until, "now": now, "id": job_id},
            )
            if cursor.rowcount != 1:
                return None
            row = conn.execute(f"SELECT {JOB_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return _job(row)

    def _update(self, job_id: int, worker: str, assignments: str, values: dict[str, object]) -> bool:
        # "AND claimed_by = :worker": a worker whose lease ran out (and whose
        # job someone else took over) can no longer write to it.
        with self._connect() as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET {assignments}"
                " WHERE id = :id AND claimed_by = :worker AND status = 'running'",
                {**values, "id": job_id, "worker": worker},
            )
        return cursor.rowcount == 1

    def save_progress(self, job_id: int, worker: str, progress: int, now: str) -> bool:
        return self._update(
            job_id, worker, "progress = :progress, updated_at = :now", {"progress": progress, "now": now}
        )

    def succeed(self, job_id: int, worker: str, result: str, now: str) -> bool:
        return self._update(
            job_id,
            worker,
            "status = 'succeeded', progress = 100, result = :result, updated_at = :now, finished_at = :now",
            {"result": result, "now": now},
        )

    def retry_later(self, job_id: int, worker: str, error: str, run_after: str, now: str) -> bool:
        """Put the job back in the queue, due at ``run_after``, remembering why this attempt failed."""
        return self._update(
            job_id,
            worker,
            "status = 'queued', error = :error, run_after = :run_after, claimed_by = NULL,"
            " lease_until = NULL, updated_at = :now",
            {"error": error, "run_after": run_after, "now": now},
        )

    def fail(self, job_id: int, worker: str, error: str, now: str) -> bool:
        return self._update(
            job_id,
            worker,
            "status = 'failed', error = :error, updated_at = :now, finished_at = :now",
            {"error": error, "now": now},
        )
