"""Mistake: ignores keys it does not know, so a misspelled field is silently dropped.

Hint: A key you do not know is an error too: a typo such as 'priorty' must not be ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TITLE = 100
MAX_TAGS = 5
LOWEST_PRIORITY, HIGHEST_PRIORITY = 1, 5
DEFAULT_PRIORITY = 3


@dataclass(frozen=True)
class NewTask:
    """A task that passed validation: the only shape the rest of the code ever sees."""

    title: str
    priority: int
    tags: tuple[str, ...]


class InvalidTask(ValueError):
    """The payload broke one or more rules; the message names every field."""


def check_title(value: object) -> str | None:
    if not isinstance(value, str):
        return "must be a string"
    if not value.strip():
        return "must not be empty"
    if len(value.strip()) > MAX_TITLE:
        return f"must be at most {MAX_TITLE} characters"
    return None


def check_priority(value: object) -> str | None:
    # bool is a subclass of int: True would otherwise pass as priority 1.
    if type(value) is not int or not LOWEST_PRIORITY <= value <= HIGHEST_PRIORITY:
        return f"must be a whole number from {LOWEST_PRIORITY} to {HIGHEST_PRIORITY}"
    return None


def check_tags(value: object) -> str | None:
    if not isinstance(value, list):
        return "must be a list of strings"
    if len(value) > MAX_TAGS:
        return f"must have at most {MAX_TAGS} tags"
    if not all(isinstance(tag, str) and tag.strip() for tag in value):
        return "every tag must be a non-empty string"
    return None


REQUIRED = {"title": check_title}
OPTIONAL = {"priority": check_priority, "tags": check_tags}


def validate_task(payload: object) -> dict[str, str]:
    """Return every problem with ``payload`` as {field: message}; an empty dict means valid."""
    if not isinstance(payload, dict):
        return {"body": "must be a JSON object"}
    errors = {}
    for field, check in REQUIRED.items():
        problem = check(payload[field]) if field in payload else "is required"
        if problem:
            errors[field] = problem
    for field, check in OPTIONAL.items():
        problem = check(payload[field]) if field in payload else None
        if problem:
            errors[field] = problem
    for field in payload:
        if field not in REQUIRED and field not in OPTIONAL:
            continue
    return errors


def parse_task(payload: object) -> NewTask:
    """Return a clean NewTask from ``payload``, or raise InvalidTask naming every bad field."""
    errors = validate_task(payload)
    if errors:
        raise InvalidTask("; ".join(f"{field}: {message}" for field, message in errors.items()))
    assert isinstance(payload, dict)  # validate_task guarantees it
    tags = tuple(tag.strip().lower() for tag in payload.get("tags", []))
    return NewTask(payload["title"].strip(), payload.get("priority", DEFAULT_PRIORITY), tags)
