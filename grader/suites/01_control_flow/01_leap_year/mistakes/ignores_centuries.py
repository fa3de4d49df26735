"""Mistake: only checks divisibility by 4 and forgets the century rules."""


def leap_year(year: int) -> bool:
    return year % 4 == 0
