"""Milestone 4: the server stays correct and alive under awkward input."""

from __future__ import annotations

import http.client

import pytest
from _api import Api, unique
from _http import compact, expect_field, expect_status, fail, sent_text
from _server import HOST
from _tasks import expect_problem, get_task

pytestmark = pytest.mark.milestone(4)

MIB = 1024 * 1024


@pytest.mark.points(2)
def test_1_mib_body_is_413_and_server_still_answers(api: Api) -> None:
    """A 1 MiB body answers 413, and the server keeps answering afterwards."""
    user = api.new_user()
    body = b'{"title": "' + b"x" * MIB + b'"}'
    resp = api.post("/tasks", body=body, headers={"Content-Type": "application/json"}, user=user)
    expect_problem(resp, 413, "(bodies over 64 KiB are refused)")
    expect_status(api.get("/health"), 200, "(the server must survive a huge request)")
    api.create_task(user, unique("Still fine"))


@pytest.mark.points(1)
def test_huge_body_without_content_length_is_413(api: Api) -> None:
    """A 1 MiB body sent in chunks (no Content-Length) answers 413 too."""
    user = api.new_user()
    conn = http.client.HTTPConnection(HOST, api.server.port, timeout=5)
    chunks = [b'{"title": "'] + [b"x" * 65536] * 16 + [b'"}']
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {user.key}"}
    try:
        conn.request("POST", "/tasks", body=iter(chunks), headers=headers, encode_chunked=True)
        answer = conn.getresponse()
        status = answer.status
        answer.read()
    except (OSError, http.client.HTTPException):
        status = 413  # closing the connection on an oversized stream is fine too
    finally:
        conn.close()
    if status != 413:
        fail(
            None,
            f"Sent POST /tasks with a 1 MiB body in chunks (Transfer-Encoding: chunked); got "
            f"{status}, expected 413. Count the bytes as you read them.",
            "413",
        )
    expect_status(api.get("/health"), 200, "(the server must survive a huge request)")


TRICKY_TITLES = (
    "Café crème brûlée",
    "買牛奶 🥛",
    "Ελληνικά ΣΊΣΥΦΟΣ",
    "שלום עולם",
    "e\u0301 combining accent",
    "emoji 👩‍👩‍👧‍👦 family",
    "tab\tinside",
    "quotes \"double\" and 'single'",
    "back\\slash",
)


@pytest.mark.points(2)
def test_unicode_titles_round_trip(api: Api) -> None:
    """Titles with accents, emoji and other scripts come back exactly as sent."""
    user = api.new_user()
    for title in TRICKY_TITLES:
        resp = api.post("/tasks", json={"title": title, "description": title}, user=user)
        expect_status(resp, 201, "(any Unicode text is a fine title)")
        expect_field(resp, "title", equals=title, expectation="exactly as sent")
        got = get_task(api, user, resp.json["id"])
        if got["title"] != title or got["description"] != title:
            fail(
                None,
                f"Created a task titled {compact(title)}; GET returned the title "
                f"{compact(got['title'])}, expected it unchanged.",
                compact(title),
            )


SQL_TITLES = (
    "'); DROP TABLE tasks;--",
    "Robert'); DROP TABLE users; --",
    '" OR 1=1 --',
    "x' OR 'a'='a",
    "%_%",
)


@pytest.mark.points(2)
def test_sql_looking_titles_are_stored_as_is(api: Api) -> None:
    """Titles that look like SQL are stored as plain text and break nothing."""
    user = api.new_user()
    before = api.create_task(user, unique("Innocent"))
    for title in SQL_TITLES:
        resp = api.post("/tasks", json={"title": title}, user=user)
        expect_status(resp, 201, "(it is just a title)")
        expect_field(resp, "title", equals=title, expectation="stored exactly as sent")
        got = get_task(api, user, resp.json["id"])
        if got["title"] != title:
            fail(
                None, f"Created a task titled {compact(title)}; GET returned {compact(got['title'])}.", title
            )
    if get_task(api, user, before["id"]) != before:
        fail(None, "After creating tasks with SQL-looking titles, an older task had changed.", "no change")
    other = api.new_user()
    api.create_task(other, unique("Other user's table still works"))


@pytest.mark.points(1)
def test_huge_task_id_is_404(api: Api) -> None:
    """A task id too big for any database (30 digits) answers 404, not 500."""
    user = api.new_user()
    big = "9" * 30
    expect_problem(api.get(f"/tasks/{big}", user=user), 404, "(no task has that id)")
    expect_problem(api.delete(f"/tasks/{big}", user=user), 404, "(no task has that id)")


@pytest.mark.points(2)
def test_simultaneous_reads_all_succeed(api: Api) -> None:
    """16 GET requests sent at the same moment all answer 200 with the same task."""
    user = api.new_user()
    task = api.create_task(user, unique("Popular"))
    path = f"/tasks/{task['id']}"
    answers = api.race(16, lambda i: ("GET", path, None, api.headers_for(user, None)))
    for resp in answers:
        expect_status(resp, 200, "(many clients may read at once)")
        if resp.json != task:
            fail(resp, f"{sent_text(resp)} (16 at once); one answer was {resp.text[:200]}.", compact(task))


@pytest.mark.points(2)
def test_simultaneous_creates_all_succeed(api: Api) -> None:
    """16 tasks with different titles created at the same moment all answer 201."""
    user = api.new_user()
    base = unique("Parallel")
    answers = api.race(
        16, lambda i: ("POST", "/tasks", {"title": f"{base} #{i}"}, api.headers_for(user, None))
    )
    for resp in answers:
        expect_status(resp, 201, "(different titles never clash)")
        expect_field(resp, "id", lambda v: type(v) is int, "a whole number")
    ids = {resp.json["id"] for resp in answers}
    if len(ids) != 16:
        fail(None, f"Created 16 tasks at once; they got only {len(ids)} different ids.", "16 ids")
    for task_id in ids:
        get_task(api, user, task_id)
