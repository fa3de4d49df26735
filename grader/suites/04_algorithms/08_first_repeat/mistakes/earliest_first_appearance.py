"""Mistake: returns the repeated item that appeared first, not the one repeated first.

Hint: The answer is the item whose second appearance comes first, not the item that appeared first.
Return as soon as you meet an item you have already seen.
"""


def first_repeat(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    counts = {}
    for item in items:
        counts[item] = counts.get(item, 0) + 1
    for item, count in counts.items():
        if count > 1:
            return item
    return None
