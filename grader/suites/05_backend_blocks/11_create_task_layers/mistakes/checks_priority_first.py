"""Mistake: validates the priority before the title, so a body with both wrong reports another field.

Hint: A refactor keeps every status and message word for word: run the starter and your version side
by side.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

BAD_REQUEST, UNPROCESSABLE, CONFLICT, CREATED = 400, 422, 409, 201
MAX_TITLE = 100
LOWEST_PRIORITY, HIGHEST_PRIORITY, DEFAULT_PRIORITY = 1, 5, 3
MAX_OPEN_TASKS = 20


class Problem(Exception):
    """A request that cannot be served, with the status and message to answer it with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class NewTask:
    owner: str
    title: str
    priority: int


def parse(body: str) -> dict:
    """The body as a JSON object, or a 400 problem."""
    try:
        data = json.loads(body)
    except ValueError:
        raise Problem(BAD_REQUEST, "body is not valid JSON") from None
    if type(data) is not dict:
        raise Problem(BAD_REQUEST, "body must be a JSON object")
    return data


def required(data: dict, field: str) -> object:
    if field not in data:
        raise Problem(UNPROCESSABLE, f"{field} is required")
    return data[field]


def valid_owner(data: dict) -> str:
    owner = required(data, "owner")
    if type(owner) is not str or not owner.strip():
        raise Problem(UNPROCESSABLE, "owner must be a non-empty string")
    return owner.strip()


def valid_title(data: dict) -> str:
    title = required(data, "title")
    if type(title) is not str:
        raise Problem(UNPROCESSABLE, "title must be a string")
    tidy = " ".join(title.split())
    if not tidy:
        raise Problem(UNPROCESSABLE, "title must not be empty")
    if len(tidy) > MAX_TITLE:
        raise Problem(UNPROCESSABLE, f"title must be at most {MAX_TITLE} characters")
    return tidy


def valid_priority(data: dict) -> int:
    priority = data.get("priority", DEFAULT_PRIORITY)
    if type(priority) is not int or not LOWEST_PRIORITY <= priority <= HIGHEST_PRIORITY:
        raise Problem(
            UNPROCESSABLE, f"priority must be a whole number from {LOWEST_PRIORITY} to {HIGHEST_PRIORITY}"
        )
    return priority


def validate(data: dict) -> NewTask:
    """A clean NewTask, or a 422 problem for the first bad field (owner, title, priority)."""
    owner, priority = valid_owner(data), valid_priority(data)
    return NewTask(owner, valid_title(data), priority)


def check_rules(new: NewTask, tasks: list[dict]) -> None:
    """A 409 problem when the owner already has this title, or too many open tasks."""
    own = [task for task in tasks if task["owner"] == new.owner]
    for task in own:
        if task["title"].lower() == new.title.lower():
            raise Problem(CONFLICT, f"owner already has a task called {task['title']}")
    if sum(1 for task in own if not task["done"]) >= MAX_OPEN_TASKS:
        raise Problem(CONFLICT, f"owner has {MAX_OPEN_TASKS} open tasks already")


def store(new: NewTask, tasks: list[dict]) -> dict:
    """Append the task with the next free id and return it."""
    next_id = max((task["id"] for task in tasks), default=0) + 1
    task = {"id": next_id, "owner": new.owner, "title": new.title, "priority": new.priority, "done": False}
    tasks.append(task)
    return task


def handle_create(body: str, tasks: list[dict]) -> dict:
    """Create a task from a JSON body; answer {'status': ..., 'body': ...}."""
    try:
        new = validate(parse(body))
        check_rules(new, tasks)
    except Problem as problem:
        return {"status": problem.status, "body": {"error": problem.message}}
    return {"status": CREATED, "body": dict(store(new, tasks))}
