"""Mistake: queues a failed job again after every failure, so a job that never works is retried forever.

Hint: Compare the job's attempts with max_attempts in fail: after the last attempt set
status = 'failed', and claim only jobs whose status is 'queued'.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sqlite3
import tempfile
import threading

# --- given: the table, a fake clock, how the grader opens and races databases. Do not change them. ---

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    name     TEXT    NOT NULL,                  -- what to do, such as 'export'
    status   TEXT    NOT NULL DEFAULT 'queued', -- queued | running | done | failed
    attempts INTEGER NOT NULL DEFAULT 0,        -- how many times it was claimed
    run_at   REAL    NOT NULL,                  -- not claimed before this time
    result   TEXT,                              -- what a finished job produced
    error    TEXT                               -- why the last attempt failed
)
"""


class FakeClock:
    """A clock that only moves when told to, so a backoff of minutes passes instantly."""

    def __init__(self, now: float = 0.0) -> None:
        self._now = now

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += seconds


class JobNotFound(LookupError):
    """No job has this id."""


_databases: list[str] = []


def new_database() -> str:
    """The path of a new database file, not made yet, in a temporary folder removed when Python exits."""
    if not _databases:
        folder = tempfile.mkdtemp(prefix="jobs-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _databases.append(folder)
    _databases.append(os.path.join(_databases[0], f"jobs-{len(_databases)}.db"))
    return _databases[-1]


_racing = threading.local()


def _wait_for_the_other_worker(statement: str) -> None:
    gate = getattr(_racing, "gate", None)
    if gate is not None and not statement.lstrip().upper().startswith("SELECT"):
        _racing.gate = None  # only before the first change each worker makes
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait()


def connect(path: str) -> sqlite3.Connection:
    """Open the database at ``path`` (one connection per worker), making the jobs table if missing."""
    connection = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
    connection.executescript(SCHEMA)
    connection.set_trace_callback(_wait_for_the_other_worker)
    return connection


def claim_together(first: object, second: object) -> list[object]:
    """Call ``first.claim()`` and ``second.claim()`` in two threads at the same moment.

    Like two workers polling at the same instant, made to collide every time:
    each claim is held just before its first change to the database (its
    first statement other than a SELECT) until the other claim gets there
    too, or 2 seconds pass. Returns both results, in order: what claim()
    returned, or "ErrorType: message".
    """
    gate = threading.Barrier(2, timeout=2.0)
    results: list[object] = [None, None]

    def run(index: int, queue: object) -> None:
        _racing.gate = gate
        try:
            results[index] = queue.claim()  # type: ignore[attr-defined]
        except Exception as error:
            results[index] = f"{type(error).__name__}: {error}"
        finally:
            _racing.gate = None

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- your code ---

COLUMNS = ("id", "name", "status", "attempts", "run_at", "result", "error")


class JobQueue:
    """Jobs in the SQLite ``connection``, retried with capped doubling waits on ``clock``."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        clock: FakeClock,
        *,
        max_attempts: int = 3,
        base_delay: float = 1.0,
        max_delay: float = 60.0,
    ) -> None:
        if type(max_attempts) is not int or max_attempts < 1:
            raise ValueError(f"max_attempts must be a whole number of at least 1, got {max_attempts!r}")
        self._db = connection
        self._clock = clock
        self._max_attempts = max_attempts
        self._base_delay = base_delay
        self._max_delay = max_delay

    def enqueue(self, name: str) -> int:
        """Store a new queued job, due now; return its id."""
        cursor = self._db.execute(
            "INSERT INTO jobs (name, status, run_at) VALUES (?, 'queued', ?)", (name, self._clock.now())
        )
        self._db.commit()
        return int(cursor.lastrowid or 0)

    def claim(self) -> dict | None:
        """Mark the oldest due queued job running and return it, or None when no job is due."""
        while True:
            row = self._db.execute(
                "SELECT id, name FROM jobs WHERE status = 'queued' AND run_at <= ? ORDER BY id LIMIT 1",
                (self._clock.now(),),
            ).fetchone()
            if row is None:
                return None
            # Only if it is still queued: another worker may have claimed it since the SELECT.
            changed = self._db.execute(
                "UPDATE jobs SET status = 'running', attempts = attempts + 1"
                " WHERE id = ? AND status = 'queued'",
                (row[0],),
            ).rowcount
            self._db.commit()
            if changed == 1:
                return {"id": row[0], "name": row[1], "attempts": self.job(row[0])["attempts"]}

    def complete(self, job_id: int, result: str) -> None:
        """Mark a running job done and keep its result."""
        self._running(job_id)
        self._db.execute("UPDATE jobs SET status = 'done', result = ? WHERE id = ?", (result, job_id))
        self._db.commit()

    def fail(self, job_id: int, reason: str) -> None:
        """Queue a running job again after a wait, or fail it after its last attempt; keep the reason."""
        attempts = self._running(job_id)["attempts"]
        if attempts < 0:
            pass
        else:
            wait = min(self._max_delay, self._base_delay * 2 ** (attempts - 1))
            self._db.execute(
                "UPDATE jobs SET status = 'queued', run_at = ?, error = ? WHERE id = ?",
                (self._clock.now() + wait, reason, job_id),
            )
        self._db.commit()

    def job(self, job_id: int) -> dict:
        """The stored job as a dict of its columns; JobNotFound for an unknown id."""
        row = self._db.execute(f"SELECT {', '.join(COLUMNS)} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise JobNotFound(f"no job with id {job_id}")
        return dict(zip(COLUMNS, row, strict=True))

    def _running(self, job_id: int) -> dict:
        job = self.job(job_id)
        if job["status"] != "running":
            raise ValueError(f"job {job_id} is not running (it is {job['status']})")
        return job
