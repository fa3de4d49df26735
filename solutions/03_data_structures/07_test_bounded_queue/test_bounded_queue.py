"""Tests for BoundedQueue: order, capacity on both sides of the limit, empty queues, bad capacities.

Reference solution. Each test makes one claim, and its name says which. The
capacity is tested exactly at the limit and one past it, because that is
where a > that should have been >= hides; and after a refused put, the test
checks that nothing was lost, because "refused" must mean "changed nothing".
"""

import pytest
from bounded_queue import BoundedQueue


def filled(capacity, items):
    """A queue of the given capacity with the items put in, in order."""
    queue = BoundedQueue(capacity)
    for item in items:
        queue.put(item)
    return queue


# Order: first in, first out.


def test_take_returns_the_oldest_item_first():
    queue = filled(3, ["a", "b", "c"])
    assert [queue.take(), queue.take(), queue.take()] == ["a", "b", "c"]


def test_items_put_after_a_take_wait_behind_the_others():
    queue = filled(2, ["a", "b"])
    queue.take()
    queue.put("c")
    assert [queue.take(), queue.take()] == ["b", "c"]


# Capacity: exactly `capacity` items fit, and not one more.


def test_a_queue_holds_exactly_its_capacity():
    queue = filled(3, ["a", "b"])
    assert not queue.is_full()
    queue.put("c")
    assert len(queue) == 3
    assert queue.is_full()


def test_a_queue_of_capacity_1_holds_one_item():
    queue = filled(1, ["only"])
    assert queue.is_full()
    assert queue.take() == "only"


def test_put_on_a_full_queue_is_refused():
    queue = filled(2, ["a", "b"])
    with pytest.raises(OverflowError, match="full"):
        queue.put("c")


def test_a_refused_put_keeps_every_item():
    queue = filled(2, ["a", "b"])
    with pytest.raises(OverflowError):
        queue.put("c")
    assert len(queue) == 2
    assert [queue.take(), queue.take()] == ["a", "b"]


# Empty queues, and peek.


def test_a_new_queue_is_empty():
    queue = BoundedQueue(2)
    assert len(queue) == 0
    assert not queue.is_full()


def test_take_on_an_empty_queue_is_refused():
    with pytest.raises(IndexError, match="queue is empty"):
        BoundedQueue(2).take()


def test_peek_on_an_empty_queue_is_refused():
    with pytest.raises(IndexError, match="queue is empty"):
        BoundedQueue(2).peek()


def test_peek_shows_the_oldest_item_without_removing_it():
    queue = filled(3, ["a", "b"])
    assert queue.peek() == "a"
    assert len(queue) == 2
    assert queue.take() == "a"


# Construction.


@pytest.mark.parametrize("capacity", [0, -1])
def test_a_capacity_below_1_is_refused(capacity):
    with pytest.raises(ValueError, match="at least 1"):
        BoundedQueue(capacity)
