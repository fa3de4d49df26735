"""Storage for background jobs, kept in a dict: simple, and gone when the process ends.

(The known-wrong variant of job_store.py: it has the methods of the
reference's SqliteJobStore, with one lock around each so the threads of one
server never run a job twice, but nothing is written to the database file.)
"""

from __future__ import annotations

import threading
from dataclasses import replace
from os import PathLike

from .jobs import Job


class SqliteJobStore:
    """Jobs in memory, whatever the path says."""

    def __init__(self, path: str | PathLike[str], timeout: float = 30.0) -> None:
        self.path = path
        self.jobs: dict[int, Job] = {}
        self.claims: dict[int, tuple[str, str]] = {}  # job id -> (worker, lease until)
        self.lock = threading.Lock()

    def create_schema(self) -> None:
        return

    def add_job(self, user_id: int, kind: str, fail_attempts: int, run_after: str, now: str) -> Job:
        with self.lock:
            job_id = len(self.jobs) + 1
            job = Job(
                job_id, user_id, kind, "queued", 0, fail_attempts, 0, None, None, run_after, now, now, None
            )
            self.jobs[job_id] = job
            return job

    def get_job(self, user_id: int, job_id: int) -> Job | None:
        with self.lock:
            job = self.jobs.get(job_id)
        return job if job is not None and job.user_id == user_id else None

    def _due(self, job: Job, now: str) -> bool:
        if job.status == "queued":
            return job.run_after <= now
        return job.status == "running" and self.claims.get(job.id, ("", ""))[1] < now

    def next_due(self, now: str) -> int | None:
        with self.lock:
            due = [job for job in self.jobs.values() if self._due(job, now)]
        return min(due, key=lambda job: (job.run_after, job.id)).id if due else None

    def claim(self, job_id: int, worker: str, now: str, lease_until: str) -> Job | None:
        with self.lock:
            job = self.jobs.get(job_id)
            if job is None or not self._due(job, now):
                return None
            job = replace(job, status="running", attempts=job.attempts + 1, updated_at=now)
            self.jobs[job_id] = job
            self.claims[job_id] = (worker, lease_until)
            return job

    def _update(self, job_id: int, worker: str, **changes: object) -> bool:
        with self.lock:
            job = self.jobs.get(job_id)
            if job is None or job.status != "running" or self.claims.get(job_id, ("", ""))[0] != worker:
                return False
            self.jobs[job_id] = replace(job, **changes)  # type: ignore[arg-type]
            return True

    def save_progress(self, job_id: int, worker: str, progress: int, now: str) -> bool:
        return self._update(job_id, worker, progress=progress, updated_at=now)

    def succeed(self, job_id: int, worker: str, result: str, now: str) -> bool:
        return self._update(
            job_id, worker, status="succeeded", progress=100, result=result, updated_at=now, finished_at=now
        )

    def retry_later(self, job_id: int, worker: str, error: str, run_after: str, now: str) -> bool:
        done = self._update(job_id, worker, status="queued", error=error, run_after=run_after, updated_at=now)
        with self.lock:
            self.claims.pop(job_id, None)
        return done

    def fail(self, job_id: int, worker: str, error: str, now: str) -> bool:
        return self._update(job_id, worker, status="failed", error=error, updated_at=now, finished_at=now)
