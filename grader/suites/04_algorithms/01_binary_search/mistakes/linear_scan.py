"""Mistake: a linear search, correct but looking at every item.

Hint: Halve the range at every step: look at the middle item and keep only the half that can hold
it.
"""


def find_first(numbers, target):
    for position, number in enumerate(numbers):
        if number == target:
            return position
    return -1
