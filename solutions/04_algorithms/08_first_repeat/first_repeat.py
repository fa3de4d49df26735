"""The first item seen for a second time."""


def first_repeat(items: list) -> object:
    """Return the first item that appears a second time, reading left to right, or None."""
    if type(items) is not list:
        raise TypeError(f"items must be a list, got {type(items).__name__}")
    seen = set()  # `item in seen` is one step for a set, a full read for a list
    for item in items:
        if item in seen:
            return item
        seen.add(item)
    return None
