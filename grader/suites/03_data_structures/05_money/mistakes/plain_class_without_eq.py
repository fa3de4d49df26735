"""Mistake: a plain class with only __init__: == compares identity and repr shows a memory address.

Hint: Two Money objects with the same cents and currency must be equal (@dataclass writes __eq__ for
you), and to go in a set they must be hashable too: use @dataclass(frozen=True).
"""


class Money:
    def __init__(self, cents, currency):
        if type(cents) is not int:
            raise TypeError(f"cents must be an int, got {cents!r}")
        if not (
            isinstance(currency, str) and len(currency) == 3 and currency.isalpha() and currency.isupper()
        ):
            raise ValueError(f"currency must be three capital letters, got {currency!r}")
        self.cents = cents
        self.currency = currency

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
