"""Mistake: never checks the type, so a string is read letter by letter."""


def first_repeat(items):
    seen = set()
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None
