"""Mistake: returns as soon as the middle item matches, which is not always the first match.

Hint: When numbers[middle] equals the target, there may be more targets to its left: keep searching
the left half instead of returning.
"""


def find_first(numbers, target):
    low, high = 0, len(numbers) - 1
    while low <= high:
        middle = (low + high) // 2
        if numbers[middle] == target:
            return middle
        if numbers[middle] < target:
            low = middle + 1
        else:
            high = middle - 1
    return -1
