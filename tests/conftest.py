"""Shared fixtures for the grading engine's own tests.

Every test works on a copy of ``tests/fixtures/mini_course`` under ``tmp_path``:
grading writes progress to ``<course>/.grader/`` and the suite-id cache,
temporary run folders and the CLI's error log are all redirected under pytest's
temporary folders, so nothing is written anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from tests.helpers import copy_course, isolate

# The mini course's hidden suites are test_*.py files too: they are data, not tests of ours.
collect_ignore = ["fixtures"]


@pytest.fixture(scope="session")
def suite_id_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One suite-id cache for the whole session: collecting a suite once is enough."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, suite_id_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every write of the engine under pytest's temporary folders."""
    yield isolate(tmp_path, suite_id_cache, monkeypatch)


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A fresh copy of the mini course, as a folder."""
    return copy_course(tmp_path / "course")


@pytest.fixture
def mini_course(course_dir: Path) -> Course:
    """A fresh copy of the mini course, loaded."""
    return load_course(course_dir)
