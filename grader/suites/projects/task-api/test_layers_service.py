"""Milestone 1, graded where it lives: the small rules, the in-memory store, and the service handed a store.

No server runs here: each function is called directly in the grader's
worker, one test per function or method, in the order README.md's milestone 1
writes them, so the first function written is the first test to pass.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone

import pytest
from _layers import REPOSITORY, SERVICE, TIMESTAMP, fields, new_task, raised, returns_task
from _stores import check_delete, check_tasks, check_update, check_users

from grader.testkit import call

pytestmark = pytest.mark.milestone(1)


@pytest.fixture
def service_module(project_code):
    return project_code.module(SERVICE)


@pytest.fixture
def store(project_code):
    return project_code.module(REPOSITORY).InMemoryTaskStore()


@pytest.fixture
def service(service_module, store):
    """A TaskService handed an in-memory store, as module 5 taught."""
    return service_module.TaskService(store)


def test_title_key(service_module):
    """title_key trims and case-folds a title: '  Buy MILK ' and 'buy milk' are the same title."""
    call(service_module.title_key, "  Buy MILK ").returns("buy milk")
    call(service_module.title_key, "Straße").returns("strasse")


def test_name_key(service_module):
    """name_key trims and case-folds a user name."""
    call(service_module.name_key, "  Ada LOVELACE\t").returns("ada lovelace")


def test_hash_api_key(service_module):
    """hash_api_key is the SHA-256 hex digest of the key (the key itself is never stored)."""
    key = "k3y-of-ada"
    call(service_module.hash_api_key, key).returns(hashlib.sha256(key.encode()).hexdigest())


def test_timestamp(service_module):
    """timestamp writes RFC 3339 in UTC with microseconds and a Z, whatever the moment's time zone."""
    call(service_module.timestamp, datetime(2026, 11, 21, 10, 0, 0, 123456, tzinfo=UTC)).returns(
        "2026-11-21T10:00:00.123456Z"
    )
    paris = timezone(timedelta(hours=1))
    call(service_module.timestamp, datetime(2026, 11, 21, 11, 5, tzinfo=paris)).returns(
        "2026-11-21T10:05:00.000000Z"
    )


def test_memory_store_users(store):
    """InMemoryTaskStore.add_user gives ids 1, 2; a taken name is NameTaken; users are found by key hash."""
    check_users(store)


def test_memory_store_tasks(service_module, store):
    """InMemoryTaskStore.add_task stores version 1; get_task finds it for its owner only; no duplicates."""
    check_tasks(service_module, store)


def test_memory_store_update(service_module, store):
    """InMemoryTaskStore.update_task adds 1 to the version; an old one is VersionMismatch (no change)."""
    check_update(service_module, store)


def test_memory_store_delete(service_module, store):
    """InMemoryTaskStore.delete_task answers True, then False; the title is free again; ids are not reused."""
    check_delete(service_module, store)


def test_service_create_user_and_authenticate(service, store, service_module):
    """TaskService.create_user gives a user and a random key (only its hash stored); authenticate finds it."""
    made = call(service.create_user, "  Ada ")
    made.satisfies(
        lambda pair: isinstance(pair, tuple) and len(pair) == 2 and len(str(pair[1])) >= 32,
        "(user, api_key) with a key of at least 32 characters",
    )
    user, key = made.value
    call(store.find_user_by_key_hash, hashlib.sha256(key.encode()).hexdigest()).satisfies(
        lambda found: getattr(found, "name", None) == "Ada",
        "the user, stored trimmed, found by hash_api_key(key)",
    )
    call(service.authenticate, key).satisfies(lambda found: getattr(found, "id", None) == user.id, "the user")
    other = service.create_user("Bob")[1]
    assert other != key, "two users got the same API key: use secrets.token_urlsafe(32)"
    for wrong in (None, "", key + "x"):
        raised(call(service.authenticate, wrong), "NotAuthenticated")
    raised(call(service.create_user, "ADA"), "NameTaken")


def test_service_create_task(service, service_module):
    """TaskService.create_task trims the title, starts at version 1, created_at == updated_at; unique."""
    ada = service_module.User(1, "Ada")
    made = call(service.create_task, ada, new_task(service_module, "  Buy milk  "))
    task = returns_task(made, id=1, title="Buy milk", version=1)
    stamps = fields(task)
    made.satisfies(
        lambda _: (
            bool(TIMESTAMP.fullmatch(str(stamps.get("created_at"))))
            and stamps["created_at"] == stamps["updated_at"]
        ),
        "created_at == updated_at, written by timestamp(): 2026-11-21T10:00:00.123456Z",
    )
    raised(call(service.create_task, ada, new_task(service_module, "BUY MILK")), "DuplicateTitle")


def test_service_get_task(service, service_module):
    """TaskService.get_task returns the owner's task; another user's task or a missing one is TaskNotFound."""
    ada, bob = service_module.User(1, "Ada"), service_module.User(2, "Bob")
    service.create_task(ada, new_task(service_module, "Buy milk"))
    returns_task(call(service.get_task, ada, 1), id=1, title="Buy milk")
    raised(call(service.get_task, bob, 1), "TaskNotFound")
    raised(call(service.get_task, ada, 99), "TaskNotFound")


def test_service_update_task(service, service_module):
    """TaskService.update_task trims a new title and adds 1 to the version; an old one is VersionMismatch."""
    ada, bob = service_module.User(1, "Ada"), service_module.User(2, "Bob")
    service.create_task(ada, new_task(service_module, "Buy milk"))
    returns_task(call(service.update_task, ada, 1, 1, {"title": "  Milk  "}), title="Milk", version=2)
    raised(call(service.update_task, ada, 1, 1, {"priority": 1}), "VersionMismatch")
    raised(call(service.update_task, bob, 1, 2, {"priority": 1}), "TaskNotFound")
    returns_task(call(service.get_task, ada, 1), title="Milk", priority=3, version=2)


def test_service_delete_task(service, service_module):
    """TaskService.delete_task removes the owner's task; another's, missing or deleted is TaskNotFound."""
    ada, bob = service_module.User(1, "Ada"), service_module.User(2, "Bob")
    service.create_task(ada, new_task(service_module, "Buy milk"))
    raised(call(service.delete_task, bob, 1), "TaskNotFound")
    call(service.delete_task, ada, 1).returns(None)
    raised(call(service.get_task, ada, 1), "TaskNotFound")
    raised(call(service.delete_task, ada, 1), "TaskNotFound")
