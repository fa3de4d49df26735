"""Mistake: finds any match by halving, then walks left one item at a time to the first.

Hint: Walking left from a match is slow when most items are the target: keep halving instead.
"""


def find_first(numbers, target):
    low, high = 0, len(numbers) - 1
    while low <= high:
        middle = (low + high) // 2
        if numbers[middle] == target:
            while middle > 0 and numbers[middle - 1] == target:
                middle -= 1
            return middle
        if numbers[middle] < target:
            low = middle + 1
        else:
            high = middle - 1
    return -1
