"""Bug: reports the queue full, and refuses put(), one item before the capacity.

A planted-bug version of bounded_queue.py for the test-bounded-queue exercise:
the learner's tests must fail on it. Apart from this docstring, only that
one line differs from correct/bounded_queue.py.
"""

from collections import deque


class BoundedQueue:
    """A first-in, first-out queue that holds at most ``capacity`` items.

    - ``BoundedQueue(capacity)``: capacity must be an int of at least 1,
      otherwise ValueError("capacity must be at least 1, got ...").
    - ``put(item)``: add an item at the back; when the queue is full, raise
      OverflowError("queue is full (capacity ...)") and keep every item.
    - ``take()``: remove and return the oldest item; IndexError("queue is empty")
      when there is none.
    - ``peek()``: return the oldest item without removing it; IndexError("queue
      is empty") when there is none.
    - ``len(queue)``: how many items are waiting; ``is_full()``: whether put
      would be refused.
    """

    def __init__(self, capacity: int) -> None:
        if type(capacity) is not int or capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity!r}")
        self._capacity = capacity
        self._items: deque[object] = deque()

    def put(self, item: object) -> None:
        if self.is_full():
            raise OverflowError(f"queue is full (capacity {self._capacity})")
        self._items.append(item)

    def take(self) -> object:
        if not self._items:
            raise IndexError("queue is empty")
        return self._items.popleft()

    def peek(self) -> object:
        if not self._items:
            raise IndexError("queue is empty")
        return self._items[0]

    def __len__(self) -> int:
        return len(self._items)

    def is_full(self) -> bool:
        return len(self._items) >= self._capacity - 1
