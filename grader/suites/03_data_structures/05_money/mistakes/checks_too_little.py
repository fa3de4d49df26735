"""Mistake: checks isinstance(cents, int) and only the currency's length, so True and 'eur' get in.

Hint: In __post_init__, check type(self.cents) is int (a bool or a float is refused) and that the
currency is a str of three capital letters.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    cents: int
    currency: str

    def __post_init__(self):
        if not isinstance(self.cents, int):
            raise TypeError(f"cents must be an int, got {self.cents!r}")
        code = self.currency
        if not (isinstance(code, str) and len(code) == 3):
            raise ValueError(f"currency must be three capital letters, got {code!r}")

    def plus(self, other):
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def format(self):
        sign = "-" if self.cents < 0 else ""
        units, cents = divmod(abs(self.cents), 100)
        return f"{sign}{units}.{cents:02d} {self.currency}"


def count_distinct(amounts):
    return len(set(amounts))
