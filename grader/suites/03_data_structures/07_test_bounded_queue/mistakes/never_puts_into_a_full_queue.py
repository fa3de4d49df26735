"""Mistake: checks is_full() but never puts into a full queue, so dropping items when full passes."""

import pytest
from bounded_queue import BoundedQueue


def test_fifo():
    queue = BoundedQueue(3)
    for item in "abc":
        queue.put(item)
    assert [queue.take(), queue.take(), queue.take()] == ["a", "b", "c"]


def test_full():
    queue = BoundedQueue(2)
    queue.put("a")
    queue.put("b")
    assert queue.is_full()
    assert len(queue) == 2


def test_capacity_1():
    queue = BoundedQueue(1)
    queue.put("a")
    assert queue.is_full()


def test_empty():
    with pytest.raises(IndexError):
        BoundedQueue(2).take()
    with pytest.raises(IndexError):
        BoundedQueue(2).peek()


def test_peek():
    queue = BoundedQueue(2)
    queue.put("a")
    assert queue.peek() == "a"
    assert queue.take() == "a"


def test_capacity_0():
    with pytest.raises(ValueError):
        BoundedQueue(0)
