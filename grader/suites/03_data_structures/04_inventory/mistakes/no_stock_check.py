"""Mistake: remove never compares with what is in stock, so counts go negative.

Hint: Compare the quantity with what is in stock before you change anything, and raise ValueError
saying how many there are.
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
        left = self._counts.get(item, 0) - quantity
        if left == 0:
            del self._counts[item]
        else:
            self._counts[item] = left

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
