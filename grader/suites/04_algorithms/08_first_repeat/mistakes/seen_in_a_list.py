"""Mistake: keeps the items seen in a list, so every `in` reads all of them.

Hint: Keep what you have seen in a set: `item in seen` is then one step. On a list, `in` reads the
list from the start each time.
"""


def first_repeat(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    seen = []
    for item in items:
        if item in seen:
            return item
        seen.append(item)
    return None
