"""Mistake: mutates the input, writing the totals into the list it was given."""


def running_totals(numbers: list[int]) -> list[int]:
    for i in range(1, len(numbers)):
        numbers[i] = numbers[i] + numbers[i - 1]
    return numbers
