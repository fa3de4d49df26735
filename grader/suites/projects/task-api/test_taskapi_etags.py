"""Milestone 7: ETags and conditional GET (If-None-Match -> 304 Not Modified)."""

from __future__ import annotations

import pytest
from _api import Api, unique
from _http import Response, expect_header, expect_status, fail, sent_text
from _tasks import etag_of, expect_error, if_match, patch

pytestmark = pytest.mark.milestone(7)


def expect_etag(resp: Response, version: int) -> str:
    """Check the ETag header is the version in double quotes."""
    wanted = f'"{version}"'
    etag_of(resp)
    return expect_header(
        resp, "ETag", lambda v: v.strip() == wanted, f"{wanted} (the version in double quotes)"
    )


def conditional_get(api: Api, user: object, task_id: object, tag: str) -> Response:
    return api.get(f"/tasks/{task_id}", user=user, headers={"If-None-Match": tag})


def expect_not_modified(resp: Response, tag: str) -> None:
    expect_status(resp, 304, "(the client's copy is current: Not Modified)")
    if resp.body:
        fail(
            resp, f"{sent_text(resp)}; got 304 with a body, expected 304 with an empty body.", "an empty body"
        )
    expect_header(resp, "ETag", lambda v: v.strip() == tag, f"{tag} (a 304 still names the current ETag)")


@pytest.mark.points(2)
def test_get_has_etag(api: Api) -> None:
    """GET /tasks/{id} sends ETag: "<version>", like "1" for a new task."""
    user = api.new_user()
    task = api.create_task(user, unique("Tagged"))
    resp = api.get(f"/tasks/{task['id']}", user=user)
    expect_status(resp, 200, "(the task exists)")
    expect_etag(resp, 1)


@pytest.mark.points(1)
def test_create_has_etag(api: Api) -> None:
    """POST /tasks answers 201 with ETag: "1"."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("New")}, user=user)
    expect_status(resp, 201, "(the task is created)")
    expect_etag(resp, 1)


@pytest.mark.points(1)
def test_patch_has_new_etag(api: Api) -> None:
    """PATCH answers 200 with the new ETag, "2" after the first change."""
    user = api.new_user()
    task = api.create_task(user, unique("Change"))
    resp = patch(api, user, task["id"], {"status": "done"}, if_match(task))
    expect_status(resp, 200, "(the task is updated)")
    expect_etag(resp, 2)


@pytest.mark.points(1)
def test_etags_chain_from_answer_to_answer(api: Api) -> None:
    """The ETag of each answer works as the If-Match of the next PATCH."""
    user = api.new_user()
    resp = api.post("/tasks", json={"title": unique("Chain")}, user=user)
    expect_status(resp, 201, "(the task is created)")
    task_id = resp.json["id"]
    for priority in (1, 2, 3):
        tag = etag_of(resp)
        resp = patch(api, user, task_id, {"priority": priority}, tag)
        expect_status(resp, 200, f"(If-Match {tag} came from the previous answer)")
    expect_etag(resp, 4)


@pytest.mark.points(3)
def test_if_none_match_current_is_304(api: Api) -> None:
    """GET with If-None-Match set to the current ETag answers 304 with an empty body."""
    user = api.new_user()
    task = api.create_task(user, unique("Cached"))
    first = api.get(f"/tasks/{task['id']}", user=user)
    expect_status(first, 200, "(the task exists)")
    tag = etag_of(first)
    expect_not_modified(conditional_get(api, user, task["id"], tag), tag)


@pytest.mark.points(2)
def test_old_etag_after_a_change_gets_200(api: Api) -> None:
    """After a PATCH, If-None-Match with the old ETag answers 200 with the new task and ETag."""
    user = api.new_user()
    task = api.create_task(user, unique("Stale copy"))
    changed = patch(api, user, task["id"], {"description": "new"}, if_match(task))
    expect_status(changed, 200, "(the task is updated)")
    resp = conditional_get(api, user, task["id"], '"1"')
    expect_status(resp, 200, "(the client's copy is old, so it gets the new one)")
    expect_etag(resp, 2)
    if not isinstance(resp.json, dict) or resp.json.get("description") != "new":
        fail(resp, f"{sent_text(resp)}; got 200 but not the changed task.", 'the task with description "new"')


@pytest.mark.points(1)
def test_new_etag_after_a_change_gets_304(api: Api) -> None:
    """After a PATCH, If-None-Match with the ETag the PATCH returned answers 304."""
    user = api.new_user()
    task = api.create_task(user, unique("Fresh copy"))
    changed = patch(api, user, task["id"], {"priority": 5}, if_match(task))
    expect_status(changed, 200, "(the task is updated)")
    tag = etag_of(changed)
    expect_not_modified(conditional_get(api, user, task["id"], tag), tag)


@pytest.mark.points(1)
def test_if_none_match_with_another_value_gets_200(api: Api) -> None:
    """If-None-Match with a value that is not the current ETag answers the normal 200."""
    user = api.new_user()
    task = api.create_task(user, unique("Other tags"))
    for value in ('"7"', "1", '"abc"'):
        resp = conditional_get(api, user, task["id"], value)
        expect_status(resp, 200, f"({value} is not the current ETag)")
        expect_etag(resp, 1)


@pytest.mark.points(1)
def test_if_none_match_does_not_bypass_checks(api: Api) -> None:
    """If-None-Match never skips the key check or ownership: 401 without a key, 404 for others."""
    user = api.new_user()
    task = api.create_task(user, unique("Private"))
    path = f"/tasks/{task['id']}"
    expect_error(api.get(path, headers={"If-None-Match": '"1"'}), 401, "(no API key)")
    other = api.new_user()
    expect_error(
        conditional_get(api, other, task["id"], '"1"'),
        404,
        "(another user's task, even with a matching ETag)",
    )


@pytest.mark.points(1)
def test_deleted_task_with_if_none_match_is_404(api: Api) -> None:
    """After DELETE, GET with the task's old ETag answers 404, not 304."""
    user = api.new_user()
    task = api.create_task(user, unique("Gone"))
    expect_status(api.delete(f"/tasks/{task['id']}", user=user), 204, "(deleted)")
    expect_error(conditional_get(api, user, task["id"], '"1"'), 404, "(the task no longer exists)")
