"""Mistake: checks k with isinstance(k, int), which lets True and False through as 1 and 0.

Hint: Check type(k) is int: isinstance(True, int) is True, so a bool needs the exact check.
"""

import heapq


def k_largest(numbers, k):
    if not isinstance(k, int):
        raise TypeError(f"k must be a whole number, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    return heapq.nlargest(k, numbers)
