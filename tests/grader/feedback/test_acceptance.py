"""returns() accepts what Python calls equal with the same types, subclasses of containers included."""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict, namedtuple

import pytest

from grader.feedback.acceptance import accepted
from grader.feedback.expectations import Mismatch, call


def test_subclasses_of_the_expected_container_are_accepted() -> None:
    assert accepted(OrderedDict(a=1), {"a": 1})
    assert accepted(Counter({"word": 2}), {"word": 2})
    assert accepted(defaultdict(list, a=[1]), {"a": [1]})
    assert accepted(namedtuple("Point", "x y")(1, 2), (1, 2))
    assert accepted([OrderedDict(a=1)], [{"a": 1}])  # nested too


def test_values_inside_must_still_have_the_same_types() -> None:
    assert not accepted(OrderedDict(a=1.0), {"a": 1})
    assert not accepted(OrderedDict(a=True), {"a": 1})
    assert not accepted(True, 1)  # bool is a subclass of int, but not a container
    assert not accepted((1, 2), [1, 2])
    assert not accepted(OrderedDict(a=1), {"a": 1}, exact_type=True)


def test_a_defaultdict_is_read_without_making_up_keys() -> None:
    counts: defaultdict[str, int] = defaultdict(int, a=1)
    assert not accepted(counts, {"a": 1, "b": 0})
    assert dict(counts) == {"a": 1}


def test_returns_accepts_an_ordered_dict_unless_the_exact_type_is_asked() -> None:
    call(lambda: OrderedDict(a=1)).returns({"a": 1})
    with pytest.raises(Mismatch) as failed:
        call(lambda: OrderedDict(a=1)).returns({"a": 1}, exact_type="the README asks for a plain dict")
    assert failed.value.detail["summary"].endswith("(the README asks for a plain dict)")
    assert failed.value.detail["diagnosis"] == "wrong_type"


def test_returns_copy_in_process_sees_the_objects_own_dict() -> None:
    class Repo:
        def __init__(self) -> None:
            self._tasks = {1: {"id": 1}}

        def get(self, task_id: int) -> dict:
            return self._tasks[task_id]

    with pytest.raises(Mismatch) as failed:
        call(Repo().get, 1).returns_copy({"id": 1})
    assert "your code's own dict (the one kept in self._tasks[1])" in failed.value.detail["summary"]
    call(lambda: {"id": 1}).returns_copy({"id": 1})
