"""Money: an amount in whole cents and a currency, compared by value."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Money:
    """An amount of money in whole cents, in one currency such as "EUR"."""

    cents: int
    currency: str

    def __post_init__(self) -> None:
        """Refuse cents that are not an int (TypeError) and a currency that is not like "EUR" (ValueError)."""
        # TODO: check both fields.
        raise NotImplementedError

    def plus(self, other: "Money") -> "Money":
        """Return a new Money with both amounts added; ValueError for different currencies."""
        raise NotImplementedError

    def format(self) -> str:
        """Return the amount as text, such as "12.50 EUR" or "-0.05 EUR"."""
        raise NotImplementedError


def count_distinct(amounts: list[Money]) -> int:
    """Return how many different amounts (same cents and currency count once) are in the list."""
    raise NotImplementedError
