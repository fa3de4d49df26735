"""What a suite holds of the learner's code: functions, objects and modules that live in the worker.

Each is a thin face over a :class:`grader.boundary.remote.LearnerSession`:
using one sends a request across the boundary and decodes the plain reply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from grader.boundary.learner_problems import MissingName, rebuild_exception
from grader.boundary.object_checks import ObjectChecks
from grader.boundary.object_edits import change_attribute
from grader.boundary.object_uses import NO_FACE, ObjectUses, apply
from grader.boundary.process import LearnerCrash, LearnerProblem
from grader.feedback.expectations import Call
from grader.worker import wire


class Session(Protocol):
    """What these faces need of :class:`grader.boundary.remote.LearnerSession` (named here, not
    imported: that module makes these objects, so importing it back would make a cycle)."""

    generation: int
    objects: dict[int, Any]
    history: Any  # a grader.boundary.call_history.CallHistory

    def invoke(self, target: list[Any], label: str, args: tuple, kwargs: dict, text: str = "") -> Call: ...

    def request(self, message: dict[str, Any], limit: float | None = None) -> dict[str, Any]: ...

    def reference(self, value: Any) -> dict[str, Any] | None: ...

    def decode(self, data: Any) -> Any: ...

    def close(self) -> None: ...


class RemoteFunction:
    """A learner function or method, called across the boundary."""

    def __init__(self, session: Session, target: list[Any], label: str) -> None:
        self._session = session
        self._target = target
        self._label = label

    def invoke(self, args: tuple, kwargs: dict) -> Call:
        return self._session.invoke(self._target, self._label, args, kwargs)

    def measure(self, args: tuple, kwargs: dict, budget: int, limit: float | None = None) -> dict[str, Any]:
        """Ask the worker to count the steps of one call (grader/kinds/growth.py reads the reply)."""
        data = [wire.encode(value, ref=self._session.reference) for value in (args, kwargs)]
        message = {"op": "measure", "target": self._target, "budget": budget}
        return self._session.request({**message, "args": data[0], "kwargs": data[1]}, limit)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        record = self.invoke(args, kwargs)
        if record.error is not None:
            raise record.error
        return record.value

    def __repr__(self) -> str:
        return f"<learner function {self._label}>"


class RemoteObject(ObjectUses, ObjectChecks):
    """A learner object that stays in the worker: one handle per object, used there (object_uses.py)."""

    def __init__(self, session: Session, generation: int, handle: int, type_name: str, text: str):
        self._session = session
        self._generation = generation
        self._handle = handle
        self._type_name = type_name
        self._text = text
        self._plain: Any = NO_FACE  # the int or str an IntEnum or StrEnum member compares as
        self._reread: Callable[[], RemoteObject | None] | None = None  # a module-level object's
        # Names found to be methods: calling one again needs no lookup first. Should learner code
        # turn a method into data later, calling it fails in the worker just as it would here.
        self._methods: set[str] = set()

    def _check_alive(self) -> None:
        if self._session.generation == self._generation:
            return
        fresh = self._reread() if self._reread is not None else None
        if fresh is None:
            raise LearnerCrash(f"this {self._type_name} object was lost when an earlier call was stopped")
        self._generation, self._handle, self._text, self._plain = fresh._key() + (fresh._text, fresh._plain)
        self._session.objects[self._handle] = self  # still one handle for the object

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        self._check_alive()
        target = ["handle", self._handle, name]
        if name in self._methods:
            return RemoteFunction(self._session, target, f"{self._type_name}.{name}")
        reply = self._session.request({"op": "getattr", "target": target})
        if "missing" in reply:
            raise MissingName(f"Your {self._type_name} has no method or attribute called {name}")
        if "error" in reply:
            raise rebuild_exception(reply["error"])
        if reply.get("callable"):
            self._methods.add(name)
            return RemoteFunction(self._session, target, f"{self._type_name}.{name}")
        return self._session.decode(reply.get("value"))

    # The handle's own fields are those __init__ sets; any other name set or deleted is the learner object's.
    _own = frozenset(name for name in __init__.__code__.co_names if name.startswith("_"))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in self._own:
            object.__setattr__(self, name, value)
        else:
            change_attribute(self, name, value)

    def __delattr__(self, name: str) -> None:
        change_attribute(self, name)

    def invoke(self, args: tuple, kwargs: dict) -> Call:
        self._check_alive()
        return self._session.invoke(["handle", self._handle, None], self._type_name, args, kwargs)

    def __repr__(self) -> str:
        """The learner's own repr, made in the worker now, as a test in the learner's process sees it."""
        try:
            text = apply(self, "repr", (self,), f"repr({self._learner_label()})")[0]
        except LearnerProblem:  # the object is gone: a message may still name it
            return self._described()
        return text if type(text) is str else self._described()

    def _described(self) -> str:
        return f"<{self._type_name} object from your code: {self._text}>"


class LearnerModule:
    """What a suite's ``learner`` fixture gives: ``learner.name`` is a remote function or class."""

    def __init__(self, session: Session, module: str) -> None:
        self._session = session
        self._module = module

    def __getattr__(self, name: str) -> RemoteFunction:
        if name.startswith("__"):
            raise AttributeError(name)
        return RemoteFunction(self._session, ["module", self._module, name], name)

    def module(self, name: str) -> LearnerModule:
        """Reach another of the exercise's graded modules."""
        return LearnerModule(self._session, name)
