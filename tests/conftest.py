"""Shared fixtures for the grading engine's own tests.

Every test works on a copy of ``tests/fixtures/mini_course`` under ``tmp_path``:
grading writes progress to ``<course>/.grader/`` and the suite-id cache,
temporary run folders and the CLI's error log are all redirected under pytest's
temporary folders, so nothing is written anywhere else.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from tests.helpers import copy_course

# The mini course's hidden suites are test_*.py files too: they are data, not tests of ours.
collect_ignore = ["fixtures"]


@pytest.fixture(scope="session")
def suite_id_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One suite-id cache for the whole session: collecting a suite once is enough."""
    return tmp_path_factory.mktemp("xdg-cache")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, suite_id_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every write of the engine under pytest's temporary folders."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(suite_id_cache))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.delenv("GRADER_COURSE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    yield scratch


@pytest.fixture
def course_dir(tmp_path: Path) -> Path:
    """A fresh copy of the mini course, as a folder."""
    return copy_course(tmp_path / "course")


@pytest.fixture
def mini_course(course_dir: Path) -> Course:
    """A fresh copy of the mini course, loaded."""
    return load_course(course_dir)
