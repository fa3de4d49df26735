"""Mistake: accepts any iterable, so a string is counted letter by letter instead of refused.

Hint: Check type(items) is list at the start and raise TypeError otherwise.
"""

from collections import Counter


def most_frequent(items):
    if not items:
        raise ValueError("most_frequent() needs at least one item")
    counts = Counter(items)
    return max(counts, key=counts.__getitem__)
