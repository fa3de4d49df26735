"""Mistake: halves the range but sets low = middle, so once low and high are neighbours the loop never ends.

Hint: When the middle item is too small, the first target is after it: set low = middle + 1, or
low and high can stop moving and the loop never ends.
"""


def find_first(numbers: list[int], target: int) -> int:
    """Return the index of the first ``target`` in the sorted ``numbers``, or -1."""
    # The answer always lies in numbers[low:high]; each turn halves that range.
    # `high` starts at len(numbers), one past the end, so the last item is searched too.
    low, high = 0, len(numbers)
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle  # the first target is to the right of middle
        else:
            high = middle  # middle may be the first target: keep it in range
    # low is now where target is, or where it would be inserted.
    if low < len(numbers) and numbers[low] == target:
        return low
    return -1
