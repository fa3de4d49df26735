"""Mistake: subtracts first and checks afterwards, so a refused remove leaves a negative count behind.

Hint: Check everything first and change the counts last: a refused change must leave the inventory
exactly as it was.
"""


class Inventory:
    def __init__(self, stock=None):
        self._counts = {}
        for item, quantity in (stock or {}).items():
            self.add(item, quantity)

    def add(self, item, quantity):
        check(item, quantity)
        self._counts[item] = self._counts.get(item, 0) + quantity

    def remove(self, item, quantity):
        check(item, quantity)
        self._counts[item] = self._counts.get(item, 0) - quantity
        if self._counts[item] < 0:
            raise ValueError(
                f"only {self._counts[item] + quantity} {item} in stock, cannot remove {quantity}"
            )
        if self._counts[item] == 0:
            del self._counts[item]

    def count(self, item):
        return self._counts.get(item, 0)

    def items(self):
        return dict(self._counts)

    def total(self):
        return sum(self._counts.values())

    def __repr__(self):
        return f"Inventory({self._counts!r})"


def check(item, quantity):
    if not isinstance(item, str) or type(quantity) is not int:
        raise TypeError("item must be a str and quantity an int")
    if quantity <= 0:
        raise ValueError(f"quantity must be more than 0, got {quantity}")
