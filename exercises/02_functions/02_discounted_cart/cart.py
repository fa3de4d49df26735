"""Discounts on a shopping cart, as pure functions: new values out, nothing changed.

A cart is a list of items; an item is a dict such as
{"name": "apple", "price": 50, "quantity": 3} (price in cents, for one).
"""


def discounted(cart: list[dict], percent: int) -> list[dict]:
    """Return a new cart with every price reduced by ``percent``, rounded down to the cent.

    The cart you are given, and every item in it, must be left exactly as it was.
    Raise TypeError if percent is not an int, ValueError if it is not between 0 and 100.
    """
    raise NotImplementedError


def cart_total(cart: list[dict]) -> int:
    """Return what the cart costs in cents: each price times its quantity, added up."""
    raise NotImplementedError
