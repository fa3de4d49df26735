"""Milestone 8 (stretch A): list ETags, If-None-Match on GET /tasks, never stale."""

from __future__ import annotations

import pytest
from _api import Api, User, unique
from _http import Response, expect_header, expect_status, fail, sent_text
from _tasks import etag_of, if_match, list_tasks, patch

pytestmark = pytest.mark.milestone(8)


def list_tag(api: Api, user: User, query: str) -> tuple[Response, str]:
    """GET /tasks?query (must be 200) and its ETag."""
    resp, _ = list_tasks(api, user, query)
    return resp, etag_of(resp)


def conditional_list(api: Api, user: User, query: str, tag: str) -> Response:
    return api.get(f"/tasks?{query}", user=user, headers={"If-None-Match": tag})


def expect_fresh(resp: Response, tag: str, what: str) -> None:
    """A 200 with the new content: the client's copy (``tag``) is out of date."""
    if resp.status == 304:
        fail(
            resp,
            f"{sent_text(resp)}; got 304 Not Modified, expected 200 with the new list: {what}, so the "
            f"client's copy ({tag}) is out of date. A list ETag must change whenever the body would.",
            f"200 ({what})",
        )
    expect_status(resp, 200, f"({what})")


@pytest.mark.points(1)
def test_list_has_an_etag_unlike_a_tasks(api: Api) -> None:
    """GET /tasks sends an ETag, a quoted value that is not a bare version like "3"."""
    user = api.new_user()
    api.create_task(user, unique("Listed"))
    resp, tag = list_tag(api, user, "limit=5")
    if tag.strip('"').isdigit():
        fail(
            resp,
            f"{sent_text(resp)}; got ETag: {tag}, expected a list ETag that cannot be mistaken for a "
            'task\'s version (for example "list-3f2a...").',
            "a list ETag unlike a task's",
        )


@pytest.mark.points(2)
def test_same_list_twice_is_304(api: Api) -> None:
    """The same request twice has the same ETag; sent back in If-None-Match it answers 304, empty."""
    user = api.new_user()
    api.create_task(user, unique("Still"))
    _, tag = list_tag(api, user, "limit=5")
    again, second = list_tag(api, user, "limit=5")
    if second != tag:
        fail(again, f"{sent_text(again)} twice with no change between; got ETag {tag}, then {second}.", tag)
    resp = conditional_list(api, user, "limit=5", tag)
    expect_status(resp, 304, "(nothing changed: Not Modified)")
    if resp.body:
        fail(resp, f"{sent_text(resp)}; got 304 with a body, expected an empty body.", "an empty body")
    expect_header(resp, "ETag", lambda v: v.strip() == tag, f"{tag} (a 304 still names the current ETag)")


@pytest.mark.points(2)
def test_list_etag_changes_with_every_change(api: Api) -> None:
    """After a create, a PATCH and a DELETE, the old list ETag gets 200 with the new list."""
    user = api.new_user()
    first = api.create_task(user, unique("First"))
    _, tag = list_tag(api, user, "limit=5")
    second = api.create_task(user, unique("Second"))
    expect_fresh(conditional_list(api, user, "limit=5", tag), tag, "a task was created")
    _, tag = list_tag(api, user, "limit=5")
    expect_status(patch(api, user, first["id"], {"priority": 1}, if_match(first)), 200, "(updated)")
    expect_fresh(conditional_list(api, user, "limit=5", tag), tag, "a task was changed")
    _, tag = list_tag(api, user, "limit=5")
    expect_status(api.delete(f"/tasks/{second['id']}", user=user), 204, "(deleted)")
    expect_fresh(conditional_list(api, user, "limit=5", tag), tag, "a task was deleted")


@pytest.mark.points(2)
def test_list_etag_follows_the_filter(api: Api) -> None:
    """Lists with different filters or pages have different ETags: one never answers 304 for another."""
    user = api.new_user()
    api.create_task(user, unique("Open"), status="todo")
    api.create_task(user, unique("Closed"), status="done")
    api.create_task(user, unique("Closed too"), status="done")
    todo, todo_tag = list_tag(api, user, "status=todo")
    done, done_tag = list_tag(api, user, "status=done")
    if todo_tag == done_tag:
        fail(
            done,
            f"{sent_text(todo)} and GET {done.path}; both lists got ETag {todo_tag}, though they hold "
            "different tasks. The ETag must depend on what this request selects (its filter and page).",
            "different ETags for different lists",
        )
    other = conditional_list(api, user, "status=done", todo_tag)
    expect_fresh(other, todo_tag, "the filter selects other tasks")
    _, first_page = list_tag(api, user, "status=done&limit=1")
    expect_fresh(
        conditional_list(api, user, "status=done&limit=1&offset=1", first_page),
        first_page,
        "it is another page",
    )
