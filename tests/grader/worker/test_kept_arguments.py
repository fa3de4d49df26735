"""Large arguments cross once and are then named by key (grader/worker/kept_arguments.py).

Unit tests of both sides, then a real worker: a value must reach learner code
exactly as the test holds it at each call, whatever learner code or the test
did to it in between.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.course.manifest import Course
from grader.testkit import call
from grader.worker import kept_arguments, wire
from grader.worker.kept_arguments import HeldArguments, SentArguments, StaleArgument
from tests.helpers import learner_folder

BIG = list(range(100))


def no_refs(value: Any) -> None:
    return None


def test_snapshot_finds_a_change_anywhere_by_identity() -> None:
    value = [{"a": [1, 2]}, ([3], 4), {5, 6}]
    changes = [
        lambda v: v[0]["a"].append(3),
        lambda v: v[0].update(a=[1, 2]),  # an equal list, but another one
        lambda v: v[1][0].clear(),
        lambda v: (v[2].discard(5), v[2].add(5.0)),  # 5 == 5.0, yet the type changed
        lambda v: v.reverse(),
    ]
    for change in changes:
        fresh = json.loads(json.dumps(value[:2])) + [{5, 6}]
        fresh[1] = ([3], 4)
        pairs = wire.snapshot(fresh)
        assert all(map(wire.unchanged, pairs))
        change(fresh)
        assert not all(map(wire.unchanged, pairs)), change


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: rows[5].update(n=5.0),  # equal, but a float now
        lambda rows: rows[7].update(extra=1),
        lambda rows: rows[2].update(tags=list(rows[2]["tags"])),  # an equal list, another object
        lambda rows: rows[9]["tags"].append("x"),
        lambda rows: (rows[3].pop("n"), rows[3].update(n=3)),  # the same items, in another order
        lambda rows: (rows[1].pop("n"), rows[4].update(m=1)),  # lengths move between dicts
        lambda rows: rows.insert(0, rows.pop()),
    ],
)
def test_many_containers_are_checked_at_once_as_strictly_as_one_by_one(change: Any) -> None:
    rows = [{"n": i, "tags": [f"t{i}"]} for i in range(12)]
    pairs = wire.snapshot(rows)
    assert wire.all_unchanged(pairs) and all(map(wire.unchanged, pairs))
    change(rows)
    assert not wire.all_unchanged(pairs)
    assert not all(map(wire.unchanged, pairs))


def test_a_dict_whose_keys_were_reordered_has_changed() -> None:
    value = {"a": 1, "b": 2}
    pairs = wire.snapshot(value)
    value["a"] = value.pop("a")
    assert not all(map(wire.unchanged, pairs))


def test_the_second_call_with_an_unchanged_argument_sends_its_key() -> None:
    sent = SentArguments(wire)
    first = sent.encode(BIG, no_refs)
    assert first[wire.TAG] == "keep" and first["v"][1] == BIG
    assert sent.encode(BIG, no_refs) == {wire.TAG: "kept", "v": first["v"][0]}
    assert sent.encode(list(BIG), no_refs)[wire.TAG] == "keep"  # an equal list is another argument


def test_an_argument_the_test_changed_is_sent_again_and_its_old_key_forgotten() -> None:
    sent = SentArguments(wire)
    rows = [{"n": i} for i in range(20)]
    key = sent.encode(rows, no_refs)["v"][0]
    rows[3]["n"] = 99
    again = sent.encode(rows, no_refs)
    assert again[wire.TAG] == "keep" and again["v"][1][3] == {"n": 99}
    assert sent.encode_call((), {}, no_refs)["forget"] == [key]


def test_small_arguments_cross_as_values_and_the_oldest_are_forgotten() -> None:
    sent = SentArguments(wire)
    assert sent.encode([1, 2], no_refs) == [1, 2]
    values = [list(range(20)) for _ in range(kept_arguments.MAX_KEPT + 2)]
    keys = [sent.encode(value, no_refs)["v"][0] for value in values]
    assert sent.encode_call((), {}, no_refs)["forget"] == keys[:2]
    assert sent.encode(values[0], no_refs)[wire.TAG] == "keep"


def test_the_worker_side_refuses_a_held_value_changed_since_it_was_kept() -> None:
    held = HeldArguments(wire)
    value = held.keep(1, [[1], [2]] * 10)
    assert held.get(1) is value
    kept_by_learner = value[0]
    kept_by_learner.append(5)  # learner code kept a reference and used it later
    with pytest.raises(StaleArgument):
        held.get(1)
    with pytest.raises(StaleArgument):
        held.get(1)  # and it stays forgotten until it is sent again


def test_a_call_that_changed_a_held_argument_makes_the_worker_forget_it() -> None:
    held = HeldArguments(wire)
    value = held.keep(7, list(range(20)))
    before = held.snapshot((value,), {})
    value.sort(reverse=True)  # in the call, with no reference kept afterwards
    assert not all(map(wire.unchanged, before))
    held.forget_values((value,))
    with pytest.raises(StaleArgument):
        held.get(7)


LEARNER = """\
STORED = []


def total(numbers):
    return sum(numbers)


def first_row(rows):
    return rows[0]


def remember(numbers):
    STORED.append(numbers)


def spoil_remembered():
    STORED[-1][0] = 1000


def spoil_now(rows):
    rows[0]["n"] = -1
    return 0
"""


@pytest.fixture
def learner(mini_course: Course) -> Iterator[LearnerModule]:
    folder = learner_folder(mini_course, {"kept.py": LEARNER})
    session = LearnerSession(folder, ["kept"], call_timeout=5.0)
    yield LearnerModule(session, "kept")
    session.close()


def test_learner_code_that_changes_a_kept_argument_later_cannot_spoil_the_next_call(
    learner: LearnerModule,
) -> None:
    numbers = list(range(50))
    call(learner.total, numbers).returns(1225)
    call(learner.remember, numbers).returns(None)
    call(learner.spoil_remembered).returns(None)
    call(learner.total, numbers).returns(1225)


def test_a_call_that_changes_its_argument_is_caught_and_the_next_call_gets_the_original(
    learner: LearnerModule,
) -> None:
    rows = [{"n": i} for i in range(30)]
    for _ in range(3):  # held by the worker, and found unchanged there, before it is spoiled
        call(learner.first_row, rows).returns({"n": 0})
    changed = call(learner.spoil_now, rows)
    with pytest.raises(AssertionError, match="changed"):
        changed.left_arguments_unchanged()
    call(learner.first_row, rows).returns({"n": 0})


def test_a_change_the_test_makes_between_calls_reaches_the_learner(learner: LearnerModule) -> None:
    numbers = list(range(50))
    call(learner.total, numbers).returns(1225)
    numbers[0] = 100
    call(learner.total, numbers).returns(1325)
    numbers.append(1)
    call(learner.total, numbers).returns(1326)


def test_an_item_moved_into_the_next_list_is_a_change() -> None:
    lists: list[list[int]] = [[i] for i in range(10)] + [[]]
    pairs = wire.snapshot(lists)
    lists[10].append(lists[9].pop())  # every item in the same order, but in other lists
    assert not wire.all_unchanged(pairs)
