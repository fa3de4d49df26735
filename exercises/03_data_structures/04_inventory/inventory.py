"""Inventory: stock counts that can never go invalid."""


class Inventory:
    """Counts of items in stock; every count is a positive int, and empty items are not listed."""

    def __init__(self, stock: dict[str, int] | None = None) -> None:
        """Start empty, or with a copy of ``stock`` (each entry checked like add)."""
        # TODO: a new dict of counts; add each entry of stock through self.add.
        raise NotImplementedError

    def add(self, item: str, quantity: int) -> None:
        """Add ``quantity`` of ``item``; TypeError for wrong types, ValueError unless quantity > 0."""
        raise NotImplementedError

    def remove(self, item: str, quantity: int) -> None:
        """Take ``quantity`` of ``item`` away; ValueError, changing nothing, if there are not enough."""
        raise NotImplementedError

    def count(self, item: str) -> int:
        """Return how many of ``item`` are in stock (0 if none)."""
        raise NotImplementedError

    def items(self) -> dict[str, int]:
        """Return a new dict of every item in stock and its count."""
        raise NotImplementedError

    def total(self) -> int:
        """Return how many units are in stock altogether."""
        raise NotImplementedError

    def __repr__(self) -> str:
        """Return how the inventory is shown, such as Inventory({'apple': 3})."""
        raise NotImplementedError
