"""Mistake: off by one, records the total before adding the current number.

Hint: Add the number to the total first, then append the total to your list.
"""


def running_totals(numbers: list[int]) -> list[int]:
    totals = []
    total = 0
    for number in numbers:
        totals.append(total)
        total += number
    return totals
