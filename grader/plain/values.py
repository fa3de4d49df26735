"""Read an attribute of the learner's module for a plain suite, as it would be read in-process.

The worker is asked what the attribute is (the existing ``getattr`` request):
a function or a class comes back as a :class:`ModuleCallable` that runs in
the worker; plain data comes back as its plain value with its exact type
(through the same wire encoding and size limits as a call's result); any
other object stays in the worker behind a handle. What cannot be read comes
back as an :class:`Unreadable` that raises the reason when the test uses it,
so importing a suite never fails because of the learner's file.
"""

from __future__ import annotations

import builtins
import operator
from collections.abc import Callable
from typing import Any

import pytest

from grader.boundary.learner_problems import MissingName, NotPlain, rebuild_exception
from grader.boundary.process import LearnerProblem
from grader.boundary.remote import LearnerSession, RemoteFunction, RemoteObject
from grader.boundary.remote_objects import Session
from grader.plain.refusals import class_check
from grader.worker import wire

# The fields a ModuleCallable sets for itself; any other name is set on the learner's class.
OWN_FIELDS = frozenset(name for name in RemoteFunction.__init__.__code__.co_names if name.startswith("_")) | {
    "_module",
    "_itself",
}


class ModuleCallable(RemoteFunction):
    """A function or class of the learner's module; a class's objects come back as handles.

    ``Cart.from_text(...)`` and ``isinstance(cart, Cart)`` are answered by the
    class itself in the worker, reached through a handle on it.
    """

    def __init__(self, session: LearnerSession, module: str, name: str) -> None:
        super().__init__(session, ["module", module, name], name)
        self._module = module
        self._itself: RemoteObject | None = None

    def _handle_on_itself(self) -> RemoteObject:
        itself = self._itself
        if itself is None or itself._generation != self._session.generation:
            itself = self._itself = fetch_itself(self._session, self._module, self._label)
        return itself

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._handle_on_itself(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in OWN_FIELDS:
            object.__setattr__(self, name, value)
        else:  # ``Cart.count = 0``: the learner's class itself changes, in the worker
            setattr(self._handle_on_itself(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._handle_on_itself(), name)

    def __instancecheck__(self, value: Any) -> bool:
        if not isinstance(value, RemoteObject) or value._session is not self._session:
            return False  # only the learner's own objects can be instances of the learner's classes
        itself = self._handle_on_itself()
        reply = ask(self._session, ["handle", itself._handle, "__instancecheck__"], (value,))
        if "missing" in reply:
            raise class_check(self._label)
        return reply.get("value") is True


def fetch_itself(session: Session, module: str, name: str) -> RemoteObject:
    """A handle on the module attribute itself, fetched through the module's own __getattribute__."""
    reply = ask(session, ["module", module, "__getattribute__"], (name,))
    value = session.decode(reply.get("value"))
    if not isinstance(value, RemoteObject):
        raise class_check(name)
    value._type_name = name  # "Cart.from_text(...)", not "type.from_text(...)"
    session.history.created(value._key(), name)
    return value


def ask(session: Session, target: list[Any], args: tuple) -> dict[str, Any]:
    """One call in the worker that is not one of the test's calls (it is not recorded)."""
    encoded = wire.encode(args, ref=session.reference)
    reply = session.request({"op": "call", "target": target, "args": encoded, "kwargs": {}})
    if "error" in reply:
        raise rebuild_exception(reply["error"])
    return reply


def module_names(session: LearnerSession, module: str) -> list[str]:
    """``dir(module)`` of the learner's module, asked in the worker: its names as plain strings."""
    reply = ask(session, ["module", module, "__dir__"], ())
    names = session.decode(reply.get("value"))
    if type(names) is not list or not all(type(name) is str for name in names):
        raise NotPlain(
            f"dir({module}) of your {module}.py did not give a list of names", call=f"dir({module})"
        )
    return names


class Unreadable:
    """A module attribute that could not be read: any use raises the reason.

    Calling it still goes through ``fallback`` (the usual remote call), so a
    misspelt function or a file that does not load reads exactly as it does
    for a suite that only calls functions.
    """

    def __init__(self, name: str, problem: Exception, fallback: Callable[..., Any] | None = None) -> None:
        self._name = name
        self._problem = problem
        self._fallback = fallback

    def _resolve(self) -> Any:
        raise self._problem.with_traceback(None)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._fallback is None:
            return self._resolve()(*args, **kwargs)
        return self._fallback(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self._resolve(), name)

    def __instancecheck__(self, value: Any) -> bool:
        return isinstance(value, self._resolve())

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("_name", "_problem", "_fallback", "_read"):
            object.__setattr__(self, name, value)
        else:  # ``SAMPLE.owner = "x"`` on a name a conftest imported: the learner's object changes
            setattr(self._resolve(), name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._resolve(), name)

    def __repr__(self) -> str:
        return f"<{self._name} from the learner's module>"


class Pending(Unreadable):
    """A name imported before the learner's worker exists (a suite's conftest.py, read early).

    Each use reads the attribute then, so a conftest's ``from shop import
    make_cart`` works in its fixtures. A value read this way is forwarded, not
    held: ``type(LIMIT)`` is not int; read constants inside a fixture instead.
    """

    def __init__(self, name: str, problem: Exception, read: Callable[[], Any]) -> None:
        super().__init__(name, problem)
        self._read = read

    def _resolve(self) -> Any:
        value = self._read()
        if isinstance(value, Pending):  # still no worker: collecting ids, or no learner files
            raise self._problem.with_traceback(None)
        return value

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        value = self._read()
        if isinstance(value, Pending):
            pytest.fail(f"this suite needs learner files to call {self._name} (--grader-learner-dir)")
        return value(*args, **kwargs)


def forward(use: str, reflected: bool = False) -> Callable[..., Any]:
    """A special method that applies ``use`` to the resolved value (or raises why it cannot be read)."""
    apply = getattr(operator, use, None) or getattr(builtins, use)

    def method(self: Unreadable, *args: Any) -> Any:
        return apply(*args, self._resolve()) if reflected else apply(self._resolve(), *args)

    method.__name__ = f"__{'r' if reflected else ''}{use}__"
    return method


# Everyday uses of a value; each one needs the value itself.
COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge", "hash", "bool")
CONTAINER_USES = ("len", "iter", "contains", "getitem", "setitem", "int", "float", "index", "neg")
ARITHMETIC = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow")
for _use in (*COMPARISONS, *CONTAINER_USES, *ARITHMETIC):
    setattr(Unreadable, f"__{_use}__", forward(_use))
for _use in ARITHMETIC:
    setattr(Unreadable, f"__r{_use}__", forward(_use, reflected=True))


def read_attribute(session: LearnerSession, module: str, name: str) -> Any:
    """The learner module's attribute as this process may hold it (see the module docstring)."""
    function = ModuleCallable(session, module, name)
    try:
        reply = session.request({"op": "getattr", "target": ["module", module, name]})
        value = session.decode(reply.get("value")) if "value" in reply else None
    except LearnerProblem as problem:  # the file does not load, or the worker stopped
        return Unreadable(name, problem, function)
    if reply.get("callable"):
        return function
    if "missing" in reply:
        missing = MissingName(
            f"Your file {module}.py has no function, class or value called {name}: check the "
            "spelling, and that it is not indented inside another block"
        )
        return Unreadable(name, missing, function)
    if "not_plain" in reply:
        reason = (
            f"The test reads {name} from your {module}.py, but that value cannot be sent to the test "
            f"({reply['not_plain']}): keep module-level values to plain data such as numbers, text, "
            "lists and dicts"
        )
        return Unreadable(name, NotPlain(reason, call=f"{module}.{name}"))
    if "error" in reply:  # the module's own __getattr__ raised
        error = rebuild_exception(reply["error"])
        error.learner_info["call"] = f"{module}.{name}"  # type: ignore[attr-defined]
        return Unreadable(name, error)
    if isinstance(value, RemoteObject) and value._reread is None:
        session.history.created(value._key(), f"{module}.{name}")
        # Read again from a worker restarted after a time-out, as a fresh import would.
        value._reread = lambda: fresh_object(session, module, name)
        session.module_objects.append(value)
    return value


def fresh_object(session: LearnerSession, module: str, name: str) -> RemoteObject | None:
    """A module-level object read again from a new worker; None when it is no longer an object."""
    fresh = read_attribute(session, module, name)
    if not isinstance(fresh, RemoteObject):
        return None
    # The handle being re-read takes this one's place: only it is read again after a later restart.
    session.module_objects[:] = [found for found in session.module_objects if found is not fresh]
    return fresh
