"""Milestone 3: API keys, and users who can't see each other's tasks."""

from __future__ import annotations

import pytest
from _api import Api, unique
from _http import expect_header, expect_status, fail
from _tasks import all_ids, expect_error, expect_unchanged, get_task, if_match, patch

pytestmark = pytest.mark.milestone(3)

NO_KEY = "(no API key was sent)"
BAD_KEY = "(that API key belongs to nobody)"
HIDDEN = "(another user's task must look like it does not exist: 404, not 403)"


@pytest.mark.points(2)
def test_create_without_key_is_401(api: Api) -> None:
    """POST /tasks without an API key answers 401."""
    expect_error(api.post("/tasks", json={"title": unique("Sneaky")}), 401, NO_KEY)


@pytest.mark.points(1)
def test_single_task_routes_without_key_are_401(api: Api) -> None:
    """GET, PATCH and DELETE /tasks/{id} without an API key answer 401."""
    user = api.new_user()
    task = api.create_task(user, unique("Mine"))
    path = f"/tasks/{task['id']}"
    expect_error(api.get(path), 401, NO_KEY)
    expect_error(api.patch(path, json={"title": "x"}, headers={"If-Match": if_match(task)}), 401, NO_KEY)
    expect_error(api.delete(path), 401, NO_KEY)
    get_task(api, user, task["id"])  # still there


@pytest.mark.points(2)
def test_unknown_key_is_401(api: Api) -> None:
    """A made-up API key answers 401."""
    user = api.new_user()
    task = api.create_task(user, unique("Mine"))
    headers = {"Authorization": "Bearer not-a-real-key-" + unique("k")}
    expect_error(api.get(f"/tasks/{task['id']}", headers=headers), 401, BAD_KEY)
    expect_error(api.post("/tasks", json={"title": unique("T")}, headers=headers), 401, BAD_KEY)


@pytest.mark.points(1)
def test_key_without_bearer_is_401(api: Api) -> None:
    """A key sent without the word Bearer (or with another scheme) answers 401."""
    user = api.new_user()
    for value in (user.key, f"Basic {user.key}", "Bearer", "Bearer "):
        resp = api.post("/tasks", json={"title": unique("T")}, headers={"Authorization": value})
        expect_error(resp, 401, "(the header must be 'Authorization: Bearer <key>')")


@pytest.mark.points(1)
def test_bearer_scheme_is_case_insensitive(api: Api) -> None:
    """'authorization: BEARER  <key>' works too: the scheme ignores case and may have extra spaces."""
    user = api.new_user()
    task = api.create_task(user, unique("Mine"))
    for value in (f"bearer {user.key}", f"BEARER  {user.key}"):
        resp = api.get(f"/tasks/{task['id']}", headers={"authorization": value})
        if resp.status != 200:
            fail(
                resp,
                f"Sent GET /tasks/{task['id']} with 'Authorization: {value.split()[0]} <key>'; got "
                f"{resp.status}, expected 200 (the Bearer scheme is case-insensitive).",
                "200",
            )


@pytest.mark.points(1)
def test_401_says_bearer(api: Api) -> None:
    """A 401 answer has the header WWW-Authenticate: Bearer."""
    resp = api.post("/tasks", json={"title": unique("T")})
    expect_error(resp, 401, NO_KEY)
    expect_header(resp, "WWW-Authenticate", lambda v: v.strip().lower().startswith("bearer"), '"Bearer"')


@pytest.mark.points(1)
@pytest.mark.milestone(4)
def test_key_is_checked_before_the_body(api: Api) -> None:
    """Without an API key even a broken body answers 401, not 400 or 422."""
    expect_error(api.post("/tasks", json={"title": ""}), 401, NO_KEY)
    expect_error(
        api.post("/tasks", body=b"{not json", headers={"Content-Type": "application/json"}),
        401,
        NO_KEY,
    )


@pytest.mark.points(3)
def test_other_users_task_get_is_404(api: Api) -> None:
    """GET of another user's task answers 404, as if it did not exist."""
    owner, other = api.new_user("owner"), api.new_user("other")
    task = api.create_task(owner, unique("Private"))
    expect_error(api.get(f"/tasks/{task['id']}", user=other), 404, HIDDEN)


@pytest.mark.points(2)
def test_other_users_task_patch_is_404(api: Api) -> None:
    """PATCH of another user's task answers 404 and changes nothing."""
    owner, other = api.new_user("owner"), api.new_user("other")
    task = api.create_task(owner, unique("Private"))
    before = get_task(api, owner, task["id"])
    resp = patch(api, other, task["id"], {"title": unique("Hijacked")}, if_match(before))
    expect_error(resp, 404, HIDDEN)
    expect_unchanged(api, owner, before, "when its owner looked again,", resp)


@pytest.mark.points(2)
def test_other_users_task_delete_is_404(api: Api) -> None:
    """DELETE of another user's task answers 404 and the task stays."""
    owner, other = api.new_user("owner"), api.new_user("other")
    task = api.create_task(owner, unique("Private"))
    before = get_task(api, owner, task["id"])
    resp = api.delete(f"/tasks/{task['id']}", user=other)
    expect_error(resp, 404, HIDDEN)
    expect_unchanged(api, owner, before, "when its owner looked again,", resp)


@pytest.mark.points(3)
@pytest.mark.milestone(5)
def test_list_shows_only_my_tasks(api: Api) -> None:
    """GET /tasks lists only the caller's own tasks."""
    alice, bob = api.new_user("alice"), api.new_user("bob")
    mine = {api.create_task(alice, unique("Alice's"))["id"] for _ in range(2)}
    theirs = {api.create_task(bob, unique("Bob's"))["id"] for _ in range(2)}
    for user, wanted, name in ((alice, mine, "Alice"), (bob, theirs, "Bob")):
        got = all_ids(api, user)
        if set(got) != wanted or len(got) != len(wanted):
            fail(
                None,
                f"{name} listed GET /tasks and got ids {sorted(got)}, expected only "
                f"{name}'s own tasks {sorted(wanted)}.",
                f"ids {sorted(wanted)}",
            )


@pytest.mark.points(1)
@pytest.mark.milestone(5)
def test_list_without_key_is_401(api: Api) -> None:
    """GET /tasks without an API key answers 401."""
    expect_error(api.get("/tasks"), 401, NO_KEY)


@pytest.mark.points(1)
def test_users_need_no_key(api: Api) -> None:
    """POST /users works without an API key, and ignores a bad one."""
    resp = api.post("/users", json={"name": unique("free")}, headers={"Authorization": "Bearer nonsense"})
    expect_status(resp, 201, "(registering needs no key; an Authorization header is ignored)")
