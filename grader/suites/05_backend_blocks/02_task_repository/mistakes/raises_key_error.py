"""Mistake: looks tasks up with self._tasks[task_id], so an unknown id escapes as a bare KeyError.

Hint: Look the id up with self._tasks.get(task_id) and raise TaskNotFound yourself when it is None:
a bare KeyError tells the caller nothing about what went wrong.
"""

from __future__ import annotations


class TaskNotFound(LookupError):
    """No task has this id."""


class DuplicateTitle(ValueError):
    """The owner already has a task with this title (ignoring case and spacing)."""


def tidy(title: str) -> str:
    """The title as stored: surrounding space removed, inner runs of space made single."""
    return " ".join(title.split())


def title_key(title: str) -> str:
    """The title as compared: tidied and case-folded, so 'Buy  Milk' equals 'buy milk'."""
    return tidy(title).casefold()


class TaskRepository:
    """Tasks in memory, each {'id', 'owner', 'title'}."""

    def __init__(self) -> None:
        self._tasks: dict[int, dict] = {}
        self._ids_by_title: dict[tuple[str, str], int] = {}
        self._last_id = 0

    def create(self, owner: str, title: str) -> dict:
        """Store a new task and return a copy of it."""
        key = self._claim_title(owner, title, task_id=None)
        self._last_id += 1  # never reused, even after a delete: old links must not find a new task
        task = {"id": self._last_id, "owner": owner, "title": tidy(title)}
        self._tasks[task["id"]] = task
        self._ids_by_title[key] = task["id"]
        return dict(task)

    def get(self, task_id: int) -> dict:
        """Return a copy of the task, or raise TaskNotFound."""
        return dict(self._find(task_id))

    def update(self, task_id: int, title: str) -> dict:
        """Give the task a new title and return a copy of it."""
        task = self._find(task_id)
        key = self._claim_title(task["owner"], title, task_id)
        del self._ids_by_title[(task["owner"], title_key(task["title"]))]
        self._ids_by_title[key] = task_id
        task["title"] = tidy(title)
        return dict(task)

    def delete(self, task_id: int) -> None:
        """Remove the task; its title becomes free again."""
        task = self._find(task_id)
        del self._ids_by_title[(task["owner"], title_key(task["title"]))]
        del self._tasks[task_id]

    def list_for(self, owner: str) -> list[dict]:
        """Return copies of the owner's tasks, oldest first."""
        return [dict(task) for task in self._tasks.values() if task["owner"] == owner]

    def _find(self, task_id: int) -> dict:
        return self._tasks[task_id]

    def _claim_title(self, owner: str, title: str, task_id: int | None) -> tuple[str, str]:
        """Check the title is usable by this owner; return its index key."""
        if not isinstance(title, str) or not title.strip():
            raise ValueError("title must be a non-empty string")
        key = (owner, title_key(title))
        holder = self._ids_by_title.get(key)
        if holder is not None and holder != task_id:  # renaming a task to itself is fine
            raise DuplicateTitle(f"{owner} already has a task called {tidy(title)!r} (id {holder})")
        return key
