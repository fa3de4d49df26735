"""Storage: the only module that touches SQLite.

Two stores live here, with exactly the methods of ``TaskStore`` in
service.py:

* ``InMemoryTaskStore`` (milestone 1) keeps everything in dicts. It lets
  you build and test the service before you know any SQL.
* ``SqliteTaskStore`` (milestone 2) keeps everything in one SQLite file, so
  data survives a restart. The server uses this one.

Because both have the same methods, your service tests can run against
both (see the ``params`` trick in pytest fixtures) and prove the rules
don't depend on the storage.

The hard part comes in milestone 6: the server serves several requests at
the same time, on several threads. "Is the title free? Then insert it" must
be one indivisible step, or two requests can both see "free" and both
insert. README.md, milestone 6, explains how.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from os import PathLike
from typing import Any

from .service import NewTask, StorageUnavailable, Task, TaskQuery, User  # noqa: F401 (ping raises it)

# TODO (milestone 2): write the CREATE TABLE statements. Use
# "CREATE TABLE IF NOT EXISTS" so starting on an existing file keeps its data.
#
# users: id, name, name_key (unique), key_hash (unique), created_at
# tasks: id, user_id, title, title_key, description, status, priority,
#        due_date, created_at, updated_at, version
#
# Think about: should a deleted task's id ever be handed out again?
# (Look up INTEGER PRIMARY KEY AUTOINCREMENT.)
# Milestone 6: which index makes duplicate titles impossible?
SCHEMA = """
"""


class SqliteTaskStore:
    """Tasks and users in one SQLite file."""

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = path

    def create_schema(self) -> None:
        """Create the tables if they are missing. Called once, at startup.

        Until you write it, it does nothing, so the starter server can start.
        """
        # TODO (milestone 2): open a connection and run SCHEMA with
        # executescript(). Milestone 6: also switch on WAL mode here.
        return

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A fresh connection for one piece of work, always closed afterwards.

        One connection per call keeps threads from sharing a connection.
        TODO (milestone 6): add a busy timeout (sqlite3.connect(..., timeout=...))
        so simultaneous writers wait for each other instead of failing.
        """
        conn = sqlite3.connect(self.path)
        conn.row_factory = sqlite3.Row  # rows behave like dicts: row["title"]
        try:
            yield conn
            conn.commit()
        finally:
            conn.close()

    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        # TODO (milestone 2): INSERT, and turn sqlite3.IntegrityError into NameTaken.
        raise NotImplementedError("SqliteTaskStore.add_user")

    def find_user_by_key_hash(self, key_hash: str) -> User | None:
        # TODO (milestone 2)
        raise NotImplementedError("SqliteTaskStore.find_user_by_key_hash")

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        # TODO (milestone 2). Always pass values as ? parameters, never by
        # building the SQL text from them (that is how SQL injection happens).
        raise NotImplementedError("SqliteTaskStore.add_task")

    def add_task_once(
        self, user_id: int, new: NewTask, title_key: str, now: str, key: str, fingerprint: str
    ) -> tuple[Task, bool]:
        """Milestone 9: look the key up, insert the task and remember the key, in ONE transaction.

        A table idempotency_keys (user_id, key, fingerprint, the task as JSON),
        with PRIMARY KEY (user_id, key), and BEGIN IMMEDIATE around the whole
        step: otherwise two requests with the same key both find it unused.
        """
        # TODO (milestone 9)
        raise NotImplementedError("SqliteTaskStore.add_task_once")

    def get_task(self, user_id: int, task_id: int) -> Task | None:
        # TODO (milestone 2): WHERE id = ? AND user_id = ?
        raise NotImplementedError("SqliteTaskStore.get_task")

    def update_task(
        self,
        user_id: int,
        task_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        title_key: str | None,
        now: str,
    ) -> Task:
        # TODO (milestone 2); milestone 6 makes it safe under concurrency.
        raise NotImplementedError("SqliteTaskStore.update_task")

    def delete_task(self, user_id: int, task_id: int) -> bool:
        # TODO (milestone 2): True if a row was deleted (cursor.rowcount).
        raise NotImplementedError("SqliteTaskStore.delete_task")

    def list_tasks(self, user_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        # TODO (milestone 5): WHERE for the filters, ORDER BY, LIMIT, OFFSET,
        # and a COUNT(*) with the same WHERE for the total.
        raise NotImplementedError("SqliteTaskStore.list_tasks")

    def ping(self) -> None:
        """Raise StorageUnavailable unless the database can be read right now.

        Open a connection of its own (a short timeout keeps /health quick) and
        run a real query on a real table: SQLite creates an empty file where
        one is missing, so "it opens" proves nothing. Turn any sqlite3.Error
        into StorageUnavailable.
        """
        # TODO (milestone 12)
        raise NotImplementedError("SqliteTaskStore.ping")


class InMemoryTaskStore:
    """The milestone 1 store: dicts, and everything is lost at exit.

    Hint: besides a dict of tasks by id, keep a dict from
    (user_id, title_key) to task id. It makes duplicate checks instant.
    Milestone 6: guard every method with one threading.Lock, so that
    threads can't interleave inside a method.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # TODO (milestone 1): your dicts and id counters.

    def create_schema(self) -> None:
        """Nothing to create; here so both stores can be used the same way."""

    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        # TODO (milestone 1)
        raise NotImplementedError("InMemoryTaskStore.add_user")

    def find_user_by_key_hash(self, key_hash: str) -> User | None:
        # TODO (milestone 1)
        raise NotImplementedError("InMemoryTaskStore.find_user_by_key_hash")

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        # TODO (milestone 1)
        raise NotImplementedError("InMemoryTaskStore.add_task")

    def add_task_once(
        self, user_id: int, new: NewTask, title_key: str, now: str, key: str, fingerprint: str
    ) -> tuple[Task, bool]:
        # TODO (milestone 9, optional here: the server uses SQLite)
        raise NotImplementedError("InMemoryTaskStore.add_task_once")

    def get_task(self, user_id: int, task_id: int) -> Task | None:
        # TODO (milestone 1)
        raise NotImplementedError("InMemoryTaskStore.get_task")

    def update_task(
        self,
        user_id: int,
        task_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        title_key: str | None,
        now: str,
    ) -> Task:
        # TODO (milestone 1): dataclasses.replace(task, **changes, ...) builds the new Task.
        raise NotImplementedError("InMemoryTaskStore.update_task")

    def delete_task(self, user_id: int, task_id: int) -> bool:
        # TODO (milestone 1): remember to free the title too.
        raise NotImplementedError("InMemoryTaskStore.delete_task")

    def list_tasks(self, user_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        # TODO (milestone 5, optional here: the server uses SQLite).
        raise NotImplementedError("InMemoryTaskStore.list_tasks")

    def ping(self) -> None:
        """Dicts in this process are always there."""
        # TODO (milestone 12, optional here: the server uses SQLite): nothing to check.
        raise NotImplementedError("InMemoryTaskStore.ping")
