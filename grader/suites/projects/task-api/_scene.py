"""Scenes: slow scenarios built once, in the background, and read by several tests.

A restart or a shutdown takes seconds, mostly of waiting: for a server to
exit, for a job's delay, for a grace period. Each is built once and its tests
share it. A build registered with ``scene_fixture`` starts on a thread of its
own as soon as the session's first test runs (``Scenes.start``, from the
conftest), so its waiting overlaps the other tests instead of adding to them.
Its failure is still its tests' failure: ``Scene.get()`` waits for the build
and raises its error again, in every test that reads it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, Protocol, TypeVar

import pytest

T = TypeVar("T")

# A build waits within bounds of its own (server starts, exits, jobs); this is the last resort.
BUILD_TIMEOUT = 120.0  # the SIGTERM scene, every wait at its bound: about 70 s

# Test module -> its scenes' builds by name (a module imported again replaces its builds).
_REGISTERED: dict[str, dict[str, Callable[[Any], Any]]] = {}


def in_background(build: Callable[[Any], T]) -> Callable[[Any], T]:
    """Register ``build(spawn)`` to be built in the background when its module's tests are run."""
    _REGISTERED.setdefault(build.__module__, {})[build.__qualname__] = build
    return build


def scene_fixture(build: Callable[[Any], T]) -> Any:
    """Register ``build`` (``in_background``) and make the module-scoped fixture its tests read it by.

    Assign it to the fixture's name in the test module: ``restarted = scene_fixture(restart)``.
    """
    in_background(build)

    @pytest.fixture(scope="module")
    def fixture(scenes: Scenes) -> Iterator[Scene[T]]:
        with scenes.taken(build) as scene:
            yield scene

    return fixture


def registered(modules: Iterable[str]) -> list[Callable[[Any], Any]]:
    """The builds registered by ``modules``, in their order (each module's once)."""
    seen = list(dict.fromkeys(modules))
    return [build for module in seen for build in _REGISTERED.get(module, {}).values()]


def settled(action: Callable[[], T]) -> Callable[[], T]:
    """Run ``action`` now; a function that returns its result, or raises its error again.

    A scene made of several parts keeps each part's failure for the test that reads that part.
    """
    try:
        result = action()
    except Exception as error:
        failure = error

        def again() -> T:
            raise failure

        return again
    return lambda: result


class Spawner(Protocol):
    def __call__(self, db_path: Any = None) -> Any: ...

    def close(self) -> None: ...


class Scene(Generic[T]):
    """``build(spawn)`` run once, in the background or at the first ``get()``; its outcome for each get."""

    def __init__(self, build: Callable[[Any], T], spawn: Any) -> None:
        self.build = build
        self.spawn = spawn
        self.outcome: tuple[str, Any] | None = None
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.begun = False

    def build_unless_begun(self) -> None:
        """Build now, on this thread, unless another thread has begun."""
        if self._claim():
            self._run()

    def get(self) -> T:
        self.build_unless_begun()
        if not self.done.wait(BUILD_TIMEOUT):
            raise TimeoutError(f"the scenario {self.build.__name__} did not finish in {BUILD_TIMEOUT:.0f} s")
        assert self.outcome is not None
        kind, value = self.outcome
        if kind == "error":
            raise value
        result: T = value
        return result

    def _claim(self) -> bool:
        with self.lock:
            first, self.begun = not self.begun, True
        return first

    def _run(self) -> None:
        try:
            self.outcome = ("ok", self.build(self.spawn))
        except Exception as error:
            self.outcome = ("error", error)
        finally:
            self.done.set()


class Scenes:
    """The session's scenes: each with a spawner of its own, built one after another in the background."""

    def __init__(self, builds: list[Callable[[Any], Any]], spawner: Callable[[str], Spawner]) -> None:
        self.spawner = spawner
        self.spawners: dict[Callable[[Any], Any], Spawner] = {}
        self.scenes: dict[Callable[[Any], Any], Scene[Any]] = {}
        for build in builds:
            self.add(build)

    def add(self, build: Callable[[Any], T]) -> Scene[T]:
        self.spawners[build] = self.spawner(build.__name__)
        scene = self.scenes[build] = Scene(build, self.spawners[build])
        return scene

    def start(self) -> None:
        """Build every scene in turn on one thread (one at a time: they compete with the tests for cores)."""
        if self.scenes:
            threading.Thread(target=self._build_all, name="scenes", daemon=True).start()

    def _build_all(self) -> None:
        for scene in list(self.scenes.values()):
            scene.build_unless_begun()

    @contextmanager
    def taken(self, build: Callable[[Any], T]) -> Iterator[Scene[T]]:
        """The scene of ``build`` for a module's tests; its servers are stopped when they are done."""
        scene: Scene[T] = self.scenes.get(build) or self.add(build)
        try:
            yield scene
        finally:
            scene.done.wait(BUILD_TIMEOUT)  # a build still running would start servers after the stop
            self.spawners[build].close()

    def close(self) -> None:
        """Stop every scene's servers (the last resort: each module's are stopped when it is done)."""
        for spawn in self.spawners.values():
            spawn.close()
