"""The first item seen for a second time."""


def first_repeat(items: list) -> object:
    """Return the first item that appears a second time, reading left to right, or None."""
    raise NotImplementedError
