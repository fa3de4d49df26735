"""The business rules of the task API, with no web framework and no SQL.

This module answers questions like "may this user create this task?" and
"what happens to the version when a task changes?". It does not know that
requests arrive over HTTP, and it does not know that tasks end up in SQLite.
Keeping it that way pays off three times:

* you can test every rule with plain function calls (see tests/), fast and
  without starting a server;
* the HTTP layer (routes.py) stays thin: it translates requests into calls
  to this module and results back into responses;
* the storage can change (a dict in milestone 1, SQLite from milestone 2)
  without touching a single rule here.

The service talks to storage through the small ``TaskStore`` interface
below. Anything that must be *atomic* (two requests racing each other) is
the store's job, because only the store can make it atomic: a check done
here in Python and a write done later in the database always leave a gap
in which another request can slip through.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

STATUSES = ("todo", "doing", "done")
SORT_FIELDS = ("created_at", "updated_at", "priority", "due_date", "title")
EDITABLE_FIELDS = ("title", "description", "status", "priority", "due_date")
DEFAULT_SORT = "created_at"


# --------------------------------------------------------------------------
# The domain: plain data, frozen so nobody edits a task behind our back.
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
    """Where a page ended: the last item's sort value and id (for cursors)."""

    value: str | int | None
    id: int


@dataclass(frozen=True)
class TaskQuery:
    """One list request, in the terms the store understands."""

    status: str | None
    title_contains: str | None  # already case-folded
    sort_field: str
    descending: bool
    limit: int
    offset: int = 0
    after: Position | None = None


@dataclass(frozen=True)
class Page:
    items: list[Task]
    total: int
    limit: int
    offset: int | None  # None in cursor mode
    next_offset: int | None = None
    next_cursor: str | None = None


# --------------------------------------------------------------------------
# Domain errors. They say *what* went wrong in business terms; errors.py
# decides which HTTP status and problem document each one becomes.
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
    """The client edited an old version of the task (optimistic concurrency)."""

    def __init__(self, current_version: int) -> None:
        super().__init__(f"the task is at version {current_version}")
        self.current_version = current_version


class IdempotencyKeyReused(DomainError):
    """The same Idempotency-Key came back with a different request body."""


class InvalidCursor(DomainError):
    """The cursor is damaged or belongs to a different query."""


class StorageUnavailable(Exception):
    """The store cannot be reached (milestone 12): not a client's mistake, so not a DomainError."""


# --------------------------------------------------------------------------
# What the service needs from storage. Both stores in repository.py fulfil
# it; the service never imports them (routes.py wires one in).
# --------------------------------------------------------------------------


class TaskStore(Protocol):
    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        """Store a user; raise NameTaken if name_key is already used."""
        ...

    def find_user_by_key_hash(self, key_hash: str) -> User | None: ...

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        """Store a task at version 1; raise DuplicateTitle atomically."""
        ...

    def add_task_once(
        self,
        user_id: int,
        new: NewTask,
        title_key: str,
        now: str,
        key: str,
        fingerprint: str,
    ) -> tuple[Task, bool]:
        """Like add_task, remembering ``key``; returns (task, replayed)."""
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
        """Raise StorageUnavailable unless the store can be read right now (milestone 12)."""
        ...


# --------------------------------------------------------------------------
# Small rules, as functions so they are easy to test and to reuse.
# --------------------------------------------------------------------------


def title_key(title: str) -> str:
    """The form of a title used to spot duplicates.

    ``casefold`` is a stronger ``lower``: it also maps characters such as the
    German "ß" to "ss", so "Straße" and "STRASSE" count as the same title.
    """
    return title.strip().casefold()


def name_key(name: str) -> str:
    """User names are unique the same way titles are: trimmed and case-folded."""
    return name.strip().casefold()


def hash_api_key(api_key: str) -> str:
    """We store only a hash of each key, so a leaked database leaks no keys."""
    return hashlib.sha256(api_key.encode("utf-8")).hexdigest()


def timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with microseconds, e.g. 2026-11-21T10:00:00.123456Z.

    Every timestamp has the same width, so sorting the text sorts by time:
    the database can order by created_at without parsing dates.
    """
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_sort(sort: str) -> tuple[str, bool]:
    """Split "-priority" into ("priority", True). Raises ValueError if unknown."""
    descending = sort.startswith("-")
    field = sort[1:] if descending else sort
    if field not in SORT_FIELDS:
        raise ValueError(f"cannot sort by {sort!r}")
    return field, descending


def sort_value(task: Task, field: str) -> str | int | None:
    """The value a task is ordered by (titles sort case-insensitively)."""
    if field == "title":
        return title_key(task.title)
    value: str | int | None = getattr(task, field)
    return value


def utc_now() -> datetime:
    return datetime.now(UTC)


# --------------------------------------------------------------------------
# The service itself.
# --------------------------------------------------------------------------


class TaskService:
    """Every operation of the API, as one method each.

    ``store`` is any TaskStore; ``clock`` returns the current time and is a
    parameter so tests can freeze or advance time.
    """

    def __init__(self, store: TaskStore, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    def _now(self) -> str:
        return timestamp(self.clock())

    # -- users ------------------------------------------------------------

    def create_user(self, name: str) -> tuple[User, str]:
        """Register a user and return it with its new API key.

        The key is shown once, here; afterwards we only keep its hash.
        ``token_urlsafe`` uses the operating system's secure random source,
        which ``random`` does not.
        """
        name = name.strip()
        api_key = secrets.token_urlsafe(32)
        user = self.store.add_user(name, name_key(name), hash_api_key(api_key), self._now())
        return user, api_key

    def authenticate(self, api_key: str | None) -> User:
        if not api_key:
            raise NotAuthenticated("send your API key as 'Authorization: Bearer <key>'")
        user = self.store.find_user_by_key_hash(hash_api_key(api_key))
        if user is None:
            raise NotAuthenticated("this API key is not valid")
        return user

    # -- single tasks ---------------------------------------------------------

    def create_task(self, user: User, new: NewTask) -> Task:
        new = _trimmed(new)
        return self.store.add_task(user.id, new, title_key(new.title), self._now())

    def create_task_once(self, user: User, new: NewTask, key: str, fingerprint: str) -> tuple[Task, bool]:
        """Create a task at most once per (user, key).

        ``fingerprint`` identifies the request body. Sending the same key
        with the same body again replays the first result (``True`` as the
        second value); with a different body it raises IdempotencyKeyReused.
        """
        new = _trimmed(new)
        return self.store.add_task_once(user.id, new, title_key(new.title), self._now(), key, fingerprint)

    def get_task(self, user: User, task_id: int) -> Task:
        task = self.store.get_task(user.id, task_id)
        if task is None:
            raise TaskNotFound(f"task {task_id} does not exist")
        return task

    def update_task(
        self, user: User, task_id: int, expected_version: int, changes: Mapping[str, Any]
    ) -> Task:
        """Change some fields, but only if nobody changed the task first.

        The caller says which version it based its edit on. The store
        compares and writes in *one* step, so of two clients editing
        version 3 at the same moment exactly one wins; the other gets
        VersionMismatch and can reload and try again instead of silently
        overwriting the winner's work (a "lost update").
        """
        unknown = set(changes) - set(EDITABLE_FIELDS)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        if not changes:
            raise ValueError("nothing to change")
        changes = dict(changes)
        key = None
        if "title" in changes:
            changes["title"] = changes["title"].strip()
            key = title_key(changes["title"])
        return self.store.update_task(user.id, task_id, expected_version, changes, key, self._now())

    def delete_task(self, user: User, task_id: int) -> None:
        if not self.store.delete_task(user.id, task_id):
            raise TaskNotFound(f"task {task_id} does not exist")

    # -- lists ------------------------------------------------------------

    def list_tasks(
        self,
        user: User,
        *,
        status: str | None = None,
        q: str | None = None,
        sort: str = DEFAULT_SORT,
        limit: int = 20,
        offset: int | None = None,
        cursor: str | None = None,
    ) -> Page:
        """One page of the user's tasks.

        Offset mode (the default) skips ``offset`` matches. Cursor mode
        (``cursor`` given, "" for the first page) continues after the last
        item of the previous page instead, so tasks created meanwhile
        cannot shift items into a page twice or push one past the reader.

        We ask the store for one item more than the page holds: if it
        exists, there is a next page.
        """
        field, descending = parse_sort(sort)
        # The mistake: the cursor carries how many tasks were listed before.
        skipped = decode_cursor(cursor, sort, status, q).id if cursor else 0
        query = TaskQuery(
            status=status,
            title_contains=q.casefold() if q else None,
            sort_field=field,
            descending=descending,
            limit=limit + 1,
            offset=skipped if cursor is not None else (offset or 0),
        )
        rows, total = self.store.list_tasks(user.id, query)
        items, more = rows[:limit], len(rows) > limit
        if cursor is not None:
            next_cursor = None
            if more:
                counted = Position(sort_value(items[-1], field), skipped + limit)
                next_cursor = encode_cursor(sort, status, q, counted)
            return Page(items, total, limit, None, next_cursor=next_cursor)
        start = offset or 0
        return Page(items, total, limit, start, next_offset=start + limit if more else None)

    def check_storage(self) -> None:
        """Raise StorageUnavailable unless the store answers (milestone 12, for GET /health)."""
        self.store.ping()


def _trimmed(new: NewTask) -> NewTask:
    title = new.title.strip()
    if not title:
        raise ValueError("a title needs at least one visible character")
    return NewTask(title, new.description, new.status, new.priority, new.due_date)


# A cursor is opaque to clients, but not secret: it is just the position
# of the last item plus the query it belongs to, as base64-encoded JSON.
# Remembering the query lets us refuse a cursor reused with other filters,
# where "after this item" would mean something different.


def encode_cursor(sort: str, status: str | None, q: str | None, pos: Position) -> str:
    data = {"sort": sort, "status": status, "q": q, "value": pos.value, "id": pos.id}
    raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str, sort: str, status: str | None, q: str | None) -> Position:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError) as error:
        raise InvalidCursor("this cursor is damaged") from error
    if not isinstance(data, dict) or set(data) != {"sort", "status", "q", "value", "id"}:
        raise InvalidCursor("this cursor is damaged")
    if (data["sort"], data["status"], data["q"]) != (sort, status, q):
        raise InvalidCursor("this cursor belongs to a different sort or filter")
    value, last_id = data["value"], data["id"]
    field, _ = parse_sort(sort)
    if field == "priority":
        expected: tuple[type, ...] = (int,)
    elif field == "due_date":
        expected = (str, type(None))
    else:
        expected = (str,)
    if type(last_id) is not int or type(value) not in expected:
        raise InvalidCursor("this cursor is damaged")
    return Position(value, last_id)
