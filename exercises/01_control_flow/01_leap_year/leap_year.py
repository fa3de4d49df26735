"""Leap years: decide whether a year has 366 days."""


def leap_year(year: int) -> bool:
    """Return True if ``year`` is a leap year in the Gregorian calendar, else False.

    A year divisible by 4 is a leap year, except a year divisible by 100,
    except a year divisible by 400.
    """
    # TODO: apply the three rules and return True or False.
    raise NotImplementedError
