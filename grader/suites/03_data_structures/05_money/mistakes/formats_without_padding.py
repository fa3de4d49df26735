"""Mistake: formats with cents // 100 and cents % 100, so 5 cents shows as 0.5 and negatives go wrong.

Hint: units, cents = divmod(abs(self.cents), 100) splits the amount; write the cents with two digits
({cents:02d}) and put a '-' in front for a negative amount.
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
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def format(self):
        return f"{self.cents // 100}.{self.cents % 100} {self.currency}"


def count_distinct(amounts):
    return len(set(amounts))
