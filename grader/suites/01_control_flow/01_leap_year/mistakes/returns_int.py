"""Mistake: returns 1 or 0 instead of True or False.

Hint: Return True or False themselves, not 1 and 0 or the text 'True'.
"""


def leap_year(year: int) -> bool:
    if year % 400 == 0:
        return 1
    if year % 100 == 0:
        return 0
    if year % 4 == 0:
        return 1
    return 0
