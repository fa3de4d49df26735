"""Mistake: never checks the type, so a string is read letter by letter.

Hint: Check type(items) is list first and raise TypeError for anything else.
"""


def first_repeat(items):
    seen = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None
