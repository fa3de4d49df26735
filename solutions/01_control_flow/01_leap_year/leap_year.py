"""Leap years: decide whether a year has 366 days (reference solution)."""


def leap_year(year: int) -> bool:
    """Return True if ``year`` is a leap year in the Gregorian calendar, else False.

    A year divisible by 4 is a leap year, except a year divisible by 100,
    except a year divisible by 400.
    """
    # Test the most specific rule first. Each later line can then assume the
    # earlier ones did not match, so every line reads as one plain rule and
    # no condition needs "and not".
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    # A comparison already is a bool: return it rather than writing
    # "if ...: return True else: return False".
    return year % 4 == 0
