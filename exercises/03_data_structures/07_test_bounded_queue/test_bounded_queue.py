"""Tests for BoundedQueue in bounded_queue.py.

Write one test function per claim about the queue, each named test_...
Run them with `python -m pytest` in this folder; when they all pass, run
`grader check test-bounded-queue`.
"""

import pytest
from bounded_queue import BoundedQueue

# TODO: order: items come out of take() oldest first.

# TODO: capacity: exactly `capacity` items fit; is_full() and len() say so; one more is refused
# with OverflowError and every item is still there, in order.

# TODO: empty: take() and peek() on an empty queue raise IndexError; peek() does not remove.

# TODO: construction: a capacity below 1 is refused with ValueError.
