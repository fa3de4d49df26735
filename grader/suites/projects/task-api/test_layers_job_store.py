"""Milestone 11, graded where it lives: the job store's lease, on a database file of its own.

A worker claims a job until ``lease_until``. If its server dies in the middle
of the attempt, the row stays 'running' with nobody to finish it; once the
lease has passed, the job is due again, for exactly one other worker. Over
HTTP that would mean killing a server and waiting out the real lease (30 s);
the store is told the time by its caller, so here the clock simply moves on.
"""

from __future__ import annotations

import pytest
from _layers import JOB_STORE, NOW, REPOSITORY, answers, returns_with

from grader.testkit import call

pytestmark = pytest.mark.milestone(11)

LEASE_END = "2026-11-21T10:00:30.000000Z"  # NOW + jobs.LEASE (30 s)
IN_LEASE = "2026-11-21T10:00:20.000000Z"
AFTER_LEASE = "2026-11-21T10:00:31.000000Z"
NEXT_LEASE_END = "2026-11-21T10:01:01.000000Z"
EXPORT = '{"count": 0, "tasks": []}'


@pytest.fixture
def store(project_code):
    """A SqliteJobStore on a fresh file that also has the tasks' tables and user 1, as at server start."""
    path = str(project_code.folder / "jobs-lease.db")
    tasks = project_code.module(REPOSITORY).SqliteTaskStore(path)
    tasks.create_schema()
    tasks.add_user("Ada", "ada", "hash-ada", NOW)
    jobs = project_code.module(JOB_STORE).SqliteJobStore(path)
    jobs.create_schema()
    return jobs


def test_a_job_whose_worker_died_runs_again_after_its_lease_once(store):
    """A job claimed until 10:00:30 whose worker never came back is due at 10:00:31, to one worker only."""
    added = returns_with(call(store.add_job, 1, "export", 0, NOW, NOW), "Job", status="queued", attempts=0)
    job_id = added.id
    returns_with(call(store.claim, job_id, "worker-a", NOW, LEASE_END), "Job", status="running", attempts=1)
    # worker-a's server is killed here: the attempt is never finished, the row stays 'running'.
    call(store.next_due, IN_LEASE).returns(None)
    call(store.claim, job_id, "worker-b", IN_LEASE, NEXT_LEASE_END).returns(None)
    answers(call(store.next_due, AFTER_LEASE), job_id)
    returns_with(
        call(store.claim, job_id, "worker-b", AFTER_LEASE, NEXT_LEASE_END),
        "Job",
        status="running",
        attempts=2,
    )
    call(store.claim, job_id, "worker-c", AFTER_LEASE, NEXT_LEASE_END).returns(None)
    call(store.next_due, AFTER_LEASE).returns(None)
    call(store.succeed, job_id, "worker-a", EXPORT, AFTER_LEASE).returns(False)  # its claim was taken over
    call(store.succeed, job_id, "worker-b", EXPORT, AFTER_LEASE).returns(True)
    returns_with(
        call(store.get_job, 1, job_id), "Job", status="succeeded", attempts=2, progress=100, result=EXPORT
    )
