"""Milestone 3: data survives a restart of the server on the same database file.

Two scenarios are built in the background (``_scene``). In the first, a server
is started on a fresh file, users and tasks are created, changed and deleted,
the server is stopped (SIGTERM) and a new one is started on the same file; each
test then checks one thing. In the second, a server is killed (kill -9) right
after an update.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_field, expect_status, fail
from _scene import Scene, scene_fixture
from _tasks import expect_error, get_task, if_match, patch

pytestmark = pytest.mark.milestone(3)


@dataclass
class Before:
    """What was stored before the restart, and a client for the new server."""

    api: Api
    alice: User
    bob: User
    kept: dict[str, Any]
    edited: dict[str, Any]
    spare: dict[str, Any]
    deleted_id: Any
    bob_task: dict[str, Any]
    stop_seconds: float | None  # how long the first server took to exit on SIGTERM


def build(spawn: Any) -> Before:
    first = Api(spawn())
    alice, bob = first.new_user("alice"), first.new_user("bob")
    kept = first.create_task(
        alice, unique("Survive"), description="über 9000 ✓", priority=5, due_date="2032-12-31"
    )
    edited = first.create_task(alice, unique("Edit me"))
    changes = {"title": unique("Edited"), "status": "doing"}
    expect_status(patch(first, alice, edited["id"], changes, if_match(edited)), 200, "(updated)")
    edited = get_task(first, alice, edited["id"])
    spare = first.create_task(alice, unique("Spare"))
    doomed = first.create_task(alice, unique("Doomed"))
    expect_status(first.delete(f"/tasks/{doomed['id']}", user=alice), 204, "(deleted)")
    bob_task = first.create_task(bob, unique("Bob's"))
    stop_seconds = first.server.stop()
    second = spawn(first.server.db_path)
    return Before(Api(second), alice, bob, kept, edited, spare, doomed["id"], bob_task, stop_seconds)


restarted = scene_fixture(build)


def same_task(resp: Any, got: dict[str, Any], wanted: dict[str, Any], what: str) -> None:
    if got != wanted:
        fail(
            resp,
            f"After a restart, {what} is {compact(got)}; before the restart it was {compact(wanted)}.",
            compact(wanted),
        )


@pytest.mark.points(3)
def test_tasks_survive_a_restart(restarted: Scene[Before]) -> None:
    """A task created before a restart is still there, unchanged, afterwards."""
    s = restarted.get()
    resp = s.api.get(f"/tasks/{s.kept['id']}", user=s.alice)
    expect_status(resp, 200, "(the task was saved before the restart)")
    same_task(resp, resp.json, s.kept, f"task {s.kept['id']}")


@pytest.mark.points(2)
def test_changes_and_versions_survive_a_restart(restarted: Scene[Before]) -> None:
    """A PATCHed task keeps its new values and version after a restart."""
    s = restarted.get()
    resp = s.api.get(f"/tasks/{s.edited['id']}", user=s.alice)
    expect_status(resp, 200, "(the task was saved before the restart)")
    same_task(resp, resp.json, s.edited, f"task {s.edited['id']}")


@pytest.mark.points(1)
def test_patch_after_a_restart_continues_the_version(restarted: Scene[Before]) -> None:
    """After a restart, PATCH with the version seen before the restart works and adds 1."""
    s = restarted.get()
    resp = patch(s.api, s.alice, s.spare["id"], {"priority": 1}, if_match(s.spare))
    expect_status(resp, 200, "(the version is still current: nothing changed the task)")
    expect_field(resp, "version", equals=s.spare["version"] + 1)


@pytest.mark.points(2)
def test_api_keys_survive_a_restart(restarted: Scene[Before]) -> None:
    """Users' API keys still work after a restart, each reaching only their own tasks."""
    s = restarted.get()
    resp = s.api.get(f"/tasks/{s.bob_task['id']}", user=s.bob)
    expect_status(resp, 200, "(Bob's key and task were saved before the restart)")
    same_task(resp, resp.json, s.bob_task, f"Bob's task {s.bob_task['id']}")
    expect_error(s.api.get(f"/tasks/{s.kept['id']}", user=s.bob), 404, "(it is Alice's task)")


@pytest.mark.points(1)
def test_deletions_survive_a_restart(restarted: Scene[Before]) -> None:
    """A task deleted before a restart stays deleted afterwards."""
    s = restarted.get()
    expect_error(
        s.api.get(f"/tasks/{s.deleted_id}", user=s.alice), 404, "(it was deleted before the restart)"
    )


@pytest.mark.points(1)
def test_server_stops_on_sigterm(restarted: Scene[Before]) -> None:
    """The server exits within 5 seconds of SIGTERM (the signal a service manager sends)."""
    s = restarted.get()
    if s.stop_seconds is None:
        fail(
            None,
            "Sent SIGTERM to the server; it was still running 5 seconds later and had to be "
            "killed. It must exit within 5 seconds.",
            "exit within 5 seconds of SIGTERM",
        )


@pytest.mark.points(1)
def test_new_tasks_after_a_restart_get_new_ids(restarted: Scene[Before]) -> None:
    """After a restart, new tasks can be created and get ids not used before."""
    s = restarted.get()
    user = s.api.new_user("later")
    task = s.api.create_task(user, unique("After restart"))
    old = {s.kept["id"], s.edited["id"], s.spare["id"], s.deleted_id, s.bob_task["id"]}
    if task["id"] in old:
        fail(
            None,
            f"After a restart, a new task got id {task['id']}, which a task created before the "
            "restart already had. Ids are never reused, even after a delete.",
            "a new id",
        )


@pytest.mark.points(1)
@pytest.mark.milestone(6)
def test_duplicate_rule_survives_a_restart(restarted: Scene[Before]) -> None:
    """After a restart, a title used before the restart still counts as taken."""
    s = restarted.get()
    resp = s.api.post("/tasks", json={"title": s.kept["title"].upper()}, user=s.alice)
    expect_error(resp, 409, "(the user already has a task with this title)")
    expect_field(resp, "existing_id", equals=s.kept["id"])


@dataclass
class Crashed:
    """A task updated, then its server killed (kill -9) and a new one started on the same file."""

    resp: Response  # the new server's answer to GET /tasks/<id>
    saved: dict[str, Any]  # the task as the update answered it
    task_id: Any


def crash(spawn: Any) -> Crashed:
    first = Api(spawn())
    user = first.new_user("crash")
    task = first.create_task(user, unique("Crash-proof"))
    resp = patch(first, user, task["id"], {"status": "done"}, if_match(task))
    expect_status(resp, 200, "(the task is updated)")
    first.server.kill()
    second = Api(spawn(first.server.db_path))
    return Crashed(second.get(f"/tasks/{task['id']}", user=user), resp.json, task["id"])


crashed = scene_fixture(crash)


@pytest.mark.points(2)
def test_data_survives_a_crash(crashed: Scene[Crashed]) -> None:
    """Data already answered with 201/200 survives even if the server is killed (kill -9)."""
    s = crashed.get()
    expect_status(s.resp, 200, "(the task was saved before the crash)")
    same_task(s.resp, s.resp.json, s.saved, f"task {s.task_id} (after kill -9)")
