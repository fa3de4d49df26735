"""Mistake: a linear search, correct but looking at every item."""


def find_first(numbers, target):
    for position, number in enumerate(numbers):
        if number == target:
            return position
    return -1
