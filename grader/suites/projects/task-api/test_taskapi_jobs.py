"""Milestone 11: background jobs. POST /exports answers 202; workers do the work; GET /jobs/{id} follows it.

Jobs are followed by polling with a deadline (``_jobs.wait_for_job``). The
retries and the restart are scenes, built in the background on servers of
their own (``_scene``): they are mostly waiting. The restart tests stop the
learner's server with a job accepted but not yet due, and start a new one on
the same file; the run-once test puts two servers on one database file and
sends them bursts of exports at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_field, expect_status, fail
from _jobs import expect_finished, get_job, seconds_between, start_export, wait_for_job
from _scene import Scene, scene_fixture, settled
from _tasks import expect_errors, expect_problem

pytestmark = pytest.mark.milestone(11)

MAX_ATTEMPTS = 3
FIRST_WAITS = 0.25 + 0.5  # the contract's backoff before attempts 2 and 3
NOT_DUE = 60  # seconds: a job started with this delay stays queued for the whole test
RACERS = 8  # per server: two bursts are plenty, and 16 threads per server would crowd a sandbox
ROUNDS = 2  # one burst per server; about half the jobs of a burst run twice when the claim has a gap


@pytest.mark.points(2)
def test_an_export_is_accepted_with_202_and_its_job(api: Api) -> None:
    """POST /exports answers 202 at once with the queued job and Location: /jobs/<id>; GET follows it."""
    user = api.new_user()
    resp, job = start_export(api, user, delay_seconds=NOT_DUE)
    wanted = {"status": "queued", "attempts": 0, "progress": 0, "result": None, "error": None}
    for name, value in wanted.items():
        expect_field(resp, name, equals=value, expectation="a job not due for a minute is waiting")
    again, seen = get_job(api, user, job["id"])
    expect_field(again, "id", equals=job["id"], expectation="the job the Location names")
    expect_field(again, "status", equals="queued", expectation="not due for a minute")


@pytest.mark.points(3)
def test_an_export_succeeds_with_every_task(api: Api) -> None:
    """An export ends "succeeded" after 1 attempt, progress 100, with the user's tasks in id order."""
    user, other = api.new_user(), api.new_user("other")
    created = [api.create_task(user, unique("Export me"), priority=p) for p in (2, 5, 1)]
    api.create_task(other, unique("Not mine"))
    _, job = start_export(api, user)
    resp, job = wait_for_job(api, user, job["id"])
    expect_finished(resp, job, "succeeded", 1, "an export with nothing in its way")
    expect_field(resp, "progress", equals=100, expectation="a finished job is 100% done")
    expect_field(resp, "error", equals=None, expectation="no attempt failed")
    wanted = {"count": len(created), "tasks": sorted(created, key=lambda task: task["id"])}
    if job["result"] != wanted:
        fail(
            resp,
            f'Followed export job {job["id"]} of a user with {len(created)} tasks; got "result": '
            f"{compact(job['result'])[:300]}, expected {compact(wanted)[:300]} (every task of this user, "
            "all nine fields, in id order, and no other user's).",
            '"result": {"count": 3, "tasks": [...]}',
        )


@pytest.mark.points(1)
def test_jobs_need_an_api_key(api: Api) -> None:
    """POST /exports and GET /jobs/{id} without an API key answer 401."""
    expect_problem(api.post("/exports", json={}), 401, "(no API key)")
    expect_problem(api.get("/jobs/1"), 401, "(no API key)")


@pytest.mark.points(1)
def test_another_users_job_is_404(api: Api) -> None:
    """Another user's job answers 404, exactly like a job that does not exist."""
    ada, bob = api.new_user("ada"), api.new_user("bob")
    _, job = start_export(api, ada, delay_seconds=NOT_DUE)
    expect_problem(api.get(f"/jobs/{job['id']}", user=bob), 404, "(another user's job)")
    expect_problem(api.get("/jobs/987654321", user=ada), 404, "(no such job)")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"fail_attempts": "1"}, "fail_attempts"),
        ({"fail_attempts": 11}, "fail_attempts"),
        ({"delay_seconds": -1}, "delay_seconds"),
        ({"format": "csv"}, "format"),
    ],
    ids=["text-number", "too-many-failures", "negative-delay", "unknown-field"],
)
def test_a_bad_export_request_is_422(api: Api, body: dict[str, Any], field: str) -> None:
    """The export body follows the contract's rules: whole numbers in range, no other fields."""
    user = api.new_user()
    expect_errors(api.post("/exports", json=body, user=user), field)


Followed = Callable[[], tuple[Response, dict[str, Any]]]


@dataclass
class Retried:
    """Two jobs followed to their end: each the job's last answer, or the error following it raised."""

    twice: Followed  # its first two attempts fail
    always: Followed  # every attempt fails


def retried_jobs(spawn: Any) -> Retried:
    """Start a job that fails twice and one that always fails, together (their backoffs overlap)."""
    api = Api(spawn())
    user = api.new_user()
    api.create_task(user, unique("Worth retrying"))
    _, twice = start_export(api, user, fail_attempts=2)
    _, always = start_export(api, user, fail_attempts=MAX_ATTEMPTS + 2)
    return Retried(
        settled(lambda: wait_for_job(api, user, twice["id"])),
        settled(lambda: wait_for_job(api, user, always["id"])),
    )


retried = scene_fixture(retried_jobs)


@pytest.mark.points(2)
def test_a_failed_attempt_is_retried(retried: Scene[Retried]) -> None:
    """With two planned failures the job is tried again, and succeeds at its third attempt."""
    resp, job = retried.get().twice()
    expect_finished(resp, job, "succeeded", 3, "its first 2 attempts fail on purpose")


@pytest.mark.points(2)
def test_a_job_failing_every_attempt_fails_with_its_reason(retried: Scene[Retried]) -> None:
    """After 3 failed attempts the job is "failed", with the last attempt's reason and no result."""
    resp, job = retried.get().always()
    expect_finished(resp, job, "failed", MAX_ATTEMPTS, "every attempt fails on purpose")
    reason = f"planned failure on attempt {MAX_ATTEMPTS}"
    expect_field(resp, "error", equals=reason, expectation="the reason the last attempt failed")
    expect_field(resp, "result", equals=None, expectation="a failed job has no result")


@pytest.mark.points(1)
def test_retries_wait_longer_each_time(retried: Scene[Retried]) -> None:
    """Retries back off: at least 0.25 s before the 2nd attempt and 0.5 s before the 3rd."""
    resp, job = retried.get().always()
    if job["status"] != "failed" or not isinstance(job.get("finished_at"), str):
        fail(
            resp,
            f'Followed job {job["id"]}, whose every attempt fails; it ended "{job["status"]}", so no '
            "backoff could be seen (see the test of a job failing every attempt).",
            "a failed job, at least 0.75 s after it was created",
        )
    took = seconds_between(job["created_at"], job["finished_at"])
    if took < FIRST_WAITS - 0.001:
        fail(
            resp,
            f"Followed job {job['id']}, whose every attempt fails; it failed {took:.3f} s after it was "
            f"created, expected at least {FIRST_WAITS:.2f} s (0.25 s before attempt 2, 0.5 s before "
            "attempt 3).",
            f"at least {FIRST_WAITS:.2f} s from created_at to finished_at",
        )


@dataclass
class Restarted:
    """Jobs started before a restart, and a client for the server started after it."""

    api: Api
    user: User
    done: dict[str, Any]  # a job that had succeeded before the restart
    waiting: dict[str, Any]  # a job accepted, not yet due, when the server stopped


def restart(spawn: Any) -> Restarted:
    first = Api(spawn())
    user = first.new_user("restarter")
    first.create_task(user, unique("Before the restart"))
    _, done = start_export(first, user)
    _, done = wait_for_job(first, user, done["id"])
    _, waiting = start_export(first, user, delay_seconds=1)
    first.server.stop()
    return Restarted(Api(spawn(first.server.db_path)), user, done, waiting)


restarted = scene_fixture(restart)


@pytest.mark.points(2)
def test_a_finished_job_is_kept_after_a_restart(restarted: Scene[Restarted]) -> None:
    """A job that succeeded is still there, unchanged, when the server restarts on the same file."""
    scene = restarted.get()
    resp, job = get_job(scene.api, scene.user, scene.done["id"])
    if job != scene.done:
        fail(
            resp,
            f"Restarted the server on the same database; got {compact(job)[:300]}, expected the job as "
            f"it was before: {compact(scene.done)[:300]}.",
            "the same job",
        )


@pytest.mark.points(2)
def test_a_queued_job_runs_after_a_restart(restarted: Scene[Restarted]) -> None:
    """A job queued when the server stopped is run by the next server on the same file."""
    scene = restarted.get()
    resp, job = wait_for_job(scene.api, scene.user, scene.waiting["id"])
    expect_finished(resp, job, "succeeded", 1, "accepted by the server before the restart, due 1 s later")


@pytest.mark.points(3)
@pytest.mark.varies  # which worker takes which job differs each run
def test_two_servers_run_each_job_once(api: Api, spawn: Any) -> None:
    """Two servers on one file, a burst of 8 exports at once to each: every job runs exactly once."""
    servers = [api, Api(spawn(api.server.db_path))]
    user = api.new_user("busy")
    api.create_task(user, unique("Exported often"))
    headers = api.headers_for(user, None)
    ids: list[Any] = []
    for round_ in range(ROUNDS):
        answers = servers[round_ % 2].race(RACERS, lambda i: ("POST", "/exports", {}, headers))
        for resp in answers:
            expect_status(resp, 202, "(the export is accepted)")
            ids.append(expect_field(resp, "id"))
    for job_id in ids:
        resp, job = wait_for_job(api, user, job_id)
        if job["attempts"] != 1 or job["status"] != "succeeded":
            fail(
                resp,
                f"Sent {ROUNDS} rounds of {RACERS} × POST /exports at the same moment, to two servers "
                f'on one database file; job {job_id} ended "{job["status"]}" after '
                f"{compact(job['attempts'])} attempts though none of its attempts fails: more than one "
                "worker ran it. Each job must be claimed by exactly one worker.",
                '"status": "succeeded", "attempts": 1 for every job',
            )
