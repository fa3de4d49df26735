"""Mistake: plus adds the cents without comparing currencies, so dollars are added to euros.

Hint: Compare the currencies first and raise ValueError naming both, such as 'cannot add USD to
EUR'.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str

    def __post_init__(self):
        if type(self.cents) is not int:
            raise TypeError(f"cents must be an int, got {self.cents!r}")
        code = self.currency
        if not (isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()):
            raise ValueError(f"currency must be three capital letters, got {code!r}")

    def plus(self, other):
        return Money(self.cents + other.cents, self.currency)

    def format(self):
        sign = "-" if self.cents < 0 else ""
        units, cents = divmod(abs(self.cents), 100)
        return f"{sign}{units}.{cents:02d} {self.currency}"


def count_distinct(amounts):
    return len(set(amounts))
