"""Mistake: handles centuries but forgets that years divisible by 400 are leap years."""


def leap_year(year: int) -> bool:
    if year % 100 == 0:
        return False
    return year % 4 == 0
