"""Merge several sorted lists into one sorted list."""


def merge_sorted(streams: list[list[int]]) -> list[int]:
    """Return every item of the sorted ``streams`` in one sorted list."""
    raise NotImplementedError
