"""What every store must do, whichever it is: the same checks for InMemoryTaskStore and SqliteTaskStore.

Both stores offer the methods of ``TaskStore`` in service.py, so one set of
checks grades both (milestone 1 on dicts, milestone 2 on a SQLite file).
Users 1 (Ada) and 2 (Bob) are added first: SQLite tables may refer to them.
"""

from __future__ import annotations

from typing import Any

from _layers import LATER, NOW, new_task, raised, returns_task

from grader.testkit import call


def two_users(store: Any) -> None:
    store.add_user("Ada", "ada", "hash-ada", NOW)
    store.add_user("Bob", "bob", "hash-bob", NOW)


def check_users(store: Any) -> None:
    """add_user gives ids 1, 2; a taken name key is NameTaken; a user is found by key hash."""
    call(store.add_user, "Ada", "ada", "hash-ada", NOW).satisfies(
        lambda user: (getattr(user, "id", None), getattr(user, "name", None)) == (1, "Ada"),
        "User(id=1, name='Ada')",
    )
    call(store.add_user, "Bob", "bob", "hash-bob", NOW).satisfies(
        lambda user: getattr(user, "id", None) == 2, "a User with id 2"
    )
    raised(call(store.add_user, "ADA", "ada", "hash-other", NOW), "NameTaken")
    call(store.find_user_by_key_hash, "hash-ada").satisfies(
        lambda user: (getattr(user, "id", None), getattr(user, "name", None)) == (1, "Ada"),
        "User(id=1, name='Ada'), added with key hash 'hash-ada'",
    )
    call(store.find_user_by_key_hash, "hash-nobody").returns(None)


def check_tasks(service_module: Any, store: Any) -> None:
    """add_task stores version 1 at ``now``; get_task finds it for its owner only; titles unique per owner."""
    two_users(store)
    new = new_task(service_module, "Buy milk", priority=2)
    returns_task(
        call(store.add_task, 1, new, "buy milk", NOW),
        id=1, title="Buy milk", priority=2, status="todo", version=1, created_at=NOW, updated_at=NOW,
    )  # fmt: skip
    returns_task(call(store.get_task, 1, 1), id=1, title="Buy milk", version=1)
    call(store.get_task, 2, 1).returns(None)
    call(store.get_task, 1, 99).returns(None)
    raised(call(store.add_task, 1, new_task(service_module, "BUY MILK"), "buy milk", NOW), "DuplicateTitle")
    returns_task(call(store.add_task, 2, new, "buy milk", NOW), id=2, title="Buy milk")


def check_update(service_module: Any, store: Any) -> None:
    """update_task at the expected version adds 1; another version is VersionMismatch and changes nothing."""
    two_users(store)
    store.add_task(1, new_task(service_module, "Buy milk"), "buy milk", NOW)
    store.add_task(1, new_task(service_module, "Call mum"), "call mum", NOW)
    returns_task(
        call(store.update_task, 1, 1, 1, {"priority": 5}, None, LATER),
        priority=5, title="Buy milk", version=2, created_at=NOW, updated_at=LATER,
    )  # fmt: skip
    raised(call(store.update_task, 1, 1, 1, {"priority": 1}, None, LATER), "VersionMismatch")
    returns_task(call(store.get_task, 1, 1), priority=5, version=2)
    raised(call(store.update_task, 2, 1, 2, {"priority": 1}, None, LATER), "TaskNotFound")
    raised(call(store.update_task, 1, 2, 1, {"title": "buy MILK"}, "buy milk", LATER), "DuplicateTitle")
    returns_task(call(store.update_task, 1, 1, 2, {"title": "Milk"}, "milk", LATER), title="Milk", version=3)
    returns_task(call(store.add_task, 1, new_task(service_module, "Buy milk"), "buy milk", NOW), id=3)


def check_delete(service_module: Any, store: Any) -> None:
    """delete_task answers True once, then False; the title is free again; a deleted id is never reused."""
    two_users(store)
    store.add_task(1, new_task(service_module, "Buy milk"), "buy milk", NOW)
    call(store.delete_task, 2, 1).returns(False)
    call(store.delete_task, 1, 1).returns(True)
    call(store.get_task, 1, 1).returns(None)
    call(store.delete_task, 1, 1).returns(False)
    returns_task(call(store.add_task, 1, new_task(service_module, "Buy milk"), "buy milk", NOW), id=2)
