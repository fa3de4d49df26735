"""The business rules of the task API, with no web framework and no SQL.

This is where milestone 1 starts. The service answers questions like "may
this user create this task?" and "what happens to the version when a task
changes?". It does not know that requests arrive over HTTP, and it does not
know where tasks are stored: it talks to storage through the small
``TaskStore`` interface below. That is what lets you test every rule with
plain function calls (see tests/test_service_example.py).

Rules for this file:

* no ``import fastapi``, no ``import sqlite3``;
* when a request breaks a rule, raise one of the domain errors below;
  errors.py (milestone 4) turns each into the right HTTP response.

The data classes and errors are given: they are the shared vocabulary of
all layers. The functions and the ``TaskService`` methods are yours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

STATUSES = ("todo", "doing", "done")
SORT_FIELDS = ("created_at", "updated_at", "priority", "due_date", "title")
EDITABLE_FIELDS = ("title", "description", "status", "priority", "due_date")
DEFAULT_SORT = "created_at"


# --------------------------------------------------------------------------
# The domain: plain data. frozen=True means a Task can't be changed in place;
# to "change" one you build a new one (dataclasses.replace helps).
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class User:
    id: int
    name: str


@dataclass(frozen=True)
class NewTask:
    """What a client asks for when it creates a task (already validated)."""

    title: str
    description: str = ""
    status: str = "todo"
    priority: int = 3
    due_date: str | None = None


@dataclass(frozen=True)
class Task:
    """A stored task. Timestamps are text in one fixed format (see ``timestamp``)."""

    id: int
    title: str
    description: str
    status: str
    priority: int
    due_date: str | None
    created_at: str
    updated_at: str
    version: int


@dataclass(frozen=True)
class Position:
    """Where a cursor page ended: the last task's sort value and id (milestone 10)."""

    value: str | int | None
    id: int


@dataclass(frozen=True)
class TaskQuery:
    """One list request, in the terms the store understands (milestone 5)."""

    status: str | None
    title_contains: str | None  # already case-folded
    sort_field: str
    descending: bool
    limit: int
    offset: int = 0
    after: Position | None = None  # milestone 10: only tasks after this position


@dataclass(frozen=True)
class Page:
    """One page of a list (milestone 5)."""

    items: list[Task]
    total: int
    limit: int
    offset: int | None  # milestone 10: None in cursor mode
    next_offset: int | None = None
    next_cursor: str | None = None  # milestone 10


# --------------------------------------------------------------------------
# Domain errors: *what* went wrong, in business terms.
# --------------------------------------------------------------------------


class DomainError(Exception):
    """Base class for every rule the service can refuse a request with."""


class NotAuthenticated(DomainError):
    """No API key, or one that belongs to nobody."""


class NameTaken(DomainError):
    """Another user already has this name (compared case-insensitively)."""


class TaskNotFound(DomainError):
    """No such task *for this user*: other users' tasks are invisible."""


class DuplicateTitle(DomainError):
    """The user already has a task with this title (trimmed, case-folded)."""

    def __init__(self, existing_id: int) -> None:
        super().__init__(f"a task with this title already exists (id {existing_id})")
        self.existing_id = existing_id


class VersionMismatch(DomainError):
    """The client edited an old version of the task."""

    def __init__(self, current_version: int) -> None:
        super().__init__(f"the task is at version {current_version}")
        self.current_version = current_version


class IdempotencyKeyReused(DomainError):
    """Milestone 9: the same Idempotency-Key came with a different body."""


class InvalidCursor(DomainError):
    """Milestone 10: the cursor is damaged or belongs to a different query."""


class StorageUnavailable(Exception):
    """Milestone 12: the store cannot be reached. Not a client's mistake, so not a DomainError."""


# --------------------------------------------------------------------------
# What the service needs from storage. Both stores in repository.py must
# offer exactly these methods. (A Protocol is a promise about methods: any
# class with them fits, no inheritance needed.)
# --------------------------------------------------------------------------


class TaskStore(Protocol):
    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        """Store a user; raise NameTaken if name_key is already used."""
        ...

    def find_user_by_key_hash(self, key_hash: str) -> User | None: ...

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        """Store a task at version 1; raise DuplicateTitle if the title is used."""
        ...

    def add_task_once(
        self, user_id: int, new: NewTask, title_key: str, now: str, key: str, fingerprint: str
    ) -> tuple[Task, bool]:
        """Milestone 9: add_task at most once per (user_id, key); True when replayed."""
        ...

    def get_task(self, user_id: int, task_id: int) -> Task | None: ...

    def update_task(
        self,
        user_id: int,
        task_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        title_key: str | None,
        now: str,
    ) -> Task:
        """Apply changes only if the task is still at expected_version.

        Raises TaskNotFound, VersionMismatch or DuplicateTitle.
        """
        ...

    def delete_task(self, user_id: int, task_id: int) -> bool: ...

    def list_tasks(self, user_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        """Return (up to query.limit tasks, total number matching the filters)."""
        ...

    def ping(self) -> None:
        """Milestone 12: raise StorageUnavailable unless the store can be read right now."""
        ...


# --------------------------------------------------------------------------
# Small rules, as functions: easy to test on their own.
# --------------------------------------------------------------------------


def title_key(title: str) -> str:
    """The form of a title used to spot duplicates: trimmed and case-folded.

    title_key("  Buy MILK ") == "buy milk"; title_key("Straße") == "strasse".
    """
    # TODO (milestone 1): one line. Look up str.casefold().
    raise NotImplementedError("title_key")


def name_key(name: str) -> str:
    """User names are unique the same way titles are: trimmed and case-folded."""
    # TODO (milestone 1)
    raise NotImplementedError("name_key")


def hash_api_key(api_key: str) -> str:
    """A SHA-256 hex digest of the key. We store this, never the key itself."""
    # TODO (milestone 1): see hashlib.sha256(...).hexdigest().
    raise NotImplementedError("hash_api_key")


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with microseconds and a Z: 2026-11-21T10:00:00.123456Z.

    Always the same width, so sorting the text also sorts by time.
    """
    # TODO (milestone 1): moment.astimezone(UTC).strftime(...) with %f.
    raise NotImplementedError("timestamp")


def utc_now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------
# The service.
# --------------------------------------------------------------------------


class TaskService:
    """Every operation of the API, one method each.

    ``store`` is any TaskStore; ``clock`` returns the current time and is a
    parameter so tests can control time.
    """

    def __init__(self, store: TaskStore, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    # -- users (milestone 1) --------------------------------------------------

    def create_user(self, name: str) -> tuple[User, str]:
        """Register a user; return (user, api_key).

        The key must be random and unguessable: use secrets.token_urlsafe(32),
        not the random module. Store only hash_api_key(key).
        """
        # TODO (milestone 1)
        raise NotImplementedError("TaskService.create_user")

    def authenticate(self, api_key: str | None) -> User:
        """The user owning this key; raise NotAuthenticated for None, "" or unknown keys."""
        # TODO (milestone 1)
        raise NotImplementedError("TaskService.authenticate")

    # -- single tasks (milestone 1) -------------------------------------------

    def create_task(self, user: User, new: NewTask) -> Task:
        """Create a task (trimmed title, version 1, created_at == updated_at).

        Duplicate titles raise DuplicateTitle. Who checks that? The store,
        because only the store can check and insert in one step (milestone 6).
        """
        # TODO (milestone 1)
        raise NotImplementedError("TaskService.create_task")

    def create_task_once(self, user: User, new: NewTask, key: str, fingerprint: str) -> tuple[Task, bool]:
        """Create a task at most once per (user, Idempotency-Key); see CONTRACT.md section 9, stretch B.

        ``fingerprint`` identifies the request body. The same key with the same
        body again returns the first task and True ("replayed"); with another
        body it raises IdempotencyKeyReused. Two requests with the same key at
        the same moment must create one task: the store checks and inserts in
        one transaction.
        """
        # TODO (milestone 9)
        raise NotImplementedError("TaskService.create_task_once")

    def get_task(self, user: User, task_id: int) -> Task:
        """The task, if it exists and belongs to ``user``; else TaskNotFound."""
        # TODO (milestone 1)
        raise NotImplementedError("TaskService.get_task")

    def update_task(
        self, user: User, task_id: int, expected_version: int, changes: Mapping[str, Any]
    ) -> Task:
        """Apply ``changes`` (a dict of field -> new value) if the task is
        still at ``expected_version``; the result has version + 1 and a new
        updated_at. Raises TaskNotFound, VersionMismatch or DuplicateTitle.
        """
        # TODO (milestone 1): trim a new title and compute its title_key,
        # then let the store do the rest.
        raise NotImplementedError("TaskService.update_task")

    def delete_task(self, user: User, task_id: int) -> None:
        """Delete the task; TaskNotFound if there is no such task for ``user``."""
        # TODO (milestone 1)
        raise NotImplementedError("TaskService.delete_task")

    # -- lists (milestone 5) --------------------------------------------------

    def list_tasks(
        self,
        user: User,
        *,
        status: str | None = None,
        q: str | None = None,
        sort: str = DEFAULT_SORT,
        limit: int = 20,
        offset: int = 0,
    ) -> Page:
        """One page of the user's tasks. See CONTRACT.md section 6.

        Tip: ask the store for limit + 1 tasks. If you get more than limit,
        there is a next page.
        """
        # TODO (milestone 5)
        raise NotImplementedError("TaskService.list_tasks")

    def check_storage(self) -> None:
        """Raise StorageUnavailable unless the store answers (for GET /health)."""
        # TODO (milestone 12): ask the store (self.store.ping()).
        raise NotImplementedError("TaskService.check_storage")


# --------------------------------------------------------------------------
# Cursors (milestone 10): an opaque string a client sends back to continue
# a list after the last task it saw.
# --------------------------------------------------------------------------


def encode_cursor(sort: str, status: str | None, q: str | None, pos: Position) -> str:
    """The cursor for "after ``pos``" in this query: only A-Z a-z 0-9 - _ characters.

    Remember the query too (sort, status, q), so a cursor used with another
    filter can be refused. base64.urlsafe_b64encode of some JSON is enough.
    """
    # TODO (milestone 10)
    raise NotImplementedError("encode_cursor")


def decode_cursor(cursor: str, sort: str, status: str | None, q: str | None) -> Position:
    """The position a cursor names; InvalidCursor if it is damaged or from another query."""
    # TODO (milestone 10)
    raise NotImplementedError("decode_cursor")
