"""Mistake: puts one item in each queue, so first-in-first-out is never told apart from a stack."""

import pytest
from bounded_queue import BoundedQueue


def test_put_then_take():
    queue = BoundedQueue(3)
    queue.put("a")
    assert queue.take() == "a"


def test_capacity_1_is_full_after_one_put():
    queue = BoundedQueue(1)
    queue.put("a")
    assert queue.is_full()
    with pytest.raises(OverflowError):
        queue.put("b")
    assert queue.take() == "a"


def test_peek_keeps_the_item():
    queue = BoundedQueue(3)
    queue.put("a")
    assert queue.peek() == "a"
    assert len(queue) == 1


def test_empty_queue():
    with pytest.raises(IndexError):
        BoundedQueue(3).take()
    with pytest.raises(IndexError):
        BoundedQueue(3).peek()


def test_capacity_0_is_refused():
    with pytest.raises(ValueError):
        BoundedQueue(0)
