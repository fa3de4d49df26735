"""Mistake: keeps the result list as a default argument, so it carries over between calls.

Hint: Start your list and your total inside the function body, so each call begins from scratch. A
default value like totals=[] is created only once and shared.
"""


def running_totals(numbers: list[int], totals: list[int] = []) -> list[int]:  # noqa: B006
    total = 0
    for number in numbers:
        total += number
        totals.append(total)
    return totals
