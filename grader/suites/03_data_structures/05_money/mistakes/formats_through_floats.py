"""Mistake: formats the amount through a float, f"{cents / 100:.2f}", against "use integer arithmetic".

Hint: cents / 100 is a float, and a float holds only about 16 digits: 9007199254740993 cents come
out as 90071992547409.94 instead of .93. Split the amount with whole numbers instead:
units, cents = divmod(abs(self.cents), 100).
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
        return f"{self.cents / 100:.2f} {self.currency}"


def count_distinct(amounts):
    return len(set(amounts))
