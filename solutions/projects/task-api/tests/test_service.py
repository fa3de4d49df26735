"""Tests for the service layer, called directly: no HTTP, no server.

Every test runs twice, once on the in-memory store and once on a SQLite
file in a temporary folder. The rules must not depend on the storage, and
running both is how we know they don't.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from taskapi.repository import InMemoryTaskStore, SqliteTaskStore
from taskapi.service import (
    DuplicateTitle,
    IdempotencyKeyReused,
    InvalidCursor,
    NameTaken,
    NewTask,
    NotAuthenticated,
    Task,
    TaskNotFound,
    TaskService,
    User,
    VersionMismatch,
)

TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


class FakeClock:
    """A clock that moves one second forward each time it is read."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture(params=["memory", "sqlite"])
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], Any]:
    """Return a function making a store; for SQLite, each call reopens the same file."""

    def make() -> Any:
        if request.param == "memory":
            return InMemoryTaskStore()
        store = SqliteTaskStore(tmp_path / "tasks.db")
        store.create_schema()
        return store

    return make


@pytest.fixture
def service(make_store: Callable[[], Any]) -> TaskService:
    return TaskService(make_store(), clock=FakeClock())


@pytest.fixture
def ada(service: TaskService) -> User:
    return service.create_user("ada")[0]


@pytest.fixture
def bob(service: TaskService) -> User:
    return service.create_user("bob")[0]


def titles(tasks: list[Task]) -> list[str]:
    return [task.title for task in tasks]


# -- users --------------------------------------------------------------------


def test_a_new_user_can_authenticate_with_its_key(service: TaskService) -> None:
    user, key = service.create_user("  Grace ")
    assert user.name == "Grace"
    assert len(key) >= 32
    assert service.authenticate(key) == user


def test_each_user_gets_a_different_key(service: TaskService) -> None:
    assert service.create_user("a")[1] != service.create_user("b")[1]


def test_user_names_are_unique_ignoring_case(service: TaskService) -> None:
    service.create_user("Grace")
    with pytest.raises(NameTaken):
        service.create_user("GRACE ")


@pytest.mark.parametrize("key", [None, "", "not-a-key"])
def test_missing_or_unknown_keys_are_refused(service: TaskService, key: str | None) -> None:
    service.create_user("ada")
    with pytest.raises(NotAuthenticated):
        service.authenticate(key)


# -- creating and reading ---------------------------------------------------------


def test_create_fills_in_defaults_and_trims_the_title(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="  Buy milk  "))
    assert task.title == "Buy milk"
    assert (task.description, task.status, task.priority, task.due_date) == ("", "todo", 3, None)
    assert task.version == 1
    assert TIMESTAMP.fullmatch(task.created_at)
    assert task.created_at == task.updated_at
    assert service.get_task(ada, task.id) == task


def test_duplicate_titles_are_refused_after_trimming_and_case_folding(
    service: TaskService, ada: User
) -> None:
    first = service.create_task(ada, NewTask(title="Straße"))
    with pytest.raises(DuplicateTitle) as caught:
        service.create_task(ada, NewTask(title="  STRASSE "))
    assert caught.value.existing_id == first.id


def test_another_user_may_use_the_same_title(service: TaskService, ada: User, bob: User) -> None:
    service.create_task(ada, NewTask(title="Buy milk"))
    assert service.create_task(bob, NewTask(title="Buy milk")).title == "Buy milk"


def test_other_users_tasks_are_not_found(service: TaskService, ada: User, bob: User) -> None:
    task = service.create_task(ada, NewTask(title="secret"))
    with pytest.raises(TaskNotFound):
        service.get_task(bob, task.id)
    with pytest.raises(TaskNotFound):
        service.update_task(bob, task.id, 1, {"title": "mine now"})
    with pytest.raises(TaskNotFound):
        service.delete_task(bob, task.id)
    assert service.get_task(ada, task.id) == task


@pytest.mark.parametrize("task_id", [0, -1, 999, 2**63, 10**30])
def test_ids_that_cannot_exist_are_simply_not_found(service: TaskService, ada: User, task_id: int) -> None:
    with pytest.raises(TaskNotFound):
        service.get_task(ada, task_id)
    with pytest.raises(TaskNotFound):
        service.update_task(ada, task_id, 1, {"priority": 1})
    with pytest.raises(TaskNotFound):
        service.delete_task(ada, task_id)


# -- updating ---------------------------------------------------------------------


def test_update_changes_fields_and_bumps_the_version(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="draft", due_date="2026-12-01"))
    updated = service.update_task(ada, task.id, 1, {"status": "doing", "due_date": None})
    assert (updated.status, updated.due_date, updated.version) == ("doing", None, 2)
    assert updated.created_at == task.created_at
    assert updated.updated_at > task.updated_at
    assert service.get_task(ada, task.id) == updated


def test_a_stale_version_changes_nothing(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="draft"))
    service.update_task(ada, task.id, 1, {"priority": 5})
    with pytest.raises(VersionMismatch) as caught:
        service.update_task(ada, task.id, 1, {"priority": 1})
    assert caught.value.current_version == 2
    assert service.get_task(ada, task.id).priority == 5


def test_renaming_onto_another_title_is_a_duplicate(service: TaskService, ada: User) -> None:
    milk = service.create_task(ada, NewTask(title="milk"))
    eggs = service.create_task(ada, NewTask(title="eggs"))
    with pytest.raises(DuplicateTitle) as caught:
        service.update_task(ada, eggs.id, 1, {"title": "MILK"})
    assert caught.value.existing_id == milk.id
    assert service.get_task(ada, eggs.id) == eggs


def test_a_task_may_change_the_case_of_its_own_title(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="milk"))
    assert service.update_task(ada, task.id, 1, {"title": " Milk "}).title == "Milk"


def test_renaming_frees_the_old_title(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="old"))
    service.update_task(ada, task.id, 1, {"title": "new"})
    assert service.create_task(ada, NewTask(title="old")).title == "old"


# -- deleting ---------------------------------------------------------------------


def test_delete_removes_the_task_and_frees_its_title(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask(title="milk"))
    service.delete_task(ada, task.id)
    with pytest.raises(TaskNotFound):
        service.get_task(ada, task.id)
    with pytest.raises(TaskNotFound):
        service.delete_task(ada, task.id)
    again = service.create_task(ada, NewTask(title="Milk"))
    assert again.id != task.id  # ids are never reused


# -- lists ------------------------------------------------------------------------


@pytest.fixture
def five(service: TaskService, ada: User, bob: User) -> list[Task]:
    """Five tasks for ada (created in this order) and one for bob."""
    specs = [
        NewTask("Write report", status="doing", priority=5, due_date="2026-12-03"),
        NewTask("buy milk", priority=1),
        NewTask("Call mum", status="done", priority=3, due_date="2026-12-01"),
        NewTask("Milkshake recipe", priority=3),
        NewTask("archive", status="done", priority=2, due_date="2026-12-02"),
    ]
    service.create_task(bob, NewTask("bob's milk"))
    return [service.create_task(ada, spec) for spec in specs]


def test_list_defaults_to_creation_order(service: TaskService, ada: User, five: list[Task]) -> None:
    page = service.list_tasks(ada)
    assert page.items == five
    assert (page.total, page.limit, page.offset, page.next_offset) == (5, 20, 0, None)


def test_list_filters_by_status_and_title_text(service: TaskService, ada: User, five: list[Task]) -> None:
    assert titles(service.list_tasks(ada, status="done").items) == ["Call mum", "archive"]
    assert titles(service.list_tasks(ada, q="MILK").items) == ["buy milk", "Milkshake recipe"]
    page = service.list_tasks(ada, status="todo", q="milk")
    assert (titles(page.items), page.total) == (["buy milk", "Milkshake recipe"], 2)
    assert service.list_tasks(ada, q="%").total == 0  # no wildcards


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("priority", ["buy milk", "archive", "Call mum", "Milkshake recipe", "Write report"]),
        ("-priority", ["Write report", "Call mum", "Milkshake recipe", "archive", "buy milk"]),
        ("title", ["archive", "buy milk", "Call mum", "Milkshake recipe", "Write report"]),
        ("-title", ["Write report", "Milkshake recipe", "Call mum", "buy milk", "archive"]),
        ("due_date", ["Call mum", "archive", "Write report", "buy milk", "Milkshake recipe"]),
        ("-due_date", ["Write report", "archive", "Call mum", "buy milk", "Milkshake recipe"]),
        ("-created_at", ["archive", "Milkshake recipe", "Call mum", "buy milk", "Write report"]),
    ],
)
def test_list_sorts_with_id_as_tie_break_and_undated_last(
    service: TaskService, ada: User, five: list[Task], sort: str, expected: list[str]
) -> None:
    assert titles(service.list_tasks(ada, sort=sort).items) == expected


def test_sorting_by_updated_at_follows_the_latest_change(
    service: TaskService, ada: User, five: list[Task]
) -> None:
    service.update_task(ada, five[0].id, 1, {"priority": 4})
    assert titles(service.list_tasks(ada, sort="-updated_at", limit=1).items) == ["Write report"]


def test_offset_pages_cover_everything_once(service: TaskService, ada: User, five: list[Task]) -> None:
    page = service.list_tasks(ada, limit=2)
    assert (titles(page.items), page.next_offset) == (["Write report", "buy milk"], 2)
    page = service.list_tasks(ada, limit=2, offset=2)
    assert (titles(page.items), page.next_offset) == (["Call mum", "Milkshake recipe"], 4)
    page = service.list_tasks(ada, limit=2, offset=4)
    assert (titles(page.items), page.next_offset, page.total) == (["archive"], None, 5)
    page = service.list_tasks(ada, limit=2, offset=50)
    assert (page.items, page.next_offset, page.total) == ([], None, 5)


def test_an_exactly_full_last_page_has_no_next(service: TaskService, ada: User, five: list[Task]) -> None:
    assert service.list_tasks(ada, limit=5).next_offset is None


@pytest.mark.parametrize("sort", ["created_at", "-priority", "due_date", "-due_date", "title"])
def test_cursor_pages_miss_nothing_and_repeat_nothing_while_tasks_are_added(
    service: TaskService, ada: User, five: list[Task], sort: str
) -> None:
    seen: list[int] = []
    page = service.list_tasks(ada, sort=sort, limit=2, cursor="")
    added = 0
    while True:
        seen += [task.id for task in page.items]
        if page.next_cursor is None:
            break
        # Someone adds a task between every two pages.
        added += 1
        service.create_task(ada, NewTask(f"added {added}", priority=added % 5 + 1))
        page = service.list_tasks(ada, sort=sort, limit=2, cursor=page.next_cursor)
    assert len(seen) == len(set(seen))
    assert {task.id for task in five} <= set(seen)


def test_a_cursor_only_fits_its_own_query(service: TaskService, ada: User, five: list[Task]) -> None:
    cursor = service.list_tasks(ada, limit=2, cursor="").next_cursor
    assert cursor is not None
    with pytest.raises(InvalidCursor):
        service.list_tasks(ada, limit=2, cursor=cursor, sort="title")
    with pytest.raises(InvalidCursor):
        service.list_tasks(ada, limit=2, cursor="not a cursor")


# -- idempotency (stretch) ----------------------------------------------------------


def test_an_idempotency_key_replays_the_first_result(service: TaskService, ada: User) -> None:
    first, replayed = service.create_task_once(ada, NewTask("pay rent"), "k1", "body-a")
    assert not replayed
    service.update_task(ada, first.id, 1, {"status": "done"})
    again, replayed = service.create_task_once(ada, NewTask("pay rent"), "k1", "body-a")
    assert (again, replayed) == (first, True)
    with pytest.raises(IdempotencyKeyReused):
        service.create_task_once(ada, NewTask("other"), "k1", "body-b")


def test_idempotency_keys_belong_to_one_user(service: TaskService, ada: User, bob: User) -> None:
    service.create_task_once(ada, NewTask("pay rent"), "k1", "body-a")
    _, replayed = service.create_task_once(bob, NewTask("pay rent"), "k1", "body-a")
    assert not replayed


def test_sqlite_data_survives_a_restart(tmp_path: Path) -> None:
    def open_service() -> TaskService:
        store = SqliteTaskStore(tmp_path / "tasks.db")
        store.create_schema()
        return TaskService(store)

    service = open_service()
    user, key = service.create_user("ada")
    task, _ = service.create_task_once(user, NewTask("pay rent"), "k1", "body-a")

    service = open_service()  # a new store on the same file: like a restart
    assert service.authenticate(key) == user
    assert service.get_task(user, task.id) == task
    assert service.create_task_once(user, NewTask("pay rent"), "k1", "body-a") == (task, True)


# -- concurrency ------------------------------------------------------------------


def run_together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0) ... work(count - 1) in threads released at the same moment.

    Each result is the return value, or the exception the call raised.
    """
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = work(index)
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_simultaneous_duplicate_creates_let_exactly_one_through(service: TaskService, ada: User) -> None:
    results = run_together(16, lambda i: service.create_task(ada, NewTask("Race" if i % 2 else " race ")))
    created = [r for r in results if isinstance(r, Task)]
    duplicates = [r for r in results if isinstance(r, DuplicateTitle)]
    assert len(created) == 1
    assert len(duplicates) == 15
    assert {d.existing_id for d in duplicates} == {created[0].id}


def test_simultaneous_updates_of_one_version_let_exactly_one_through(service: TaskService, ada: User) -> None:
    task = service.create_task(ada, NewTask("shared"))
    results = run_together(16, lambda i: service.update_task(ada, task.id, 1, {"priority": i % 5 + 1}))
    winners = [r for r in results if isinstance(r, Task)]
    assert len(winners) == 1
    assert all(isinstance(r, VersionMismatch) for r in results if r not in winners)
    assert service.get_task(ada, task.id) == winners[0]


def test_simultaneous_requests_with_one_idempotency_key_create_one_task(
    service: TaskService, ada: User
) -> None:
    results = run_together(16, lambda i: service.create_task_once(ada, NewTask("once"), "k", "body"))
    assert all(isinstance(r, tuple) for r in results), results
    assert len({task.id for task, _ in results}) == 1
    assert sorted(replayed for _, replayed in results) == [False] + [True] * 15
