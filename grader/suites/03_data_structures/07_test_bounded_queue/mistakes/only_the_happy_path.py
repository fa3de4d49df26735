"""Mistake: tests only putting and taking a few items, never a full or an empty queue."""

from bounded_queue import BoundedQueue


def test_put_and_take():
    queue = BoundedQueue(5)
    queue.put("a")
    queue.put("b")
    assert queue.take() == "a"
    assert queue.take() == "b"


def test_length():
    queue = BoundedQueue(5)
    queue.put("a")
    assert len(queue) == 1
