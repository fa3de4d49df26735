"""What a plain suite holds for a module attribute that could not be read, or not read yet."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from grader.plain.values import Pending, Unreadable


class Why(Exception):
    """The reason a value could not be read."""


def test_every_everyday_use_of_an_unreadable_value_says_why() -> None:
    value: Any = Unreadable("LIMIT", Why("no LIMIT"))  # its special methods are set on the class
    uses = [
        lambda: value == 3,
        lambda: value > 3,
        lambda: value + 1,
        lambda: 1 + value,
        lambda: len(value),
        lambda: 2 in value,
        lambda: value[0],
        lambda: bool(value),
        lambda: value.items,
        lambda: value(),
        lambda: isinstance(1, value),
    ]
    for use in uses:
        with pytest.raises(Why, match="no LIMIT"):
            use()
    assert repr(value) == "<LIMIT from the learner's module>"


def test_calling_an_unreadable_name_still_reaches_the_fallback() -> None:
    value: Any = Unreadable("add", Why("missing"), lambda *args: sum(args))
    assert value(2, 3) == 5
    with pytest.raises(Why):
        _ = value.real


def test_a_pending_name_is_read_when_first_used() -> None:
    reads = []

    def read() -> object:
        reads.append(1)
        return [5, 6] if len(reads) > 1 else 7

    later: Any = Pending("SIZES", Why("not loaded"), read)
    assert later + 1 == 8
    assert later == [5, 6] and 5 in later and len(later) == 2
    assert len(reads) == 4  # read again at each use: never held stale


def test_a_pending_name_that_still_cannot_be_read_says_why() -> None:
    def read() -> object:
        return later

    later: Any = Pending("LIMIT", Why("read it inside a test"), read)
    with pytest.raises(Why, match="inside a test"):
        later * 2
    with pytest.raises(pytest.fail.Exception, match="needs learner files to call LIMIT"):
        later()


def test_setting_an_attribute_of_a_pending_name_changes_the_value_it_stands_for() -> None:
    held = SimpleNamespace(owner="ann")
    later: Any = Pending("SAMPLE", Why("not loaded"), lambda: held)
    later.owner = "bo"
    assert held.owner == "bo" and later.owner == "bo"
    del later.owner
    assert not hasattr(held, "owner")
    unreadable: Any = Unreadable("SAMPLE", Why("no SAMPLE"))
    with pytest.raises(Why):
        unreadable.owner = "cy"
