"""Mistake: returns the k largest in ascending order, smallest first.

Hint: Return them largest first: heapq.nlargest does, and so does sorted(..., reverse=True).
"""


def k_largest(numbers, k):
    if type(k) is not int:
        raise TypeError(f"k must be a whole number, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    return sorted(numbers)[len(numbers) - min(k, len(numbers)) :]
