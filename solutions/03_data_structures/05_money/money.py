"""Money: an amount in whole cents and a currency, compared by value (reference solution).

@dataclass writes __init__, __repr__ and __eq__ from the fields; frozen=True
makes the fields read-only and adds __hash__, so equal amounts can share a
set. Cents are an int because floats cannot hold most decimal fractions exactly.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    """An amount of money in whole cents, in one currency such as "EUR"."""

    cents: int
    currency: str

    def __post_init__(self) -> None:
        """Refuse cents that are not an int (TypeError) and a currency that is not like "EUR" (ValueError)."""
        if type(self.cents) is not int:  # bool is a subclass of int; True is not an amount
            raise TypeError(f"cents must be an int, got {self.cents!r}")
        if not _is_currency_code(self.currency):
            raise ValueError(f"currency must be three capital letters such as 'EUR', got {self.currency!r}")

    def plus(self, other: "Money") -> "Money":
        """Return a new Money with both amounts added; ValueError for different currencies."""
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}")
        return Money(self.cents + other.cents, self.currency)

    def format(self) -> str:
        """Return the amount as text, such as "12.50 EUR" or "-0.05 EUR"."""
        sign = "-" if self.cents < 0 else ""
        units, cents = divmod(abs(self.cents), 100)
        return f"{sign}{units}.{cents:02d} {self.currency}"


def _is_currency_code(code: object) -> bool:
    """Tell whether ``code`` is three capital letters A-Z, such as "EUR"."""
    return isinstance(code, str) and len(code) == 3 and code.isascii() and code.isalpha() and code.isupper()


def count_distinct(amounts: list[Money]) -> int:
    """Return how many different amounts (same cents and currency count once) are in the list."""
    return len(set(amounts))  # the set uses Money's __hash__ and __eq__
