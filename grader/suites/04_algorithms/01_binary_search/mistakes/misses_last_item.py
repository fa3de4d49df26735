"""Mistake: high starts at len(numbers) - 1 with `while low < high`, so the last item is never checked.

Hint: Start with high = len(numbers), one past the end, so the last position is searched too.
"""


def find_first(numbers, target):
    low, high = 0, len(numbers) - 1
    while low < high:
        middle = (low + high) // 2
        if numbers[middle] < target:
            low = middle + 1
        else:
            high = middle
    if numbers and low < len(numbers) - 1 and numbers[low] == target:
        return low
    return -1
