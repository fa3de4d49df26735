"""Validation at the boundary: turn an untrusted payload into a NewTask or a list of field errors."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NewTask:
    """A task that passed validation: the only shape the rest of the code ever sees."""

    title: str
    priority: int
    tags: tuple[str, ...]


class InvalidTask(ValueError):
    """The payload broke one or more rules; the message names every field."""


def validate_task(payload: object) -> dict[str, str]:
    """Return every problem with ``payload`` as {field: message}; an empty dict means valid."""
    # TODO: check every field and collect every message; do not stop at the first.
    raise NotImplementedError


def parse_task(payload: object) -> NewTask:
    """Return a clean NewTask from ``payload``, or raise InvalidTask naming every bad field."""
    raise NotImplementedError
