"""The most frequent item of a list, ties going to the one seen first."""

from collections import Counter


def most_frequent(items: list) -> object:
    """Return the item that appears most often; on a tie, the one that appears first."""
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    if not items:
        raise ValueError("most_frequent() needs at least one item")
    counts = Counter(items)  # one pass over the list
    # A Counter keeps its keys in order of first appearance, and max() returns the
    # first of several equal maxima: together they give the tie rule.
    return max(counts, key=counts.__getitem__)
