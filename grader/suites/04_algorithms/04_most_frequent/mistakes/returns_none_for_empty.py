"""Mistake: returns None for an empty list instead of raising ValueError.

Hint: Check for an empty list first and raise ValueError: there is no answer to return.
"""


def most_frequent(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    if not counts:
        return None
    return max(counts, key=counts.__getitem__)
