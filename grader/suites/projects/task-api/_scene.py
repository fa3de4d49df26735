"""A scenario built on first use, once for a module: each test reads one part of it.

A restart or a shutdown takes seconds, so it is done once and its tests share
it. It is built inside the first test that asks (not in a fixture), so its
failure is that test's failure, and is raised again for each later test.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Scene(Generic[T]):
    """``build(spawn)`` run on the first ``get()``; its result, or its error, for every ``get()``."""

    def __init__(self, build: Callable[[Any], T], spawn: Any) -> None:
        self.build = build
        self.spawn = spawn
        self.outcome: tuple[str, Any] | None = None

    def get(self) -> T:
        if self.outcome is None:
            try:
                self.outcome = ("ok", self.build(self.spawn))
            except Exception as error:
                self.outcome = ("error", error)
        kind, value = self.outcome
        if kind == "error":
            raise value
        result: T = value
        return result
