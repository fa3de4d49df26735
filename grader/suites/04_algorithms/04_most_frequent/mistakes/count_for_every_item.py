"""Mistake: calls items.count(x) for every item: correct, but each count scans the whole list.

Hint: Count everything in one pass with a dict (or collections.Counter), then pick the largest
count. items.count(x) inside a loop reads the whole list once per item.
"""


def most_frequent(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    if not items:
        raise ValueError("most_frequent() needs at least one item")
    best, best_count = items[0], 0
    for item in items:
        count = items.count(item)
        if count > best_count:
            best, best_count = item, count
    return best
