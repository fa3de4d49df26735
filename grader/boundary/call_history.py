"""Remember what a test did to each learner object, so a message can retell it.

A failed check on an object reads "Called Inventory(…).remove('apple', 5)
after add('apple', 3); ...": the object is named by the call that made it and
the method calls made on it before, oldest first.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from grader.feedback.expectations import describe_call

SHORT = 24  # a constructor call longer than this is shown as Type(…)
RECENT = 3  # how many earlier calls a message repeats


class CallHistory:
    """Origins and method calls of learner objects, keyed by their handle."""

    def __init__(self) -> None:
        self.origins: dict[Hashable, str] = {}
        self.calls: dict[Hashable, list[str]] = {}

    def created(self, key: Hashable, text: str) -> None:
        """Record the call that made an object (kept for the first time only)."""
        self.origins.setdefault(key, text)

    def label(self, key: Hashable, type_name: str) -> str:
        """Name an object by the call that made it: ``Stack()`` or ``Inventory(…)``."""
        origin = self.origins.get(key, "")
        return origin if origin and len(origin) <= SHORT else f"{type_name}(…)"

    def describe(self, key: Hashable, type_name: str, action: str) -> str:
        """``Type(…).action after earlier(), calls()``: an action on the object, retold."""
        joiner = "" if action.startswith("(") else "."
        return f"{self.label(key, type_name)}{joiner}{action}{self.after(key)}"

    def after(self, key: Hashable) -> str:
        earlier = self.calls.get(key, [])
        if not earlier:
            return ""
        if len(earlier) <= RECENT:
            return " after " + ", ".join(earlier)
        return f" after {len(earlier)} calls, the last ones " + ", ".join(earlier[-RECENT:])

    def record(self, key: Hashable, action: str) -> None:
        """Remember a method call made on the object."""
        self.calls.setdefault(key, []).append(action)

    def call_text(self, generation: int, target: list[Any], label: str, args: tuple, kwargs: dict) -> str:
        """``f(1)``, or for a learner object ``Stack().pop() after push(1)``."""
        if target[0] != "handle":
            return describe_call(label, args, kwargs)
        action = describe_call(str(target[2] or ""), args, kwargs)
        return self.describe((generation, target[1]), label.split(".")[0], action)

    def called(self, generation: int, target: list[Any], args: tuple, kwargs: dict) -> None:
        """Remember a method call on a learner object (not its special methods such as __repr__)."""
        if target[0] == "handle" and target[2] and not str(target[2]).startswith("__"):
            self.record((generation, target[1]), describe_call(str(target[2]), args, kwargs))
