"""Mistake: asks whether items[i] is in items[:i]: a slice copied and read on every turn.

Hint: Keep what you have seen in a set: `item in seen` is then one step. On a list, `in` reads the
list from the start each time.
"""


def first_repeat(items):
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    for i in range(len(items)):
        if items[i] in items[:i]:
            return items[i]
    return None
