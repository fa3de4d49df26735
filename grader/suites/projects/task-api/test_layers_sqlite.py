"""Milestone 2, graded where it lives: SqliteTaskStore on a file of its own, then the service handed it.

The same checks as the in-memory store's (``_stores.py``), so a learner sees
which method of the SQLite store differs, before any HTTP test.
"""

from __future__ import annotations

import itertools

import pytest
from _layers import NOW, REPOSITORY, SERVICE, new_task, raised, returns_task
from _stores import check_delete, check_tasks, check_update, check_users

from grader.testkit import call

pytestmark = pytest.mark.milestone(2)

_files = itertools.count(1)


@pytest.fixture
def service_module(project_code):
    return project_code.module(SERVICE)


@pytest.fixture
def database(project_code):
    """A fresh database file's path, in the folder the learner's code may write."""
    return str(project_code.folder / f"tasks-{next(_files)}.db")


@pytest.fixture
def open_store(project_code, database):
    """Open a SqliteTaskStore on this test's file and create its schema, as the server does at startup."""

    def opened():
        store = project_code.module(REPOSITORY).SqliteTaskStore(database)
        store.create_schema()
        return store

    return opened


def test_sqlite_store_users(open_store):
    """SqliteTaskStore.add_user gives ids 1, 2; a taken name is NameTaken; users are found by key hash."""
    check_users(open_store())


def test_sqlite_store_tasks(service_module, open_store):
    """SqliteTaskStore.add_task stores version 1; get_task finds it for its owner only; no duplicates."""
    check_tasks(service_module, open_store())


def test_sqlite_store_update(service_module, open_store):
    """SqliteTaskStore.update_task adds 1 to the version; an old one is VersionMismatch (no change)."""
    check_update(service_module, open_store())


def test_sqlite_store_delete(service_module, open_store):
    """SqliteTaskStore.delete_task answers True, then False; the title is free again; ids are not reused."""
    check_delete(service_module, open_store())


def test_sqlite_data_survives_a_new_store(service_module, open_store):
    """A second SqliteTaskStore on the same file (a restart) sees the first one's users and tasks."""
    first = open_store()
    first.add_user("Ada", "ada", "hash-ada", NOW)
    first.add_task(1, new_task(service_module, "Buy milk"), "buy milk", NOW)
    again = open_store()
    call(again.find_user_by_key_hash, "hash-ada").satisfies(
        lambda user: getattr(user, "name", None) == "Ada", "User(id=1, name='Ada'), stored by the first store"
    )
    returns_task(call(again.get_task, 1, 1), id=1, title="Buy milk", version=1, created_at=NOW)
    raised(call(again.add_task, 1, new_task(service_module, "buy milk"), "buy milk", NOW), "DuplicateTitle")


def test_service_over_sqlite(service_module, open_store):
    """A TaskService handed a SqliteTaskStore registers, authenticates and keeps tasks, not a line changed."""
    service = service_module.TaskService(open_store())
    ada, key = service.create_user("Ada")
    made = call(service.create_task, ada, new_task(service_module, " Buy milk "))
    returns_task(made, id=1, title="Buy milk")
    returns_task(call(service.update_task, ada, 1, 1, {"status": "done"}), status="done", version=2)
    raised(call(service.get_task, service_module.User(2, "Bob"), 1), "TaskNotFound")
    # The key is random: used last, so no call retold above shows it.
    call(service.authenticate, key).satisfies(lambda found: getattr(found, "name", None) == "Ada", "Ada")
