"""Milestone 9 (stretch B): Idempotency-Key on POST /tasks, including simultaneous retries.

The race test sends 16 requests with one key at the same moment, several
times (see test_taskapi_conflicts.py for how): all must get the one task.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_header, expect_status, fail
from _scene import Scene, scene_fixture
from _tasks import expect_errors, expect_problem, list_tasks

pytestmark = pytest.mark.milestone(9)

RACERS = 16
BURSTS = 5


def create(api: Api, user: User, key: str, body: Any = None, raw: bytes | None = None) -> Response:
    headers = {"Idempotency-Key": key}
    if raw is not None:
        headers["Content-Type"] = "application/json"
        return api.post("/tasks", body=raw, user=user, headers=headers)
    return api.post("/tasks", json=body, user=user, headers=headers)


def count_tasks(api: Api, user: User) -> int:
    _, page = list_tasks(api, user, "limit=100")
    total = page.get("total")
    return total if isinstance(total, int) else len(page["items"])


def expect_replay(first: Response, again: Response) -> None:
    """``again`` repeats ``first``: 201, the same body, Location and ETag, and Idempotent-Replayed: true."""
    expect_status(again, 201, "(the same key and body again: the first answer, replayed)")
    if again.json != first.json:
        fail(
            again,
            f"Sent {again.request_line()} a second time; got {compact(again.json)}, expected the first "
            f"answer again: {compact(first.json)} (no new task).",
            "the first answer's body",
        )
    for name in ("Location", "ETag"):
        wanted = first.headers.get(name)
        expect_header(again, name, lambda v, wanted=wanted: v == wanted, f"{wanted} (as the first time)")
    expect_header(again, "Idempotent-Replayed", lambda v: v.strip().lower() == "true", "true")


def expect_count(api: Api, user: User, wanted: int, after: Response, what: str) -> None:
    total = count_tasks(api, user)
    if total != wanted:
        fail(
            after,
            f"{what}; the user now has {total} tasks, expected {wanted}. The key must stop a second create.",
            f"{wanted} tasks",
        )


@pytest.mark.points(3)
def test_same_key_and_body_replays_the_first_answer(api: Api) -> None:
    """The same key and body again gets the first 201 again, marked replayed, and creates nothing."""
    user = api.new_user()
    body = {"title": unique("Once only"), "priority": 2}
    first = create(api, user, "key-1", body)
    expect_status(first, 201, "(the first request with this key creates the task)")
    again = create(api, user, "key-1", body)
    expect_replay(first, again)
    expect_count(api, user, 1, again, "Sent the same request with the same Idempotency-Key twice")


@pytest.mark.points(1)
def test_key_order_and_spacing_do_not_matter(api: Api) -> None:
    """Bodies equal as JSON values are the same body, whatever the key order and spacing."""
    user = api.new_user()
    title = unique("Same body")
    first = create(api, user, "order", raw=f'{{"title": "{title}", "priority": 4}}'.encode())
    expect_status(first, 201, "(the task is created)")
    again = create(api, user, "order", raw=f'{{ "priority":4,"title":"{title}" }}'.encode())
    expect_replay(first, again)


@pytest.mark.points(2)
def test_same_key_with_another_body_is_422(api: Api) -> None:
    """The same key with a different body answers 422 idempotency-key-reused and creates nothing."""
    user = api.new_user()
    first = create(api, user, "reused", {"title": unique("One")})
    expect_status(first, 201, "(the task is created)")
    other = create(api, user, "reused", {"title": unique("Another")})
    expect_problem(other, 422, "(this key was used with another body)", slug="idempotency-key-reused")
    expect_count(api, user, 1, other, "Sent a second body with a used Idempotency-Key")


@pytest.mark.points(1)
def test_keys_belong_to_their_user(api: Api) -> None:
    """Two users may use the same key: each gets their own task."""
    ada, bob = api.new_user("ada"), api.new_user("bob")
    body = {"title": unique("Shared key")}
    mine = create(api, ada, "shared", body)
    theirs = create(api, bob, "shared", body)
    expect_status(mine, 201, "(Ada's task is created)")
    expect_status(theirs, 201, "(keys belong to a user: Bob's task is created too)")
    if theirs.headers.get("Idempotent-Replayed") or theirs.json.get("id") == mine.json.get("id"):
        fail(theirs, f"Sent {theirs.request_line()} as another user; got Ada's task replayed.", "a new task")


@pytest.mark.points(1)
@pytest.mark.parametrize("key", ["", "with space", "é-accent", "x" * 201])
def test_a_malformed_key_is_422(api: Api, key: str) -> None:
    """A key must be 1 to 200 visible ASCII characters; otherwise 422 naming Idempotency-Key."""
    user = api.new_user()
    resp = create(api, user, key, {"title": unique("Bad key")})
    expect_errors(resp, "Idempotency-Key")


@pytest.mark.points(1)
def test_a_refused_request_is_not_remembered(api: Api) -> None:
    """A 4xx answer is not remembered: the same key with a good body then creates the task."""
    user = api.new_user()
    refused = create(api, user, "retry", {"title": ""})
    expect_status(refused, 422, "(an empty title is refused)")
    resp = create(api, user, "retry", {"title": unique("Second try")})
    expect_status(resp, 201, "(the refused request was not remembered, so this one is new)")
    if resp.headers.get("Idempotent-Replayed"):
        fail(resp, f"Sent {resp.request_line()}; got a replay of a refused request.", "a new task")


@pytest.mark.points(1)
def test_replay_after_the_task_was_deleted(api: Api) -> None:
    """A replay answers the original 201 even after the task was deleted, and creates nothing."""
    user = api.new_user()
    body = {"title": unique("Gone later")}
    first = create(api, user, "gone", body)
    expect_status(first, 201, "(the task is created)")
    expect_status(api.delete(f"/tasks/{first.json['id']}", user=user), 204, "(deleted)")
    again = create(api, user, "gone", body)
    expect_replay(first, again)
    expect_count(api, user, 0, again, "Replayed a create after deleting its task")


@dataclass
class Replayed:
    """A create with a key, then the server restarted on its file and the same create sent again."""

    first: Response
    again: Response


def replay_after_a_restart(spawn: Any) -> Replayed:
    before = Api(spawn())
    user = before.new_user()
    body = {"title": unique("Durable")}
    first = create(before, user, "durable", body)
    expect_status(first, 201, "(the task is created)")
    before.server.stop()
    after = Api(spawn(before.server.db_path))
    return Replayed(first, create(after, user, "durable", body))


replayed = scene_fixture(replay_after_a_restart)


@pytest.mark.points(1)
def test_keys_survive_a_restart(replayed: Scene[Replayed]) -> None:
    """Remembered keys are kept in the database: a replay works after a restart."""
    s = replayed.get()
    expect_replay(s.first, s.again)


@pytest.mark.points(4)
@pytest.mark.varies  # requests interleave differently each run
def test_simultaneous_requests_with_one_key(api: Api) -> None:
    """16 creates with one key and body at the same moment: one task, sixteen 201s with its id (5 rounds)."""
    user = api.new_user("retrier")
    for burst in range(1, BURSTS + 1):
        key = f"race-{burst}"
        body = {"title": unique("Retried")}
        headers = {**api.headers_for(user, None), "Idempotency-Key": key}
        answers = api.race(RACERS, lambda i, body=body, headers=headers: ("POST", "/tasks", body, headers))
        check_key_race(answers, burst)
    rounds = f"Sent {BURSTS} rounds of {RACERS} creates, one key per round"
    expect_count(api, user, BURSTS, answers[0], rounds)


def check_key_race(answers: list[Response], burst: int) -> None:
    counts = Counter(resp.status for resp in answers)
    ids = {resp.json.get("id") for resp in answers if resp.status == 201 and isinstance(resp.json, dict)}
    if counts[201] == RACERS and len(ids) == 1:
        return
    shown = ", ".join(f"{n} × {status}" for status, n in sorted(counts.items()))
    example = next((r for r in answers if r.status != 201), answers[-1])
    fail(
        example,
        f"Sent {RACERS} × {answers[0].request_line()} at the same moment (round {burst} of {BURSTS}); "
        f"got {shown}"
        + (f" with {len(ids)} different task ids" if len(ids) > 1 else "")
        + f", expected {RACERS} × 201 with one task's id. Requests with one key must create one task.",
        f"{RACERS} × 201, one task",
    )
