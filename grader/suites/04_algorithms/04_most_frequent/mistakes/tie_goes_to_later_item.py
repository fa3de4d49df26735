"""Mistake: compares counts with >=, so on a tie the item seen later wins.

Hint: On a tie, keep the item you met first: replace your best only when a count is strictly larger
(>), not equal.
"""


def most_frequent(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    if not items:
        raise ValueError("most_frequent() needs at least one item")
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    best, best_count = None, 0
    for item, count in counts.items():
        if count >= best_count:
            best, best_count = item, count
    return best
