"""Milestone 5: GET /tasks pages, filters and sorting.

Two users with fixed sets of tasks are created once per server (on first use)
and only read afterwards, so these tests share them safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from _api import Api, User, unique
from _http import Response, compact, expect_field, expect_status, fail, sent_text
from _tasks import Once, expect_errors, expect_task, if_match, list_tasks, patch

pytestmark = pytest.mark.milestone(5)

MAX_PAGES = 30  # walking `next` stops here, whatever the server says
BIG = 9223372036854775807


@dataclass
class Catalog:
    user: User
    tasks: list[dict[str, Any]]  # in creation order, as last returned by the server

    def ids(self, keep: Any = None) -> list[Any]:
        return [t["id"] for t in self.tasks if keep is None or keep(t)]


def build_pages(api: Api) -> Catalog:
    """23 tasks: every third one is done, some titles mention milk."""
    user = api.new_user("pager")
    tasks = []
    for i in range(23):
        title = f"Item {i:02d}" + (" buy MILK" if i % 4 == 0 else "")
        status = "done" if i % 3 == 0 else "todo"
        tasks.append(api.create_task(user, title, status=status))
    return Catalog(user, tasks)


SORT_ROWS = [
    # title, priority, due_date, status
    ("apple", 3, "2031-05-01", "todo"),
    ("Banana", 1, None, "doing"),
    ("cherry", 5, "2031-01-15", "done"),
    ("apple pie", 3, "2031-05-01", "todo"),
    ("Date", 2, None, "todo"),
    ("banana split", 5, "2030-12-31", "doing"),
    ("eggplant", 1, "2031-01-15", "done"),
    ("Fig", 3, None, "todo"),
    ("grape", 4, "2032-02-29", "todo"),
    ("Honeydew", 2, "2031-05-01", "done"),
    ("kiwi", 5, None, "doing"),
    ("Lemon", 3, "2030-12-31", "todo"),
]
TOUCH = (2, 0, 7, 4)  # PATCHed in this order after creation, so updated_at differs


def build_sorting(api: Api) -> Catalog:
    user = api.new_user("sorter")
    tasks = [
        api.create_task(user, title, priority=priority, due_date=due, status=status)
        for title, priority, due, status in SORT_ROWS
    ]
    for index in TOUCH:
        resp = patch(api, user, tasks[index]["id"], {"description": "touched"}, if_match(tasks[index]))
        expect_status(resp, 200, "(the task is updated)")
        tasks[index] = expect_task(resp)
    return Catalog(user, tasks)


PAGES = Once(build_pages)
SORTING = Once(build_sorting)


def ids_of(page: dict[str, Any]) -> list[Any]:
    return [item["id"] for item in page["items"]]


def expect_ids(resp: Response, got: list[Any], wanted: list[Any], what: str) -> None:
    if got != wanted:
        fail(
            resp,
            f"{sent_text(resp)}; the items have ids {got}, expected {wanted} ({what}).",
            f"ids {wanted}",
        )


def expected_next(limit: int, offset: int, **extra: str) -> str:
    return "/tasks?" + urlencode([("limit", limit), ("offset", offset), *extra.items()])


def walk(api: Api, user: User, first: str) -> tuple[list[Any], list[str]]:
    """Follow ``next`` from ``first``; return every id seen and the paths visited."""
    ids: list[Any] = []
    visited: list[str] = []
    path: Any = first
    for _ in range(MAX_PAGES):
        visited.append(path)
        resp = api.get(path, user=user)
        expect_status(resp, 200, "(a page of tasks)")
        page = resp.json if isinstance(resp.json, dict) else {}
        ids += ids_of(page) if isinstance(page.get("items"), list) else []
        path = expect_field(
            resp,
            "next",
            lambda v: v is None or (isinstance(v, str) and v.startswith("/tasks?")),
            "null or a path starting with /tasks?",
        )
        if path is None:
            return ids, visited
    fail(None, f"Followed `next` {MAX_PAGES} times from {first} and it never became null.", "next: null")
    raise AssertionError  # unreachable


# -- the page object -------------------------------------------------------------


@pytest.mark.points(2)
def test_list_returns_my_tasks(api: Api) -> None:
    """GET /tasks answers {items, total, limit, offset, next} with the user's tasks."""
    user = api.new_user()
    created = [api.create_task(user, unique("List me")) for _ in range(3)]
    resp, page = list_tasks(api, user)
    expect_field(resp, "total", equals=3, expectation="the number of tasks")
    expect_field(resp, "limit", equals=20, expectation="the default")
    expect_field(resp, "offset", equals=0, expectation="the default")
    expect_field(resp, "next", equals=None, expectation="everything fits on one page")
    expect_ids(resp, ids_of(page), [t["id"] for t in created], "oldest first")
    for item, task in zip(page["items"], created, strict=True):
        if item != task:
            fail(
                resp,
                f"{sent_text(resp)}; a listed task is {compact(item)}, expected {compact(task)} "
                "(the same as GET /tasks/{id}).",
                compact(task),
            )


@pytest.mark.points(1)
def test_new_user_has_no_tasks(api: Api) -> None:
    """A new user's list is empty: items [], total 0, next null."""
    user = api.new_user()
    resp, _ = list_tasks(api, user)
    expect_field(resp, "items", equals=[])
    expect_field(resp, "total", equals=0)
    expect_field(resp, "next", equals=None)


@pytest.mark.points(1)
def test_deleted_task_is_not_listed(api: Api) -> None:
    """After DELETE, the task no longer appears in GET /tasks."""
    user = api.new_user()
    keep = api.create_task(user, unique("Keep"))
    gone = api.create_task(user, unique("Gone"))
    expect_status(api.delete(f"/tasks/{gone['id']}", user=user), 204, "(deleted)")
    resp, page = list_tasks(api, user)
    expect_ids(resp, ids_of(page), [keep["id"]], "the deleted task is gone")
    expect_field(resp, "total", equals=1)


@pytest.mark.points(2)
def test_default_page_is_20_with_next(api: Api) -> None:
    """With 23 tasks, GET /tasks shows the first 20 and next is /tasks?limit=20&offset=20."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user)
    expect_ids(resp, ids_of(page), c.ids()[:20], "the 20 oldest")
    expect_field(resp, "total", equals=23)
    expect_field(resp, "next", equals=expected_next(20, 20))


@pytest.mark.points(1)
def test_limit_1(api: Api) -> None:
    """limit=1 gives one task, and next points at offset 1."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user, "limit=1")
    expect_ids(resp, ids_of(page), c.ids()[:1], "the oldest task")
    expect_field(resp, "limit", equals=1)
    expect_field(resp, "next", equals=expected_next(1, 1))


@pytest.mark.points(1)
def test_limit_100(api: Api) -> None:
    """limit=100 (the largest) gives all 23 tasks and next null."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user, "limit=100")
    expect_ids(resp, ids_of(page), c.ids(), "every task")
    expect_field(resp, "next", equals=None, expectation="this is the last page")


@pytest.mark.points(2)
def test_limit_out_of_range_is_422(api: Api) -> None:
    """limit=0 and limit=101 answer 422 naming "limit"."""
    c = PAGES.get(api)
    for value in ("0", "101"):
        expect_errors(api.get(f"/tasks?limit={value}", user=c.user), "limit", full=False)


@pytest.mark.points(1)
def test_limit_and_offset_need_plain_digits(api: Api) -> None:
    """limit and offset like abc, 1e1, +10, 10.0, -1 or empty answer 422."""
    c = PAGES.get(api)
    for name in ("limit", "offset"):
        for value in ("abc", "1e1", "%2B10", "10.0", "-1", ""):
            expect_errors(api.get(f"/tasks?{name}={value}", user=c.user), name, full=False)


@pytest.mark.points(1)
def test_offset_limit_is_the_largest_sqlite_integer(api: Api) -> None:
    """offset=9223372036854775807 gives an empty page; one more answers 422."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user, f"offset={BIG}")
    expect_ids(resp, ids_of(page), [], "nothing is that far")
    expect_errors(api.get(f"/tasks?offset={BIG + 1}", user=c.user), "offset", full=False)


@pytest.mark.points(2)
def test_offset_past_the_end_is_empty(api: Api) -> None:
    """An offset past the last task gives items [], next null and the usual total."""
    c = PAGES.get(api)
    for offset in (23, 500):
        resp, page = list_tasks(api, c.user, f"offset={offset}")
        expect_ids(resp, ids_of(page), [], "there is nothing after the last task")
        expect_field(resp, "next", equals=None)
        expect_field(resp, "total", equals=23)
        expect_field(resp, "offset", equals=offset)


@pytest.mark.points(2)
def test_next_is_null_on_the_last_page(api: Api) -> None:
    """next is null when offset + limit reaches the total, and set just before it."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user, "limit=5&offset=18")
    expect_ids(resp, ids_of(page), c.ids()[18:23], "the last 5 tasks")
    expect_field(resp, "next", equals=None, expectation="18 + 5 = 23 = total: nothing comes after")
    resp, page = list_tasks(api, c.user, "limit=5&offset=17")
    expect_ids(resp, ids_of(page), c.ids()[17:22], "tasks 18 to 22")
    expect_field(resp, "next", equals=expected_next(5, 22), expectation="one task is left")


@pytest.mark.points(3)
def test_following_next_returns_every_task_once(api: Api) -> None:
    """Following next from /tasks?limit=7 until it is null returns every task exactly once."""
    c = PAGES.get(api)
    ids, visited = walk(api, c.user, "/tasks?limit=7")
    if ids != c.ids():
        missing = [i for i in c.ids() if i not in ids]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        fail(
            None,
            f"Followed next through {visited}; got ids {ids}, expected each of {c.ids()} once, "
            f"in order (missing {missing}, repeated {twice}).",
            f"ids {c.ids()}",
        )


@pytest.mark.points(2)
def test_next_keeps_filters_and_sort(api: Api) -> None:
    """next repeats status, q and sort (in that order, only those sent)."""
    c = PAGES.get(api)
    query = urlencode({"sort": "-created_at", "q": "buy milk", "status": "done", "limit": "1"})
    resp, _ = list_tasks(api, c.user, query)
    expect_field(resp, "next", equals=expected_next(1, 1, status="done", q="buy milk", sort="-created_at"))
    resp, _ = list_tasks(api, c.user, "status=todo&limit=2")
    expect_field(resp, "next", equals=expected_next(2, 2, status="todo"))


@pytest.mark.points(2)
def test_following_next_keeps_the_filter(api: Api) -> None:
    """Following next with status=todo and sort=-created_at returns exactly those tasks, in order."""
    c = PAGES.get(api)
    wanted = list(reversed(c.ids(lambda t: t["status"] == "todo")))
    ids, visited = walk(api, c.user, "/tasks?status=todo&sort=-created_at&limit=4")
    if ids != wanted:
        fail(None, f"Followed next through {visited}; got ids {ids}, expected {wanted}.", f"ids {wanted}")


@pytest.mark.points(1)
def test_unknown_query_parameters_are_ignored(api: Api) -> None:
    """GET /tasks?colour=red&page=2 ignores the unknown parameters."""
    c = PAGES.get(api)
    resp, page = list_tasks(api, c.user, "colour=red&page=2")
    expect_ids(resp, ids_of(page), c.ids()[:20], "unknown parameters change nothing")


# -- filters ---------------------------------------------------------------------


@pytest.mark.points(2)
def test_status_filter(api: Api) -> None:
    """status=done lists only done tasks, and total counts only them."""
    c = PAGES.get(api)
    wanted = c.ids(lambda t: t["status"] == "done")
    resp, page = list_tasks(api, c.user, "status=done")
    expect_ids(resp, ids_of(page), wanted, "only the done tasks")
    expect_field(resp, "total", equals=len(wanted), expectation="the number of matches")


@pytest.mark.points(2)
def test_q_matches_title_ignoring_case(api: Api) -> None:
    """q=Milk finds every task whose title contains "milk" in any case."""
    c = PAGES.get(api)
    wanted = c.ids(lambda t: "milk" in t["title"].lower())
    resp, page = list_tasks(api, c.user, "q=Milk")
    expect_ids(resp, ids_of(page), wanted, 'titles containing "milk"')
    expect_field(resp, "total", equals=len(wanted))


@pytest.mark.points(1)
def test_q_and_status_together(api: Api) -> None:
    """q and status together keep only tasks matching both."""
    c = PAGES.get(api)
    wanted = c.ids(lambda t: "milk" in t["title"].lower() and t["status"] == "done")
    resp, page = list_tasks(api, c.user, "q=MILK&status=done")
    expect_ids(resp, ids_of(page), wanted, "done AND containing milk")


@pytest.mark.points(1)
def test_empty_q_matches_everything(api: Api) -> None:
    """q= (empty) matches every task."""
    c = PAGES.get(api)
    resp, _ = list_tasks(api, c.user, "q=&limit=100")
    expect_field(resp, "total", equals=23)


@pytest.mark.points(1)
def test_q_percent_and_underscore_are_plain_characters(api: Api) -> None:
    """q=% finds only titles containing %, and q=_ only titles containing _."""
    user = api.new_user()
    percent = api.create_task(user, "100% juice")
    under = api.create_task(user, "snake_case")
    api.create_task(user, "plain title")
    for q, wanted in (("%25", [percent["id"]]), ("_", [under["id"]]), ("0%25+j", [percent["id"]])):
        resp, page = list_tasks(api, user, f"q={q}")
        expect_ids(resp, ids_of(page), wanted, "% and _ are ordinary characters in q")


@pytest.mark.points(1)
def test_q_uses_full_case_folding(api: Api) -> None:
    """q=STRASSE finds "Straße" (q.casefold() is searched in title.casefold())."""
    user = api.new_user()
    task = api.create_task(user, "Große Straße")
    api.create_task(user, "Strasbourg")
    resp, page = list_tasks(api, user, "q=STRASSE")
    expect_ids(resp, ids_of(page), [task["id"]], 'casefold("Straße") is "strasse"')


@pytest.mark.points(1)
def test_q_with_sql_looking_text(api: Api) -> None:
    """q containing quotes and SQL finds titles with that text and breaks nothing."""
    user = api.new_user()
    task = api.create_task(user, "'); DROP TABLE tasks;--")
    api.create_task(user, "harmless")
    resp, page = list_tasks(api, user, urlencode({"q": "'); drop"}))
    expect_ids(resp, ids_of(page), [task["id"]], "the title containing that text")


@pytest.mark.points(1)
def test_bad_status_or_sort_is_422(api: Api) -> None:
    """An unknown status or sort value answers 422 naming the parameter."""
    c = PAGES.get(api)
    for query, name in (
        ("status=finished", "status"),
        ("status=DONE", "status"),
        ("sort=colour", "sort"),
        ("sort=--title", "sort"),
        ("sort=id", "sort"),
        ("sort=%2Btitle", "sort"),
    ):
        expect_errors(api.get(f"/tasks?{query}", user=c.user), name, full=False)


# -- sorting ---------------------------------------------------------------------


def sort_key(field: str, task: dict[str, Any]) -> Any:
    if field == "title":
        return task["title"].casefold()
    return task[field]


def expected_order(tasks: list[dict[str, Any]], field: str, descending: bool) -> list[Any]:
    """The contract's order: by field (undated last), ties by id ascending."""
    by_id = sorted(tasks, key=lambda t: t["id"])
    dated = [t for t in by_id if t[field] is not None]
    undated = [t for t in by_id if t[field] is None]
    dated.sort(key=lambda t: sort_key(field, t), reverse=descending)  # stable: ids stay ascending
    return [t["id"] for t in dated + undated]


SORTS = [
    (field, descending)
    for field in ("created_at", "updated_at", "priority", "due_date", "title")
    for descending in (False, True)
]


@pytest.mark.points(1)
@pytest.mark.parametrize(("field", "descending"), SORTS, ids=[("-" if d else "") + f for f, d in SORTS])
def test_sort(api: Api, field: str, descending: bool) -> None:
    """Each sort key works both ways, ties broken by id (smallest first)."""
    c = SORTING.get(api)
    sort = ("-" if descending else "") + field
    wanted = expected_order(c.tasks, field, descending)
    resp, page = list_tasks(api, c.user, f"sort={sort}&limit=100")
    how = "descending" if descending else "ascending"
    expect_ids(resp, ids_of(page), wanted, f"{field} {how}, equal values by id ascending")


@pytest.mark.points(1)
def test_undated_tasks_come_last_both_ways(api: Api) -> None:
    """Sorting by due_date puts tasks without a due date last, in both directions."""
    c = SORTING.get(api)
    undated = {t["id"] for t in c.tasks if t["due_date"] is None}
    for sort in ("due_date", "-due_date"):
        resp, page = list_tasks(api, c.user, f"sort={sort}&limit=100")
        tail = ids_of(page)[-len(undated) :]
        if set(tail) != undated:
            fail(
                resp,
                f"{sent_text(resp)}; the last {len(undated)} items are {tail}, expected the tasks "
                f"without a due date {sorted(undated)}.",
                f"undated tasks {sorted(undated)} last",
            )


@pytest.mark.points(1)
def test_sorted_pages_fit_together(api: Api) -> None:
    """Pages of a sorted list (sort=-priority, limit=5) join up into the full sorted list."""
    c = SORTING.get(api)
    wanted = expected_order(c.tasks, "priority", True)
    ids, visited = walk(api, c.user, "/tasks?sort=-priority&limit=5")
    if ids != wanted:
        fail(None, f"Followed next through {visited}; got ids {ids}, expected {wanted}.", f"ids {wanted}")


@pytest.mark.points(1)
def test_other_users_tasks_are_not_counted(api: Api) -> None:
    """total counts only the caller's tasks."""
    c = SORTING.get(api)
    resp, _ = list_tasks(api, c.user)
    expect_field(resp, "total", equals=len(SORT_ROWS), expectation="other users' tasks don't count")
