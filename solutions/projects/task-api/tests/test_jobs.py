"""Tests for background jobs (milestone 11), without a server and without sleeping.

A worker is just something that calls ``run_next``, so the tests call it
themselves, one attempt at a time, with a clock they move by hand: the
backoff is checked exactly, and nothing waits for real time to pass.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from taskapi.job_store import SqliteJobStore
from taskapi.jobs import JobNotFound, JobService, Workers, backoff_delay
from taskapi.repository import SqliteTaskStore
from taskapi.service import NewTask, TaskService, User


class ManualClock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "tasks.db"


@pytest.fixture
def tasks(db: Path, clock: ManualClock) -> TaskService:
    store = SqliteTaskStore(db)
    store.create_schema()
    return TaskService(store, clock)


@pytest.fixture
def jobs(db: Path, tasks: TaskService, clock: ManualClock) -> JobService:
    store = SqliteJobStore(db)
    store.create_schema()
    return JobService(store, tasks, clock)


@pytest.fixture
def ada(tasks: TaskService) -> User:
    user, _key = tasks.create_user("ada")
    return user


def test_backoff_doubles_up_to_its_cap() -> None:
    assert [backoff_delay(n) for n in (1, 2, 3)] == [0.25, 0.5, 1.0]
    assert backoff_delay(20) == 5.0


def test_an_export_holds_every_task_of_its_user(jobs: JobService, tasks: TaskService, ada: User) -> None:
    bob, _ = tasks.create_user("bob")
    mine = [tasks.create_task(ada, NewTask(f"task {n}")) for n in range(3)]
    tasks.create_task(bob, NewTask("not ada's"))
    job = jobs.start_export(ada)
    assert (job.status, job.attempts, job.progress) == ("queued", 0, 0)
    assert jobs.run_next("worker-1") is True
    done = jobs.get_job(ada, job.id)
    assert (done.status, done.attempts, done.progress, done.error) == ("succeeded", 1, 100, None)
    assert done.result is not None
    assert [task["id"] for task in json.loads(done.result)["tasks"]] == [task.id for task in mine]
    assert jobs.run_next("worker-1") is False  # nothing left to do


def test_a_job_is_invisible_to_other_users(jobs: JobService, tasks: TaskService, ada: User) -> None:
    bob, _ = tasks.create_user("bob")
    job = jobs.start_export(ada)
    with pytest.raises(JobNotFound):
        jobs.get_job(bob, job.id)


def test_a_failed_attempt_waits_for_its_backoff(jobs: JobService, clock: ManualClock, ada: User) -> None:
    job = jobs.start_export(ada, fail_attempts=1)
    assert jobs.run_next("w") is True
    waiting = jobs.get_job(ada, job.id)
    assert (waiting.status, waiting.attempts, waiting.error) == ("queued", 1, "planned failure on attempt 1")
    clock.advance(0.24)
    assert jobs.run_next("w") is False  # not due yet
    clock.advance(0.01)
    assert jobs.run_next("w") is True
    assert jobs.get_job(ada, job.id).status == "succeeded"


def test_a_job_fails_for_good_after_three_attempts(jobs: JobService, clock: ManualClock, ada: User) -> None:
    job = jobs.start_export(ada, fail_attempts=10)
    for wait in (0.0, 0.25, 0.5):
        clock.advance(wait)
        assert jobs.run_next("w") is True
    failed = jobs.get_job(ada, job.id)
    assert (failed.status, failed.attempts, failed.result) == ("failed", 3, None)
    assert failed.error == "planned failure on attempt 3"
    clock.advance(60)
    assert jobs.run_next("w") is False  # failed is final


def test_a_delayed_job_is_not_due_before_its_time(jobs: JobService, clock: ManualClock, ada: User) -> None:
    jobs.start_export(ada, delay_seconds=5)
    assert jobs.run_next("w") is False
    clock.advance(5)
    assert jobs.run_next("w") is True


def test_a_job_is_claimed_once(jobs: JobService, clock: ManualClock, ada: User) -> None:
    job = jobs.start_export(ada)
    now = "2026-11-21T10:00:00.000000Z"
    lease = "2026-11-21T10:00:30.000000Z"
    assert jobs.store.claim(job.id, "first", now, lease) is not None
    assert jobs.store.claim(job.id, "second", now, lease) is None


def test_a_job_survives_a_new_store_on_the_same_file(jobs: JobService, db: Path, ada: User) -> None:
    job = jobs.start_export(ada, delay_seconds=60)
    again = SqliteJobStore(db)
    assert again.get_job(ada.id, job.id) == job


def real_time_jobs(db: Path, tasks: TaskService) -> JobService:
    store = SqliteJobStore(db)
    store.create_schema()
    return JobService(store, tasks)


def test_many_workers_run_each_job_once(db: Path, tasks: TaskService, ada: User) -> None:
    # Real time here (not the fixture's clock): several threads race for the same jobs.
    jobs = real_time_jobs(db, tasks)
    started = [jobs.start_export(ada) for _ in range(20)]
    gate = threading.Barrier(4, timeout=10)

    def work(name: str) -> None:
        gate.wait()
        for _ in range(100):  # bounded: 20 jobs need far fewer rounds
            if not jobs.run_next(name):
                return

    threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    finished = [jobs.get_job(ada, job.id) for job in started]
    assert [(job.status, job.attempts) for job in finished] == [("succeeded", 1)] * 20


def test_workers_run_jobs_in_the_background(db: Path, tasks: TaskService, ada: User) -> None:
    jobs = real_time_jobs(db, tasks)
    with Workers(jobs, count=2):
        job = jobs.start_export(ada)
        deadline = time.monotonic() + 10
        while jobs.get_job(ada, job.id).status != "succeeded" and time.monotonic() < deadline:
            time.sleep(0.01)
    assert jobs.get_job(ada, job.id).status == "succeeded"
