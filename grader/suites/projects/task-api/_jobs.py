"""Checks about background jobs (milestone 11), shared by the job tests.

A job finishes on its own time, so every wait here polls ``GET /jobs/{id}``
with a deadline and a bounded number of polls, and says what it last saw
when the deadline passes.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any

from _api import Api, User
from _http import Response, compact, expect_field, expect_header, expect_json_object, expect_status, fail
from _tasks import TIMESTAMP, is_int

STATUSES = ("queued", "running", "succeeded", "failed")
FINISHED = ("succeeded", "failed")
WAIT = 10.0  # seconds a job may take to finish on a busy machine (its own work takes milliseconds)
POLL = 0.05
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"

JOB_CHECKS = {
    "id": (is_int, "a whole number"),
    "status": (lambda v: v in STATUSES, '"queued", "running", "succeeded" or "failed"'),
    "attempts": (lambda v: is_int(v) and v >= 0, "a whole number, 0 or more"),
    "progress": (lambda v: is_int(v) and 0 <= v <= 100, "a whole number from 0 to 100"),
    "error": (lambda v: v is None or isinstance(v, str), "a string or null"),
    "created_at": (lambda v: isinstance(v, str) and TIMESTAMP.fullmatch(v) is not None, "a timestamp"),
}


def expect_job(resp: Response) -> dict[str, Any]:
    """Check the body is a job with every field in the right form."""
    body = expect_json_object(resp, "the job as a JSON object")
    for name, (check, what) in JOB_CHECKS.items():
        expect_field(resp, name, check, what)
    expect_field(resp, "result")
    expect_field(resp, "finished_at")
    return body


def start_export(api: Api, user: User, **body: Any) -> tuple[Response, dict[str, Any]]:
    """``POST /exports`` (must answer 202 with the job and its Location) and return the answer and job."""
    resp = api.post("/exports", json=body, user=user)
    expect_status(resp, 202, "(the export is accepted, to be done in the background)")
    job = expect_job(resp)
    expect_header(resp, "Location", lambda v: v == f"/jobs/{job['id']}", f"/jobs/{job['id']}")
    return resp, job


def get_job(api: Api, user: User, job_id: Any) -> tuple[Response, dict[str, Any]]:
    resp = api.get(f"/jobs/{job_id}", user=user)
    expect_status(resp, 200, "(the job is there)")
    return resp, expect_job(resp)


def wait_for_job(api: Api, user: User, job_id: Any, seconds: float = WAIT) -> tuple[Response, dict[str, Any]]:
    """Follow the job until it succeeded or failed; its progress must never go down."""
    deadline = time.monotonic() + seconds
    progress = 0
    for _ in range(int(seconds / POLL) + 1):
        resp, job = get_job(api, user, job_id)
        if job["progress"] < progress:
            fail(
                resp,
                f"Followed job {job_id} with GET /jobs/{job_id}; its progress went from {progress} "
                f"down to {job['progress']}, expected it never to go down.",
                "progress that never goes down",
            )
        progress = job["progress"]
        if job["status"] in FINISHED or time.monotonic() > deadline:
            break
        time.sleep(POLL)
    if job["status"] not in FINISHED:
        fail(
            resp,
            f"Followed job {job_id} with GET /jobs/{job_id} for {seconds:.0f} seconds; it was still "
            f'"{job["status"]}" (attempts: {compact(job["attempts"])}), expected it to have succeeded or '
            "failed by then. A worker must pick up every job that is due, also one queued before the "
            "server started.",
            "the job finished within seconds",
        )
    return resp, job


def expect_finished(resp: Response, job: dict[str, Any], status: str, attempts: int, why: str) -> None:
    """Check a finished job's status, attempts and finished_at."""
    if job["status"] != status or job["attempts"] != attempts:
        fail(
            resp,
            f'Followed job {job["id"]} ({why}); it ended "{job["status"]}" after '
            f"{compact(job['attempts'])} attempts (error: {compact(job['error'])}), expected "
            f'"{status}" after {attempts}.',
            f'"status": "{status}", "attempts": {attempts}',
        )
    expect_field(
        resp,
        "finished_at",
        lambda v: isinstance(v, str) and TIMESTAMP.fullmatch(v) is not None,
        "the time it finished, a timestamp",
    )


def seconds_between(earlier: str, later: str) -> float:
    """The seconds from one contract timestamp to another."""
    return (datetime.strptime(later, TIME_FORMAT) - datetime.strptime(earlier, TIME_FORMAT)).total_seconds()
