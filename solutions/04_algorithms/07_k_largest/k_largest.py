"""The k largest numbers of a list, largest first."""

import heapq


def k_largest(numbers: list[int], k: int) -> list[int]:
    """Return the ``k`` largest of ``numbers``, largest first."""
    # bool is a kind of int in Python, so it must be refused by name.
    if type(k) is not int:
        raise TypeError(f"k must be a whole number, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    # One pass, keeping a heap of the k best so far; the result is largest first.
    return heapq.nlargest(k, numbers)
