"""How to test the service layer directly: no server, no HTTP, just calls.

Run from the project folder (the one holding taskapi/):

    python -m pytest

Until milestone 1 is written these tests are *skipped*, not failed: the
``started`` helper turns NotImplementedError into a skip with a reason.
Once your service works they run for real. Then copy the pattern and write
many more: one test per rule in CONTRACT.md is a good target.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest
from taskapi.repository import InMemoryTaskStore
from taskapi.service import DuplicateTitle, NewTask, TaskService, User, VersionMismatch

T = TypeVar("T")


def started(step: Callable[[], T]) -> T:
    """Run one step of a test; skip the test if that code is not written yet."""
    try:
        return step()
    except NotImplementedError as missing:
        pytest.skip(f"milestone 1 not started: {missing} is not implemented yet")


class FakeClock:
    """A clock you control. Time stands still until a test moves it.

    Real time makes tests flaky and their expected values unknowable; with
    a fake clock every timestamp is predictable.
    """

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 21, 10, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def service(clock: FakeClock) -> TaskService:
    # A fresh store for every test, so tests can't affect each other. When
    # you have the SQLite store, try running the same tests on both:
    # @pytest.fixture(params=["memory", "sqlite"]) and pytest's tmp_path.
    return started(lambda: TaskService(InMemoryTaskStore(), clock=clock))


@pytest.fixture
def ada(service: TaskService) -> User:
    user, _key = started(lambda: service.create_user("ada"))
    return user


def test_a_new_task_gets_the_defaults(service: TaskService, ada: User) -> None:
    task = started(lambda: service.create_task(ada, NewTask(title="  Buy milk ")))

    assert task.title == "Buy milk"  # trimmed
    assert task.status == "todo"
    assert task.priority == 3
    assert task.version == 1
    assert task.created_at == task.updated_at == "2026-11-21T10:00:00.000000Z"


def test_titles_are_duplicates_whatever_their_case(service: TaskService, ada: User) -> None:
    first = started(lambda: service.create_task(ada, NewTask(title="Buy milk")))

    # pytest.raises checks that the code inside raises this exception.
    with pytest.raises(DuplicateTitle) as caught:
        service.create_task(ada, NewTask(title="BUY MILK"))

    assert caught.value.existing_id == first.id


def test_an_update_needs_the_current_version(service: TaskService, ada: User, clock: FakeClock) -> None:
    task = started(lambda: service.create_task(ada, NewTask(title="Draft")))
    clock.advance(60)
    changed = started(lambda: service.update_task(ada, task.id, 1, {"priority": 5}))
    assert (changed.priority, changed.version) == (5, 2)
    assert changed.updated_at == "2026-11-21T10:01:00.000000Z"

    # Version 1 is stale now: the update must be refused and change nothing.
    with pytest.raises(VersionMismatch):
        service.update_task(ada, task.id, 1, {"priority": 1})
    assert service.get_task(ada, task.id).priority == 5
