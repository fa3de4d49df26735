"""Returned values that are the learner's own state are known as such, and a suite's change reaches them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.course.manifest import Course
from grader.feedback.expectations import Call, Mismatch, call
from tests.helpers import learner_folder

STORE = """
HISTORY = []


class Store:
    def __init__(self):
        self._tasks = {}
        self._cache = {}

    def add(self, title):
        task = {"id": len(self._tasks) + 1, "title": title}
        self._tasks[task["id"]] = task
        HISTORY.append(title)
        return task

    def get(self, task_id):
        return self._tasks[task_id]

    def get_copy(self, task_id):
        return dict(self._tasks[task_id])

    def remember(self, key, value):
        self._cache[key] = (1.0, value)
        return value

    def all(self):
        return list(self._tasks.values())


def history():
    return HISTORY


def first(items):
    return items[:1]
"""


@pytest.fixture
def store(mini_course: Course) -> Iterator[LearnerModule]:
    session = LearnerSession(learner_folder(mini_course, {"store.py": STORE}), ["store"], call_timeout=5.0)
    yield LearnerModule(session, "store")
    session.close()


def shared_places(record: Call) -> list[tuple[list, str]]:
    return [(entry["path"], entry["where"]) for entry in record.shared_parts()]


def test_the_worker_names_where_a_returned_value_is_kept(store: LearnerModule) -> None:
    repo = store.Store()
    assert shared_places(call(repo.add, "a")) == [([], "self._tasks[1]")]
    assert shared_places(call(repo.get_copy, 1)) == []
    assert shared_places(call(repo.all)) == [([0], "self._tasks[1]")]
    assert shared_places(call(repo.remember, "k", {"x": 1})) == [([], "self._cache['k'][1]")]
    assert shared_places(call(store.history)) == [([], "HISTORY")]
    assert shared_places(call(store.first, [{"id": 1}])) == [([0], "argument:items[0]")]


def test_returns_copy_fails_a_shared_value_and_passes_a_copy(store: LearnerModule) -> None:
    repo = store.Store()
    call(repo.add, "a")
    call(repo.get_copy, 1).returns_copy({"id": 1, "title": "a"})
    with pytest.raises(Mismatch) as failed:
        call(repo.get, 1).returns_copy(
            {"id": 1, "title": "a"}, "a caller who changes it changes the stored task"
        )
    assert failed.value.detail["diagnosis"] == "shared_state"
    assert failed.value.detail["summary"] == (
        "Called Store().get(1) after add('a'), get_copy(1); it returned your code's own dict "
        "(the one kept in self._tasks[1]), not a copy: a caller who changes it changes the stored task"
    )


def test_a_change_to_a_shared_value_reaches_the_learners_state(store: LearnerModule) -> None:
    """As in-process: t = repo.get(1); t["title"] = "x" changes the stored task."""
    store._session.shared.at_once = True  # as a plain suite's session
    repo = store.Store()
    repo.add("a")
    task = repo.get(1)
    task["title"] = "changed"
    assert repo.get_copy(1) == {"id": 1, "title": "changed"}
    copy = repo.get_copy(1)
    copy["title"] = "not stored"
    assert repo.get_copy(1) == {"id": 1, "title": "changed"}
