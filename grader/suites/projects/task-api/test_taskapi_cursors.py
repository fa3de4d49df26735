"""Milestone 10 (stretch C): cursor pages, which neither repeat nor skip a task while others change."""

from __future__ import annotations

import re
from typing import Any

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_field, fail, sent_text
from _tasks import expect_errors, list_tasks

pytestmark = pytest.mark.milestone(10)

MAX_PAGES = 30  # walking `next` stops here, whatever the server says
NEXT = re.compile(r"/tasks\?limit=(\d+)&cursor=([A-Za-z0-9_-]+)(&.*)?")


def new_user_with(api: Api, count: int, **fields: Any) -> tuple[User, list[Any]]:
    user = api.new_user("walker")
    return user, [api.create_task(user, unique(f"Walk {i:02d}"), **fields)["id"] for i in range(count)]


def next_query(resp: Response, page: dict[str, Any]) -> str | None:
    """The query of ``next`` (None on the last page), which must be a cursor link."""
    link = page.get("next")
    if link is None:
        return None
    if not isinstance(link, str) or NEXT.fullmatch(link) is None:
        fail(
            resp,
            f"{sent_text(resp)}; got next: {compact(link)}, expected /tasks?limit=<n>&cursor=<cursor> "
            "(a cursor of A-Z a-z 0-9 - _), then the request's status, q and sort.",
            "a cursor link",
        )
    return link.split("?", 1)[1]


def walk(api: Api, user: User, query: str, between: Any = None) -> tuple[list[Any], Response]:
    """Follow ``next`` from the first cursor page; ``between(page_number)`` runs between pages."""
    resp, page = list_tasks(api, user, query)
    seen = [item["id"] for item in page["items"]]
    for number in range(1, MAX_PAGES):
        following = next_query(resp, page)
        if following is None:
            return seen, resp
        if between is not None:
            between(number)
        resp, page = list_tasks(api, user, following)
        seen += [item["id"] for item in page["items"]]
    fail(resp, f"Followed next for {MAX_PAGES} pages and it never ended.", "a last page with next: null")
    raise AssertionError  # fail() raises


def expect_each_once(resp: Response, seen: list[Any], wanted: list[Any], what: str) -> None:
    repeated = sorted({i for i in seen if seen.count(i) > 1})
    missing = [i for i in wanted if i not in seen]
    if repeated or missing:
        said = [f"ids {repeated} appeared twice" if repeated else ""]
        said.append(f"ids {missing} never appeared" if missing else "")
        fail(
            resp,
            f"Walked the cursor pages from the first to the last ({what}); "
            + " and ".join(s for s in said if s)
            + ". Each task that existed for the whole walk must appear exactly once: a cursor says after "
            "which task to go on, not how many to skip.",
            "every task exactly once",
        )


@pytest.mark.points(2)
def test_an_empty_cursor_starts_cursor_paging(api: Api) -> None:
    """GET /tasks?cursor=&limit=2 answers the first page with offset null and a cursor next link."""
    user, _ = new_user_with(api, 3)
    resp, page = list_tasks(api, user, "cursor=&limit=2")
    expect_field(resp, "offset", lambda v: v is None, "null (cursor paging has no offset)")
    if next_query(resp, page) is None:
        fail(resp, f"{sent_text(resp)}; got next: null with 3 tasks and limit 2.", "a cursor link")


@pytest.mark.points(2)
def test_a_cursor_walk_lists_every_task_once_in_order(api: Api) -> None:
    """Following next from cursor= to the end lists every task once, in the same order as one big page."""
    user, ids = new_user_with(api, 7)
    seen, resp = walk(api, user, "cursor=&limit=3&sort=-created_at")
    expect_each_once(resp, seen, ids, "with no change meanwhile")
    if seen != list(reversed(ids)):
        fail(resp, f"Walked the cursor pages newest first; got ids {seen}, expected {ids[::-1]}.", "so")


@pytest.mark.points(3)
def test_tasks_created_between_pages_repeat_nothing(api: Api) -> None:
    """New tasks created between pages (newest first) make no task appear twice or go missing."""
    user, ids = new_user_with(api, 6)
    seen, resp = walk(
        api, user, "cursor=&limit=2&sort=-created_at", lambda n: api.create_task(user, unique(f"New {n}"))
    )
    expect_each_once(resp, seen, ids, "creating a task between pages, newest first")


@pytest.mark.points(2)
def test_tasks_deleted_between_pages_skip_nothing(api: Api) -> None:
    """Deleting already-seen tasks between pages makes no remaining task go missing."""
    user, ids = new_user_with(api, 7)
    doomed = iter(ids)

    def delete_one(_: int) -> None:
        api.delete(f"/tasks/{next(doomed)}", user=user)

    seen, resp = walk(api, user, "cursor=&limit=2", delete_one)
    kept = ids[3:]  # at most three of the oldest are deleted, each after its page was seen
    expect_each_once(resp, seen, kept, "deleting a task already seen between pages, oldest first")


@pytest.mark.points(1)
def test_the_filter_stays_on_every_cursor_page(api: Api) -> None:
    """A cursor walk with status=done lists only the done tasks, each once."""
    user, _ = new_user_with(api, 2)
    done = [api.create_task(user, unique(f"Done {i}"), status="done")["id"] for i in range(5)]
    seen, resp = walk(api, user, "cursor=&limit=2&status=done")
    expect_each_once(resp, seen, done, "status=done")
    if sorted(seen) != sorted(done):
        fail(resp, f"Walked status=done with a cursor; got ids {seen}, expected only {done}.", "only done")


@pytest.mark.points(1)
@pytest.mark.parametrize(
    "query",
    ["cursor=&offset=2", "cursor=not-a-real-cursor", "cursor=a%20b"],
    ids=["with-offset", "damaged", "bad-characters"],
)
def test_a_wrong_cursor_is_422(api: Api, query: str) -> None:
    """A cursor with an offset, or a damaged one, answers 422 naming the cursor."""
    user, _ = new_user_with(api, 1)
    expect_errors(api.get(f"/tasks?{query}", user=user), "cursor")


@pytest.mark.points(1)
def test_a_cursor_from_another_filter_is_422(api: Api) -> None:
    """A cursor used with another status than the request that made it answers 422."""
    user, _ = new_user_with(api, 3, status="todo")
    resp, page = list_tasks(api, user, "cursor=&limit=1&status=todo")
    following = next_query(resp, page)
    if following is None:
        fail(resp, f"{sent_text(resp)}; got next: null with 3 matching tasks and limit 1.", "a cursor link")
    assert following is not None
    cursor = following.split("cursor=", 1)[1].split("&", 1)[0]
    expect_errors(api.get(f"/tasks?limit=1&cursor={cursor}&status=done", user=user), "cursor")
