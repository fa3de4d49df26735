"""A repository over a dict: tasks by id, titles unique per owner, domain errors for what can go wrong."""

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
        # TODO: a dict of tasks by id, and whatever else you need to find titles quickly.
        raise NotImplementedError

    def create(self, owner: str, title: str) -> dict:
        """Store a new task and return a copy of it."""
        raise NotImplementedError

    def get(self, task_id: int) -> dict:
        """Return a copy of the task, or raise TaskNotFound."""
        raise NotImplementedError

    def update(self, task_id: int, title: str) -> dict:
        """Give the task a new title and return a copy of it."""
        raise NotImplementedError

    def delete(self, task_id: int) -> None:
        """Remove the task; its title becomes free again."""
        raise NotImplementedError

    def list_for(self, owner: str) -> list[dict]:
        """Return copies of the owner's tasks, oldest first."""
        raise NotImplementedError
