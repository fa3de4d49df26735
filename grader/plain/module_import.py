"""Let plain pytest suites ``import solution``: the import gives a proxy of the learner's module.

An import hook on ``sys.meta_path`` answers only for the exercise's graded
module names (installed before the suite's conftest.py is imported). What it
returns is a module whose functions and classes are the same remote callables
the ``learner`` fixture gives, so every call runs in the worker and only plain
data comes back; its other names are read from the worker as plain values or
handles (:mod:`grader.plain.values`). The learner's files are never put on
this process's path. Calls made during a test, its fixtures included, are
recorded so a failed plain ``assert`` can be explained as "Called add(2, 3);
got 6, expected 5"; what cannot cross is refused (:mod:`grader.plain.refusals`).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from grader.boundary.refusals import refused_argument
from grader.boundary.remote import LearnerSession, RemoteObject
from grader.feedback.expectations import Call
from grader.plain.argument_copies import plain_copy, write_back
from grader.plain.refusals import (
    ModuleInternal,
    before_loading,
    changed_module,
    listed_before_loading,
    module_internal,
    module_namespace,
    object_use,
    star_import,
    star_importing,
)
from grader.plain.values import ModuleCallable, Pending, Unreadable, module_names, read_attribute
from grader.worker.wire import NotPlainData

STAND_IN_DICT: Any = vars(types.ModuleType)["__dict__"]  # the proxy's own namespace: only its dunders


class LearnerProxy(types.ModuleType):
    """The learner's module as a plain suite sees it: functions, classes, plain values and handles."""

    def __init__(self, name: str, read: Callable[[str, str], Any], names: Callable[[str], list[str]]) -> None:
        super().__init__(name, f"The learner's {name}.py, reached across the process boundary.")
        object.__setattr__(self, "_grader_read", read)
        object.__setattr__(self, "_grader_names", names)

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
        if star_importing(sys._getframe(1)):  # imports nothing: a name the test then misses is refused
            return STAND_IN_DICT.__get__(self)
        raise module_namespace(self.__name__)

    def __dir__(self) -> list[str]:
        """The learner module's own names, listed in the worker."""
        names: list[str] = object.__getattribute__(self, "_grader_names")(self.__name__)
        return names

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise ModuleInternal(self.__name__, name)
        return object.__getattribute__(self, "_grader_read")(self.__name__, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name.startswith("__"):  # the import system sets __spec__, __loader__ ...
            object.__setattr__(self, name, value)
            return
        raise changed_module(self.__name__, name)

    def __delattr__(self, name: str) -> None:
        raise changed_module(self.__name__, name, deleting=True)


class LearnerFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answer imports of the graded module names, and only those, with proxies."""

    def __init__(
        self, names: Sequence[str], read: Callable[[str, str], Any], listing: Callable[[str], list[str]]
    ) -> None:
        self.names = frozenset(names)
        self.read = read
        self.listing = listing

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname not in self.names:
            return None
        return importlib.machinery.ModuleSpec(fullname, self, origin="learner (remote)")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        return LearnerProxy(spec.name, self.read, self.listing)

    def exec_module(self, module: types.ModuleType) -> None:
        """Nothing runs here: the learner's code is loaded in the worker."""


class CallLog:
    """The learner calls one test made, newest last."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.active = False

    def wrap(self, session: LearnerSession) -> None:
        """Record every call the session makes (functions, classes and methods of handles)."""
        invoke = session.invoke

        def recording_invoke(
            target: list[Any], label: str, args: tuple, kwargs: dict, text: str = ""
        ) -> Call:
            if not self.active:  # a testkit test: its calls are left exactly as they were
                return invoke(target, label, args, kwargs, text)
            before = plain_copy(args)
            try:
                record = invoke(target, label, args, kwargs, text)
            except NotPlainData:  # an argument could not be sent: say which, as the suite's problem
                raise refused_argument(label, args, kwargs, session.reference) from None
            record.args_before = before
            record.context["given"] = args
            if record.error is None:
                write_back(args, record.args_after)
            self.calls.append(record)
            return record

        session.invoke = recording_invoke  # type: ignore[method-assign]


class PlainSuites:
    """The pytest side of plain suites: the import hook, per-test deadlines and call records.

    A plain test's deadline and call record start before its fixtures are set
    up, so calls made in the suite's fixtures are bounded and retold too.
    """

    def __init__(self, config: pytest.Config, names: Sequence[str], session_key: Any) -> None:
        self.config = config
        self.session_key = session_key
        self.log = CallLog()
        self.comparisons: list[tuple[str, Any, Any]] = []
        self.finder = LearnerFinder(names, self.read, self.listing)
        self.wrapped: LearnerSession | None = None
        self.callables: dict[tuple[str, str], Any] = {}
        self.imported: list[Call] = []  # values read while the suite was imported, not in a test

    def session(self) -> LearnerSession | None:
        session: LearnerSession | None = self.config.stash.get(self.session_key, None)
        if session is not None and session is not self.wrapped:
            self.log.wrap(session)
            session.shared.at_once = True  # a plain test may change what it got back
            self.wrapped = session
        return session

    def read(self, module: str, name: str) -> Any:
        """``module.name`` for the suite: read in the worker once it is loaded (see grader.plain.values)."""
        known = self.callables.get((module, name))
        if known is not None:  # a function stays a function: no request for each use
            return known
        session = self.session()
        if session is None:
            return Pending(name, before_loading(module, name), lambda: self.read(module, name))
        value = read_attribute(session, module, name)
        if isinstance(value, ModuleCallable):
            self.callables[(module, name)] = value
        elif isinstance(value, Unreadable) and self.log.active:
            value._resolve()  # inside a test: say why where it is read
        elif not isinstance(value, (Unreadable, RemoteObject)):  # kept to retell a failed check on it
            record = Call(text=f"{module}.{name}", value=value, context={"read": True})
            (self.log.calls if self.log.active else self.imported).append(record)
        return value

    def listing(self, module: str) -> list[str]:
        """``dir(module)`` for the suite: the learner module's names, from the worker."""
        session = self.session()
        if session is None:
            raise listed_before_loading(module)
        return module_names(session, module)

    def install(self) -> None:
        # A name Python already loaded (a standard module) cannot be answered by a proxy:
        # testkit suites never need it, and grader validate refuses plain suites that would.
        self.finder.names = frozenset(n for n in self.finder.names if n not in sys.modules)
        sys.meta_path.insert(0, self.finder)

    def uninstall(self) -> None:
        if self.finder in sys.meta_path:
            sys.meta_path.remove(self.finder)
        for name in self.finder.names:
            if isinstance(sys.modules.get(name), LearnerProxy):
                del sys.modules[name]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Iterator[None]:
        self.log.calls.clear()
        self.comparisons.clear()
        self.log.active = "learner" not in getattr(item, "fixturenames", ())
        if not self.log.active:  # a testkit test keeps exactly its own behaviour
            return (yield)
        session = self.session()
        if session is not None:
            session.time_test(self.config.getoption("--grader-test-timeout"))
            if session.load_problem is not None:  # every test fails the same way, whatever it reads
                raise session.load_problem.with_traceback(None)
        return (yield from self.explained(item))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        if not self.log.active:
            return (yield)
        from grader.plain.unittest_checks import retell_failures, watch_assertions

        pending = watch_assertions(item)  # a unittest test's self.assert* checks
        try:
            return (yield from self.explained(item))
        finally:
            retell_failures(item, pending, lambda: [*self.imported, *self.log.calls])

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Iterator[None]:
        try:
            return (yield)
        finally:
            session = self.config.stash.get(self.session_key, None)
            if self.log.active and session is not None:
                session.time_test(None)
            self.log.active = False

    def explained(self, item: pytest.Item) -> Iterator[None]:
        """Run one phase of a plain test; turn what it raised into feedback about the learner's calls."""
        try:
            return (yield)
        except AssertionError as error:
            from grader.plain.assertions import explain_assertion

            raise explain_assertion(error, [*self.imported, *self.log.calls], self.comparisons) from None
        except pytest.fail.Exception as error:
            from grader.plain.assertions import did_not_raise

            raise did_not_raise(error, self.log.calls) from None
        except ModuleInternal as error:
            raise module_internal(error.module, error.attribute) from None
        except TypeError as error:
            if "'RemoteObject'" in str(error):  # cart < 3, int(cart): not done for learner objects
                raise object_use(error) from None
            raise self.unusable(error) from None
        except NameError as error:
            star = star_import(item, self.finder.names)
            raise (error if star is None else star) from None
        except Exception as error:
            raise self.unusable(error) from None

    def unusable(self, error: Exception) -> Exception:
        """The test's own code failed: on what a learner call returned, or by itself."""
        if getattr(error, "learner_info", None) is not None or not self.log.calls:
            return error  # the learner's own exception, or a suite that fails by itself
        from grader.plain.assertions import unusable_result

        return unusable_result(error, self.log.calls)

    def pytest_assertrepr_compare(self, op: str, left: Any, right: Any) -> None:
        # Called only for a comparison that failed: remember what was compared.
        self.comparisons.append((op, left, right))


def name_description(item: pytest.Item) -> str:
    """Describe a test without a docstring by its name: test_adds_negatives -> "adds negatives"."""
    name = getattr(item, "originalname", None) or item.name
    return name.removeprefix("test_").removeprefix("test").replace("_", " ").strip() or name
