"""Mistake: items() returns the inventory's own dict, so a caller can change the stock past every check."""


class Inventory:
    """Counts of items in stock; every count is a positive int, and empty items are not listed."""

    def __init__(self, stock: dict[str, int] | None = None) -> None:
        """Start empty, or with a copy of ``stock`` (each entry checked like add)."""
        # None, not {}, as the default: a {} default would be one dict shared by every inventory.
        self._counts: dict[str, int] = {}
        for item, quantity in (stock or {}).items():
            self.add(item, quantity)

    def add(self, item: str, quantity: int) -> None:
        """Add ``quantity`` of ``item``; TypeError for wrong types, ValueError unless quantity > 0."""
        _check_change(item, quantity)
        self._counts[item] = self._counts.get(item, 0) + quantity

    def remove(self, item: str, quantity: int) -> None:
        """Take ``quantity`` of ``item`` away; ValueError, changing nothing, if there are not enough."""
        _check_change(item, quantity)
        have = self.count(item)
        if quantity > have:
            raise ValueError(f"only {have} {item} in stock, cannot remove {quantity}")
        if quantity == have:
            del self._counts[item]  # nothing left: not listed, rather than listed as 0
        else:
            self._counts[item] = have - quantity

    def count(self, item: str) -> int:
        """Return how many of ``item`` are in stock (0 if none)."""
        return self._counts.get(item, 0)

    def items(self) -> dict[str, int]:
        """Return every item in stock and its count."""
        return self._counts

    def total(self) -> int:
        """Return how many units are in stock altogether."""
        return sum(self._counts.values())

    def __repr__(self) -> str:
        """Return how the inventory is shown, such as Inventory({'apple': 3})."""
        return f"Inventory({self._counts!r})"


def _check_change(item: object, quantity: object) -> None:
    """Refuse an item that is not a str and a quantity that is not a positive int."""
    if not isinstance(item, str):
        raise TypeError(f"item must be a str, got {item!r}")
    if type(quantity) is not int:  # bool is a subclass of int; True is not a quantity
        raise TypeError(f"quantity must be an int, got {quantity!r}")
    if quantity <= 0:
        raise ValueError(f"quantity must be more than 0, got {quantity}")
