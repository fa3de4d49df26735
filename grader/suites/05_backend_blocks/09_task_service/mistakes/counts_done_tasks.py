"""Mistake: counts every task toward the limit of five open tasks, so completing one never frees a place.

Hint: Count only the user's tasks that are not done, and check before adding.
"""

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


def clean_title(title: object) -> str:
    """Return the title tidied, or raise ValueError."""
    if not isinstance(title, str) or not title.strip():
        raise ValueError("title must be a non-empty string")
    tidy = " ".join(title.split())
    if len(tidy) > MAX_TITLE:
        raise ValueError(f"title must be at most {MAX_TITLE} characters")
    return tidy


class TaskService:
    """Task rules, over any repository with add, get, save, delete and for_owner."""

    def __init__(self, repository: InMemoryTaskRepository) -> None:
        self._repository = repository

    def create(self, user: str, title: str) -> dict:
        """Create an open task for ``user``."""
        tidy = clean_title(title)
        self._refuse_duplicate(user, tidy, task_id=None)
        if len(self._repository.for_owner(user)) >= MAX_OPEN_TASKS:
            raise TooManyOpenTasks(f"{user} already has {MAX_OPEN_TASKS} open tasks")
        return self._repository.add(user, tidy)

    def rename(self, user: str, task_id: int, title: str) -> dict:
        """Give one of the user's tasks a new title."""
        task = self._owned(user, task_id)
        tidy = clean_title(title)
        self._refuse_duplicate(user, tidy, task_id)
        task["title"] = tidy
        self._repository.save(task)
        return task

    def complete(self, user: str, task_id: int) -> dict:
        """Mark one of the user's tasks done; completing it again changes nothing."""
        task = self._owned(user, task_id)
        task["done"] = True
        self._repository.save(task)
        return task

    def delete(self, user: str, task_id: int) -> None:
        """Delete one of the user's tasks."""
        self._owned(user, task_id)
        self._repository.delete(task_id)

    def open_tasks(self, user: str) -> list[dict]:
        """Return the user's tasks that are not done, oldest first."""
        return [task for task in self._repository.for_owner(user) if not task["done"]]

    def _owned(self, user: str, task_id: int) -> dict:
        task = self._repository.get(task_id)
        if task is None or task["owner"] != user:
            raise TaskNotFound(f"{user} has no task with id {task_id}")
        return task

    def _refuse_duplicate(self, user: str, title: str, task_id: int | None) -> None:
        key = title.casefold()
        for task in self._repository.for_owner(user):
            if task["title"].casefold() == key and task["id"] != task_id:
                raise DuplicateTitle(f"{user} already has a task called {task['title']!r}")
