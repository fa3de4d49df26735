"""The suite-id cache is a hint: rewriting it never changes a grade or breaks the next check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from grader.course.manifest import Course
from grader.pipeline import suite_ids
from grader.pipeline.warm import PytestServer, warm_pytest
from tests.helpers import LEAP_YEAR, grade_text


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own, and no ids remembered in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(suite_ids, "_KNOWN", {})
    return tmp_path / "cache" / "backend-path" / "suite-ids"


def cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


@pytest.mark.parametrize(
    "forged",
    [
        "not json",
        '["suite/test_leap_year.py::test_century"]',  # the old shape: a bare list
        None,  # the right shape, with one id missing
    ],
    ids=["garbage", "old-shape", "one-id-missing"],
)
def test_a_rewritten_cache_costs_a_collection_not_a_grade(
    mini_course: Course, own_cache: Path, monkeypatch: pytest.MonkeyPatch, forged: str | None
) -> None:
    assert grade_text(mini_course, "leap-year", LEAP_YEAR).status == "passed"
    [cache] = cached_files(own_cache)
    good = json.loads(cache.read_text(encoding="utf-8"))
    if forged is None:
        forged = json.dumps({"suite": good["suite"], "ids": good["ids"][1:]})
    cache.write_text(forged, encoding="utf-8")
    monkeypatch.setattr(suite_ids, "_KNOWN", {})  # as a new `grader check` process would start
    feedback = grade_text(mini_course, "leap-year", LEAP_YEAR)
    assert feedback.status == "passed", feedback.error
    assert len(feedback.tests) == 4
    assert json.loads(cache.read_text(encoding="utf-8")) == good  # repaired


def test_a_cache_entry_for_another_suite_is_not_used(mini_course: Course, own_cache: Path) -> None:
    grade_text(mini_course, "leap-year", LEAP_YEAR)
    [cache] = cached_files(own_cache)
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["suite"] = "0" * 24
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert suite_ids.read_cache(cache.stem) is None


def test_collections_in_a_warm_block_run_on_its_one_server(
    mini_course: Course, own_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release counts every suite: one pytest imported once, not a new one per suite."""
    served: list[int] = []
    run = PytestServer.run

    def counted(self: PytestServer, *args: Any, **kwargs: Any) -> int | None:
        served.append(self.process.pid)
        return run(self, *args, **kwargs)

    monkeypatch.setattr(PytestServer, "run", counted)
    with warm_pytest():
        for exercise in mini_course.exercises:
            assert suite_ids.expected_test_ids(mini_course, exercise, None)
    assert len(served) == len(mini_course.exercises) > 1
    assert len(set(served)) == 1
