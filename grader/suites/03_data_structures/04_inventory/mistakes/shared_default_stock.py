"""Mistake: keeps a stock={} default, so every inventory made without stock shares one dict.

Hint: A default like stock={} is created once and shared by every inventory. Use stock=None and make
a new dict inside __init__.
"""


class Inventory:
    def __init__(self, stock={}):  # noqa: B006 - the mistake this variant models
        for item, quantity in stock.items():
            check(item, quantity)
        self._counts = stock

    def add(self, item, quantity):
        check(item, quantity)
        self._counts[item] = self._counts.get(item, 0) + quantity

    def remove(self, item, quantity):
        check(item, quantity)
        have = self._counts.get(item, 0)
        if quantity > have:
            raise ValueError(f"only {have} {item} in stock, cannot remove {quantity}")
        if quantity == have:
            del self._counts[item]
        else:
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
