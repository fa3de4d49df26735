"""A service layer: the rules for tasks live in one class that is handed its repository."""

from __future__ import annotations

# --- given: the repository and the domain errors. Do not change them. ---


class InMemoryTaskRepository:
    """Stores tasks {'id', 'owner', 'title', 'done'}; knows nothing about the rules."""

    def __init__(self) -> None:
        self._tasks: dict[int, dict] = {}
        self._last_id = 0

    def add(self, owner: str, title: str) -> dict:
        self._last_id += 1
        self._tasks[self._last_id] = {"id": self._last_id, "owner": owner, "title": title, "done": False}
        return dict(self._tasks[self._last_id])

    def get(self, task_id: int) -> dict | None:
        task = self._tasks.get(task_id)
        return dict(task) if task is not None else None

    def save(self, task: dict) -> None:
        self._tasks[task["id"]] = dict(task)

    def delete(self, task_id: int) -> None:
        self._tasks.pop(task_id, None)

    def for_owner(self, owner: str) -> list[dict]:
        return [dict(task) for task in self._tasks.values() if task["owner"] == owner]


class TaskNotFound(LookupError):
    """No task with this id belongs to this user."""


class DuplicateTitle(ValueError):
    """The user already has a task with this title."""


class TooManyOpenTasks(ValueError):
    """The user already has MAX_OPEN_TASKS tasks that are not done."""


MAX_OPEN_TASKS = 5
MAX_TITLE = 100

# --- your code ---


class TaskService:
    """Task rules, over any repository with add, get, save, delete and for_owner."""

    def __init__(self, repository: InMemoryTaskRepository) -> None:
        raise NotImplementedError

    def create(self, user: str, title: str) -> dict:
        """Create an open task for ``user``."""
        raise NotImplementedError

    def rename(self, user: str, task_id: int, title: str) -> dict:
        """Give one of the user's tasks a new title."""
        raise NotImplementedError

    def complete(self, user: str, task_id: int) -> dict:
        """Mark one of the user's tasks done; completing it again changes nothing."""
        raise NotImplementedError

    def delete(self, user: str, task_id: int) -> None:
        """Delete one of the user's tasks."""
        raise NotImplementedError

    def open_tasks(self, user: str) -> list[dict]:
        """Return the user's tasks that are not done, oldest first."""
        raise NotImplementedError
