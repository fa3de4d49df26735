"""Mistake: expects None from take() on an empty queue (the docstring says IndexError)."""

from bounded_queue import BoundedQueue


def test_take_returns_oldest():
    queue = BoundedQueue(3)
    queue.put("a")
    queue.put("b")
    assert queue.take() == "a"


def test_empty_take_gives_none():
    assert BoundedQueue(3).take() is None
