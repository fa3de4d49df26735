"""Mistake: only checks divisibility by 4 and forgets the century rules.

Hint: A year divisible by 100 is not a leap year unless it also divides by 400.
"""


def leap_year(year: int) -> bool:
    return year % 4 == 0
