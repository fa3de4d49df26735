"""Milestone 12, ready to deploy: SIGTERM in the middle of a burst of writes.

One scenario per run (a scene, built in the background) is shared by the four tests:
what the request in flight was answered, whether new connections were
refused, how the server ended, and whether every task answered 201 is there
after a restart. Settings, logs, /health and the Dockerfile are in
test_taskapi_deploy.py.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

import _deploy
import pytest
from _api import AUTH_HEADER, AUTH_SCHEME, Api, User, unique
from _http import ServerGone, compact, expect_field, fail, send, shorten
from _scene import Scene, scene_fixture
from _server import HOST, Server

pytestmark = pytest.mark.milestone(12)

BURST_THREADS = 6
BURST_EACH = 25  # creates per thread at most
ACKED_BEFORE_SIGTERM = 12
LIST_PAGE = 100  # the contract's largest limit


def auth(user: User) -> dict[str, str]:
    return {AUTH_HEADER: f"{AUTH_SCHEME} {user.key}"}


@dataclass
class Shutdown:
    """What happened when SIGTERM reached a server in the middle of a burst of creates."""

    api: Api  # a client for the server restarted on the same file
    user: User
    in_flight: tuple[int, Any] | str  # the answer to the request in flight at SIGTERM, or what went wrong
    refused: bool  # new connections were refused within 2 s of SIGTERM
    code: int | None  # its exit status; None: still running 8 s after SIGTERM
    acked: list[dict[str, Any]]  # every task answered 201
    problems: list[str]


def burst(server: Server, user: User, acked: list[dict[str, Any]], problems: list[str]) -> list[Any]:
    """Start threads that create tasks until the server stops answering (each at most BURST_EACH)."""
    lock = threading.Lock()

    def worker(number: int) -> None:
        for i in range(BURST_EACH):
            body = {"title": f"Burst {number}-{i} {uuid.uuid4().hex[:8]}"}
            try:
                resp = send(HOST, server.port, "POST", "/tasks", json_body=body, headers=auth(user))
            except ServerGone:
                return  # refused or cut: not acknowledged, nothing promised
            with lock:
                if resp.status == 201 and isinstance(resp.json, dict):
                    acked.append(resp.json)
                elif resp.status < 500:
                    problems.append(f"POST /tasks {compact(body)} answered {resp.status}")

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(BURST_THREADS)]
    for thread in threads:
        thread.start()
    return threads


def shut_down(spawn: Any) -> Shutdown:
    api = Api(spawn())
    user = api.new_user("sigterm")
    acked: list[dict[str, Any]] = []
    problems: list[str] = []
    threads = burst(api.server, user, acked, problems)
    _deploy.wait_for(lambda: len(acked) >= ACKED_BEFORE_SIGTERM, 10.0)
    pending = _deploy.HalfSent(api.server.port, "/tasks", {"title": unique("In flight")}, auth(user))
    time.sleep(0.5)  # the server has read its headers: the request is in its hands
    _deploy.terminate(api.server)
    refused = _deploy.refuses_connections(api.server.port)
    # uvicorn cancels what is left 0.1 s + the grace after it stops listening: wait past a grace
    # of 0, well inside the default 2 s, so a server that drops requests in flight is seen to.
    time.sleep(_deploy.HOLD_AFTER_REFUSAL)
    in_flight = pending.finish()
    deadline = time.monotonic() + _deploy.EXIT_TIMEOUT + 6
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    code = _deploy.wait_exit(api.server)
    if isinstance(in_flight, tuple) and in_flight[0] == 201 and isinstance(in_flight[1], dict):
        acked.append(in_flight[1])
    after = Api(spawn(api.server.db_path))
    return Shutdown(after, user, in_flight, refused, code, list(acked), problems)


sigterm = scene_fixture(shut_down)


WHAT = (
    "Sent SIGTERM during a burst of creates, while one more POST /tasks was in flight "
    "(its body not yet complete)"
)


@pytest.mark.points(2)
def test_sigterm_lets_the_request_in_flight_finish(sigterm: Scene[Shutdown]) -> None:
    """On SIGTERM the server still answers the request it is in the middle of."""
    s = sigterm.get()
    if not isinstance(s.in_flight, tuple) or s.in_flight[0] != 201:
        answer = s.in_flight
        got = f"no answer ({answer})" if isinstance(answer, str) else f"{answer[0]} {compact(answer[1])}"
        fail(None, f"{WHAT}, then completed it; got {got}.", "201: requests in flight finish after SIGTERM")


@pytest.mark.points(1)
def test_sigterm_refuses_new_connections(sigterm: Scene[Shutdown]) -> None:
    """After SIGTERM the server stops accepting connections while it finishes what it has."""
    if not sigterm.get().refused:
        fail(None, f"{WHAT}; new connections were still accepted 2 s later.", "new connections refused")


@pytest.mark.points(1)
def test_sigterm_ends_the_server_cleanly(sigterm: Scene[Shutdown]) -> None:
    """After SIGTERM the server exits on its own, with status 0 (or by the SIGTERM itself), within seconds."""
    code = sigterm.get().code
    if code is None or code not in _deploy.CLEAN_EXITS:
        ending = "was still running 8 seconds later" if code is None else f"exited with status {code}"
        fail(None, f"{WHAT}; the server {ending}.", "exit status 0 within a few seconds")


@pytest.mark.points(2)
def test_sigterm_during_a_burst_of_writes_loses_nothing(sigterm: Scene[Shutdown]) -> None:
    """Every create answered 201 before the server stopped is there, whole, after a restart on its file."""
    s = sigterm.get()
    if s.problems:
        fail(None, f"{WHAT}: " + "; ".join(s.problems[:3]) + ".", "201 for every create answered")
    listed = listed_titles(s.api, s.user, len(s.acked))
    for task in s.acked:
        if shown_whole(listed, task):
            continue  # no need to ask for it alone
        resp = s.api.get(f"/tasks/{task.get('id')}", user=s.user)
        if resp.status != 200 or expect_field(resp, "title") != task.get("title"):
            fail(
                resp,
                f"{WHAT}, and restarted on the same file; task {task.get('id')} "
                f"({compact(task.get('title'))}) was answered 201 but now "
                f"{resp.status} {shorten(resp.text, 160)} "
                f"({len(s.acked)} creates were answered 201).",
                "every task answered 201 is still there, unchanged",
            )


def listed_titles(api: Api, user: User, count: int) -> dict[Any, Any]:
    """The user's tasks as their list shows them, id to title, in pages of 100.

    A cheaper look than one GET per task; what the list does not show (or a list that
    cannot be read) is asked for alone, so only a single GET ever fails this test.
    """
    seen: dict[Any, Any] = {}
    for offset in range(0, count + 1, LIST_PAGE):
        resp = api.get(f"/tasks?limit={LIST_PAGE}&offset={offset}", user=user)
        items = resp.json.get("items") if resp.status == 200 and isinstance(resp.json, dict) else None
        if not isinstance(items, list):
            break
        seen.update((item["id"], item.get("title")) for item in items if plain_id(item))
    return seen


def plain_id(task: Any) -> bool:
    return isinstance(task, dict) and isinstance(task.get("id"), int | str)


def shown_whole(listed: dict[Any, Any], task: dict[str, Any]) -> bool:
    """The list shows ``task`` with the title it was answered with."""
    return plain_id(task) and task["id"] in listed and listed[task["id"]] == task.get("title")
