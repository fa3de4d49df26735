"""Mistake: add checks only the types, so add('apple', -5) takes stock away and can make it negative.

Hint: A quantity must be more than 0 for add and for remove: adding -5 would be a remove that skips
your stock check.
"""


class Inventory:
    def __init__(self, stock=None):
        self._counts = {}
        for item, quantity in (stock or {}).items():
            self.add(item, quantity)

    def add(self, item, quantity):
        if not isinstance(item, str) or type(quantity) is not int:
            raise TypeError("item must be a str and quantity an int")
        self._counts[item] = self._counts.get(item, 0) + quantity

    def remove(self, item, quantity):
        if not isinstance(item, str) or type(quantity) is not int:
            raise TypeError("item must be a str and quantity an int")
        if quantity <= 0:
            raise ValueError(f"quantity must be more than 0, got {quantity}")
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
