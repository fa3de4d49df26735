"""Mistake: mutates the input, writing the totals into the list it was given.

Hint: Create a new empty list inside the function and append to it, instead of writing into the list
you were given.
"""


def running_totals(numbers: list[int]) -> list[int]:
    for i in range(1, len(numbers)):
        numbers[i] = numbers[i] + numbers[i - 1]
    return numbers
