"""Mistake: calls heapq.heapify(numbers), which reorders the caller's list in place.

Hint: The list you were given changed: sort() and heapq.heapify() work in place. Work on a copy, or
use sorted() or heapq.nlargest(), which leave it alone.
"""

import heapq


def k_largest(numbers, k):
    if type(k) is not int:
        raise TypeError(f"k must be a whole number, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    heapq.heapify(numbers)
    return heapq.nlargest(k, numbers)
