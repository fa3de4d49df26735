"""The capstone suite's scenes: built once, in the background, each failure kept for its tests."""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SUITE = Path(__file__).resolve().parents[3] / "grader" / "suites" / "projects" / "task-api"


@pytest.fixture
def scene() -> Iterator[ModuleType]:
    sys.path.insert(0, str(SUITE))
    try:
        yield importlib.import_module("_scene")
    finally:
        sys.path.remove(str(SUITE))
        sys.modules.pop("_scene", None)


class Spawner:
    """Records what a scene asked of it, and whether it was closed."""

    def __init__(self, name: str, closed: list[str]) -> None:
        self.name = name
        self.closed = closed

    def __call__(self, db_path: Any = None) -> str:
        return f"server of {self.name}"

    def close(self) -> None:
        self.closed.append(self.name)


def test_a_scene_is_built_once_on_another_thread_and_read_by_every_test(scene: ModuleType) -> None:
    threads: list[str] = []

    def build(spawn: Any) -> str:
        threads.append(threading.current_thread().name)
        time.sleep(0.05)
        return spawn()

    closed: list[str] = []
    scenes = scene.Scenes([build], lambda name: Spawner(name, closed))
    scenes.start()
    with scenes.taken(build) as built:
        assert built.get() == "server of build"
        assert built.get() == "server of build"
        assert closed == []  # the module's tests are still reading it
    assert closed == ["build"]
    assert len(threads) == 1 and threads[0] != threading.current_thread().name


def test_a_scene_not_begun_is_built_by_the_first_test_that_reads_it(scene: ModuleType) -> None:
    calls: list[str] = []
    built = scene.Scene(lambda spawn: calls.append(threading.current_thread().name) or 7, None)
    assert built.get() == 7 and built.get() == 7
    assert calls == [threading.current_thread().name]


def test_a_failed_build_fails_every_test_that_reads_it(scene: ModuleType) -> None:
    def build(spawn: Any) -> None:
        raise AssertionError("the server did not start")

    failing = scene.Scene(build, None)
    for _ in range(2):
        with pytest.raises(AssertionError, match="did not start"):
            failing.get()


def test_each_settled_part_keeps_its_own_outcome(scene: ModuleType) -> None:
    def broken() -> int:
        raise ValueError("progress went down")

    good, bad = scene.settled(lambda: 3), scene.settled(broken)
    assert good() == 3
    with pytest.raises(ValueError, match="progress went down"):
        bad()


def test_builds_are_registered_per_module_and_taken_in_the_tests_order(scene: ModuleType) -> None:
    def first(spawn: Any) -> None: ...

    def second(spawn: Any) -> None: ...

    first.__module__, second.__module__ = "test_late", "test_early"
    scene.in_background(first)
    scene.in_background(second)
    assert scene.registered(["test_early", "test_late", "test_early", "test_none"]) == [second, first]


def test_a_module_imported_again_replaces_its_builds(scene: ModuleType) -> None:
    def restart(spawn: Any) -> None: ...

    def restart_again(spawn: Any) -> None: ...

    restart.__module__ = restart_again.__module__ = "test_twice"
    restart_again.__qualname__ = restart.__qualname__
    scene.in_background(restart)
    scene.in_background(restart_again)  # the same build, from the module's second import
    assert scene.registered(["test_twice"]) == [restart_again]
