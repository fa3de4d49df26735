"""Mistake: stores a count of 0 when an item runs out, so items() still lists it.

Hint: When a count reaches 0, delete the item from your dict (del counts[item]) instead of storing
0.
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
        have = self._counts.get(item, 0)
        if quantity > have:
            raise ValueError(f"only {have} {item} in stock, cannot remove {quantity}")
        self._counts[item] = have - quantity

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
