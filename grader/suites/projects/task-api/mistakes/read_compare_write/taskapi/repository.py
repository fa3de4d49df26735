"""Storage: the only module that touches SQLite.

Two stores live here with exactly the same methods (the ``TaskStore``
interface in service.py):

* ``InMemoryTaskStore`` keeps everything in dicts. It is what milestone 1
  builds, and the unit tests still run every rule against it.
* ``SqliteTaskStore`` keeps everything in one SQLite file. It is what the
  server uses, because the data must survive a restart.

The interesting part of both is *atomicity*. The API promises that two
requests racing each other can't both create "Buy milk", and can't both
update version 3 of a task. Checking first ("is the title free?") and
writing afterwards leaves a gap between the two steps in which another
request can do the same check and get the same answer. So each promise is
kept by making the check and the write a single step:

* duplicates: a UNIQUE index on (user_id, title_key). The database refuses
  the second insert no matter how the requests interleave.
* versions: ``UPDATE ... WHERE id = ? AND version = ?``. The comparison
  happens inside the write; if another request got there first, no row
  matches and nothing changes.

The in-memory store gets the same effect with one lock around each method.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, replace
from functools import cmp_to_key
from os import PathLike
from typing import Any

from .service import (
    DuplicateTitle,
    IdempotencyKeyReused,
    NameTaken,
    NewTask,
    Position,
    StorageUnavailable,
    Task,
    TaskNotFound,
    TaskQuery,
    User,
    VersionMismatch,
    sort_value,
    title_key,
)

# SQLite integers are signed 64-bit. A larger id can't exist, and passing
# one to sqlite3 raises OverflowError (a 500) instead of "not found".
MAX_ID = 2**63 - 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    key_hash    TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
);

-- AUTOINCREMENT: ids are never reused, so a deleted task's id stays 404
-- instead of one day pointing at a different task.
CREATE TABLE IF NOT EXISTS tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('todo', 'doing', 'done')),
    priority    INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
    due_date    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    version     INTEGER NOT NULL
);

-- The duplicate rule lives here, in the database, where no race can get
-- around it. Deleting a task deletes its row and so frees the title.
CREATE UNIQUE INDEX IF NOT EXISTS tasks_unique_title ON tasks (user_id, title_key);

-- Stretch: remembered Idempotency-Keys with the response they produced.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    key         TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    task_json   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);
"""

TASK_COLUMNS = "id, title, description, status, priority, due_date, created_at, updated_at, version"

# Column names can't be passed as ? parameters, so the SQL for sorting and
# updating is assembled from these fixed names only, never from user input.
SORT_COLUMNS = {
    "created_at": "created_at",
    "updated_at": "updated_at",
    "priority": "priority",
    "due_date": "due_date",
    "title": "title_key",
}
UPDATE_COLUMNS = ("title", "description", "status", "priority", "due_date")


def _task(row: sqlite3.Row) -> Task:
    return Task(**dict(zip(row.keys(), row, strict=True)))


class SqliteTaskStore:
    """Tasks and users in one SQLite file.

    Each call opens its own connection and closes it at the end. Opening a
    local SQLite file is cheap (well under a millisecond), and it sidesteps
    the hard questions of sharing one connection between the threads that
    serve simultaneous requests.

    Two settings make simultaneous requests work:

    * WAL journal mode: readers don't wait for writers and writers don't
      wait for readers; only writers wait for each other.
    * a busy timeout (``timeout=`` below): a writer that finds the database
      locked waits up to that long for its turn instead of failing at once
      with "database is locked".
    """

    def __init__(self, path: str | PathLike[str], timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout

    def create_schema(self) -> None:
        with self._connect() as conn:
            # WAL is remembered in the database file, so setting it once
            # at startup is enough for every later connection.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript(SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # isolation_level=None turns off the sqlite3 module's guessing about
        # when to start transactions; we say BEGIN ourselves where needed.
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        try:
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _transaction(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """Run a block as one transaction: all of it happens, or none of it.

        For writes we use BEGIN IMMEDIATE, which takes the write lock at
        the start. A plain BEGIN would take it only at the first write, and
        a transaction that read first could then find another writer got
        in between, which SQLite reports as an error rather than waiting.
        For reads a plain BEGIN gives us one consistent snapshot.
        """
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    # -- users ------------------------------------------------------------

    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        with self._connect() as conn:
            try:
                cursor = conn.execute(
                    "INSERT INTO users (name, name_key, key_hash, created_at) VALUES (?, ?, ?, ?)",
                    (name, name_key, key_hash, now),
                )
            except sqlite3.IntegrityError as error:
                raise NameTaken(f"the name {name!r} is taken") from error
            assert cursor.lastrowid is not None
            return User(cursor.lastrowid, name)

    def find_user_by_key_hash(self, key_hash: str) -> User | None:
        with self._connect() as conn:
            row = conn.execute("SELECT id, name FROM users WHERE key_hash = ?", (key_hash,)).fetchone()
        return None if row is None else User(row["id"], row["name"])

    # -- tasks ------------------------------------------------------------

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        with self._transaction() as conn:
            return self._insert_task(conn, user_id, new, title_key, now)

    def _insert_task(self, conn: sqlite3.Connection, user_id: int, new: NewTask, key: str, now: str) -> Task:
        # No "SELECT ... WHERE title_key = ?" first: the UNIQUE index answers
        # that question, atomically, as part of the INSERT.
        try:
            cursor = conn.execute(
                "INSERT INTO tasks (user_id, title, title_key, description, status, priority,"
                " due_date, created_at, updated_at, version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (
                    user_id,
                    new.title,
                    key,
                    new.description,
                    new.status,
                    new.priority,
                    new.due_date,
                    now,
                    now,
                ),
            )
        except sqlite3.IntegrityError:
            # We hold the write lock, so the row that blocked us is still
            # there to point the client at.
            raise DuplicateTitle(self._id_for_title(conn, user_id, key)) from None
        row = conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _task(row)

    def _id_for_title(self, conn: sqlite3.Connection, user_id: int, key: str) -> int:
        row = conn.execute(
            "SELECT id FROM tasks WHERE user_id = ? AND title_key = ?", (user_id, key)
        ).fetchone()
        if row is None:  # the IntegrityError came from another constraint
            raise RuntimeError("task insert violated a constraint other than the title")
        result: int = row["id"]
        return result

    def add_task_once(
        self,
        user_id: int,
        new: NewTask,
        title_key: str,
        now: str,
        key: str,
        fingerprint: str,
    ) -> tuple[Task, bool]:
        # One write transaction covers "was this key used?" and "create the
        # task and remember the key", so two requests with the same key are
        # served one after the other: the second one sees the first's record.
        with self._transaction() as conn:
            row = conn.execute(
                "SELECT fingerprint, task_json FROM idempotency_keys WHERE user_id = ? AND key = ?",
                (user_id, key),
            ).fetchone()
            if row is not None:
                if row["fingerprint"] != fingerprint:
                    raise IdempotencyKeyReused("this Idempotency-Key was used with another body")
                return Task(**json.loads(row["task_json"])), True
            task = self._insert_task(conn, user_id, new, title_key, now)
            conn.execute(
                "INSERT INTO idempotency_keys (user_id, key, fingerprint, task_json, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (user_id, key, fingerprint, json.dumps(asdict(task)), now),
            )
            return task, False

    def get_task(self, user_id: int, task_id: int) -> Task | None:
        if not 0 < task_id <= MAX_ID:
            return None
        with self._connect() as conn:
            # "AND user_id = ?" is the whole of access control: another
            # user's task is simply not found.
            row = conn.execute(
                f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ? AND user_id = ?",
                (task_id, user_id),
            ).fetchone()
        return None if row is None else _task(row)

    def update_task(
        self,
        user_id: int,
        task_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        title_key: str | None,
        now: str,
    ) -> Task:
        if not 0 < task_id <= MAX_ID:
            raise TaskNotFound(f"task {task_id} does not exist")
        # Load the task and check the client edited the current version...
        current = self.get_task(user_id, task_id)
        if current is None:
            raise TaskNotFound(f"task {task_id} does not exist")
        if current.version != expected_version:
            raise VersionMismatch(current.version)
        # ...then save the changes as the next version.
        with self._connect() as conn:
            assignments = [f"{column} = ?" for column in UPDATE_COLUMNS if column in changes]
            values = [changes[column] for column in UPDATE_COLUMNS if column in changes]
            if title_key is not None:
                assignments.append("title_key = ?")
                values.append(title_key)
            assignments += ["updated_at = ?", "version = ?"]
            values += [now, current.version + 1]
            try:
                conn.execute(
                    f"UPDATE tasks SET {', '.join(assignments)} WHERE id = ?",
                    (*values, task_id),
                )
            except sqlite3.IntegrityError:
                assert title_key is not None
                raise DuplicateTitle(self._id_for_title(conn, user_id, title_key)) from None
            row = conn.execute(f"SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
            return _task(row)

    def delete_task(self, user_id: int, task_id: int) -> bool:
        if not 0 < task_id <= MAX_ID:
            return False
        with self._connect() as conn:
            cursor = conn.execute("DELETE FROM tasks WHERE id = ? AND user_id = ?", (task_id, user_id))
        return cursor.rowcount == 1

    def list_tasks(self, user_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        where = ["user_id = ?"]
        params: list[Any] = [user_id]
        if query.status is not None:
            where.append("status = ?")
            params.append(query.status)
        if query.title_contains:
            # instr() instead of LIKE: LIKE gives '%' and '_' special
            # meanings and only folds ASCII letters. title_key is already
            # case-folded, and so is the search text.
            where.append("instr(title_key, ?) > 0")
            params.append(query.title_contains)
        filters = " AND ".join(where)

        column = SORT_COLUMNS[query.sort_field]
        direction = "DESC" if query.descending else "ASC"
        if query.sort_field == "due_date":
            # "due_date IS NULL" is 0 for dated tasks and 1 for undated
            # ones, so undated tasks come last whichever way we sort.
            order = f"due_date IS NULL, due_date {direction}, id ASC"
        else:
            order = f"{column} {direction}, id ASC"

        page_where, page_params = filters, list(params)
        if query.after is not None:
            clause, extra = _after_clause(query.sort_field, query.descending, query.after)
            page_where += f" AND {clause}"
            page_params += extra

        # Both queries in one read transaction, so total and items describe
        # the same moment even if someone writes in between.
        with self._transaction(write=False) as conn:
            total = conn.execute(f"SELECT COUNT(*) FROM tasks WHERE {filters}", params).fetchone()[0]
            rows = conn.execute(
                f"SELECT {TASK_COLUMNS} FROM tasks WHERE {page_where} ORDER BY {order} LIMIT ? OFFSET ?",
                (*page_params, query.limit, query.offset),
            ).fetchall()
        return [_task(row) for row in rows], total

    def ping(self) -> None:
        # A real query on a real table: "the file opens" is not enough, since
        # SQLite happily creates an empty file where ours went missing. The
        # short timeout keeps /health quick while a writer holds the lock.
        try:
            conn = sqlite3.connect(self.path, timeout=1.0, isolation_level=None)
            try:
                conn.execute("SELECT 1 FROM users LIMIT 1").fetchall()
            finally:
                conn.close()
        except sqlite3.Error as error:
            raise StorageUnavailable(f"the database cannot be read: {error}") from error


def _after_clause(field: str, descending: bool, after: Position) -> tuple[str, list[Any]]:
    """SQL for "comes after this position in the sort order" (keyset paging).

    The order is: sort column (ascending or descending), with undated tasks
    last, then id ascending. A row is after (value, id) when its column is
    further along, or equal with a larger id.
    """
    op = "<" if descending else ">"
    column = SORT_COLUMNS[field]
    if field != "due_date":
        return f"({column} {op} ? OR ({column} = ? AND id > ?))", [after.value, after.value, after.id]
    if after.value is None:  # we are already among the undated tasks
        return "(due_date IS NULL AND id > ?)", [after.id]
    return (
        f"(due_date IS NULL OR due_date {op} ? OR (due_date = ? AND id > ?))",
        [after.value, after.value, after.id],
    )


class InMemoryTaskStore:
    """The milestone 1 store: dicts, plus one lock.

    Requests are served by several threads at once. The lock makes each
    method run alone, so "is the title free? then add it" cannot be split
    by another thread, which is the same guarantee the UNIQUE index gives
    the SQLite store. Everything is lost when the process ends.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._users: dict[int, User] = {}
        self._user_names: set[str] = set()
        self._users_by_key: dict[str, User] = {}
        self._tasks: dict[int, tuple[int, Task]] = {}  # id -> (owner id, task)
        self._titles: dict[tuple[int, str], int] = {}  # (owner id, title key) -> task id
        self._idempotency: dict[tuple[int, str], tuple[str, Task]] = {}
        self._next_user_id = 1
        self._next_task_id = 1

    def create_schema(self) -> None:
        """Nothing to create; here so both stores can be used the same way."""

    def add_user(self, name: str, name_key: str, key_hash: str, now: str) -> User:
        with self._lock:
            if name_key in self._user_names:
                raise NameTaken(f"the name {name!r} is taken")
            user = User(self._next_user_id, name)
            self._next_user_id += 1
            self._users[user.id] = user
            self._user_names.add(name_key)
            self._users_by_key[key_hash] = user
            return user

    def find_user_by_key_hash(self, key_hash: str) -> User | None:
        with self._lock:
            return self._users_by_key.get(key_hash)

    def add_task(self, user_id: int, new: NewTask, title_key: str, now: str) -> Task:
        with self._lock:
            return self._insert(user_id, new, title_key, now)

    def _insert(self, user_id: int, new: NewTask, key: str, now: str) -> Task:
        existing = self._titles.get((user_id, key))
        if existing is not None:
            raise DuplicateTitle(existing)
        task = Task(
            id=self._next_task_id,
            title=new.title,
            description=new.description,
            status=new.status,
            priority=new.priority,
            due_date=new.due_date,
            created_at=now,
            updated_at=now,
            version=1,
        )
        self._next_task_id += 1
        self._tasks[task.id] = (user_id, task)
        self._titles[(user_id, key)] = task.id
        return task

    def add_task_once(
        self,
        user_id: int,
        new: NewTask,
        title_key: str,
        now: str,
        key: str,
        fingerprint: str,
    ) -> tuple[Task, bool]:
        with self._lock:
            seen = self._idempotency.get((user_id, key))
            if seen is not None:
                if seen[0] != fingerprint:
                    raise IdempotencyKeyReused("this Idempotency-Key was used with another body")
                return seen[1], True
            task = self._insert(user_id, new, title_key, now)
            self._idempotency[(user_id, key)] = (fingerprint, task)
            return task, False

    def _owned(self, user_id: int, task_id: int) -> Task | None:
        entry = self._tasks.get(task_id)
        if entry is None or entry[0] != user_id:
            return None
        return entry[1]

    def get_task(self, user_id: int, task_id: int) -> Task | None:
        with self._lock:
            return self._owned(user_id, task_id)

    def update_task(
        self,
        user_id: int,
        task_id: int,
        expected_version: int,
        changes: Mapping[str, Any],
        title_key: str | None,
        now: str,
    ) -> Task:
        with self._lock:
            task = self._owned(user_id, task_id)
            if task is None:
                raise TaskNotFound(f"task {task_id} does not exist")
            if task.version != expected_version:
                raise VersionMismatch(task.version)
            old_key = _title_key_of(task)
            if title_key is not None and title_key != old_key:
                existing = self._titles.get((user_id, title_key))
                if existing is not None:
                    raise DuplicateTitle(existing)
                del self._titles[(user_id, old_key)]
                self._titles[(user_id, title_key)] = task_id
            updated = replace(task, **changes, updated_at=now, version=task.version + 1)
            self._tasks[task_id] = (user_id, updated)
            return updated

    def delete_task(self, user_id: int, task_id: int) -> bool:
        with self._lock:
            task = self._owned(user_id, task_id)
            if task is None:
                return False
            del self._tasks[task_id]
            del self._titles[(user_id, _title_key_of(task))]
            return True

    def list_tasks(self, user_id: int, query: TaskQuery) -> tuple[list[Task], int]:
        with self._lock:
            matches = [
                task
                for owner, task in self._tasks.values()
                if owner == user_id
                and (query.status is None or task.status == query.status)
                and (not query.title_contains or query.title_contains in _title_key_of(task))
            ]

        def position(task: Task) -> Position:
            return Position(sort_value(task, query.sort_field), task.id)

        def compare(a: Position, b: Position) -> int:
            return _compare(a, b, query.sort_field, query.descending)

        matches.sort(key=lambda task: cmp_to_key(compare)(position(task)))
        total = len(matches)
        if query.after is not None:
            after = query.after
            matches = [task for task in matches if compare(position(task), after) > 0]
        return matches[query.offset : query.offset + query.limit], total

    def ping(self) -> None:
        """Dicts in this process are always there."""


def _title_key_of(task: Task) -> str:
    return title_key(task.title)


def _compare(a: Position, b: Position, field: str, descending: bool) -> int:
    """The same order as the SQL above: -1 if a comes first, 1 if b does."""
    if field == "due_date" and (a.value is None) != (b.value is None):
        return 1 if a.value is None else -1  # undated last, in both directions
    if a.value != b.value:
        assert a.value is not None and b.value is not None
        first = -1 if a.value < b.value else 1  # type: ignore[operator]
        return -first if descending else first
    return (a.id > b.id) - (a.id < b.id)
