"""Binary search: the position of the first target in a sorted list."""


def find_first(numbers: list[int], target: int) -> int:
    """Return the index of the first ``target`` in the sorted ``numbers``, or -1."""
    raise NotImplementedError
