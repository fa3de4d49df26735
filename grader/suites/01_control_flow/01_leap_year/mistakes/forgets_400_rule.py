"""Mistake: handles centuries but forgets that years divisible by 400 are leap years.

Hint: The 400 rule overrides the 100 rule: check year % 400 before you rule out centuries.
"""


def leap_year(year: int) -> bool:
    if year % 100 == 0:
        return False
    return year % 4 == 0
