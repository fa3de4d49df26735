"""Mistake: takes max() and removes it from a copy, k times: each round scans the whole list.

Hint: Do not take max() and remove it k times: each time reads the whole list. heapq.nlargest(k,
numbers) reads it once.
"""


def k_largest(numbers, k):
    if type(k) is not int:
        raise TypeError(f"k must be a whole number, got {type(k).__name__}")
    if k < 0:
        raise ValueError(f"k must be 0 or more, got {k}")
    left = list(numbers)
    best = []
    while left and len(best) < k:
        largest = max(left)
        left.remove(largest)
        best.append(largest)
    return best
