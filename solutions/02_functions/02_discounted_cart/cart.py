"""Discounts on a shopping cart, as pure functions: new values out, nothing changed."""


def discounted(cart: list[dict], percent: int) -> list[dict]:
    """Return a new cart with every price reduced by ``percent``, rounded down to the cent."""
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    # {**item, ...} is a new dict: the caller's items stay as they were.
    return [{**item, "price": item["price"] * (100 - percent) // 100} for item in cart]


def cart_total(cart: list[dict]) -> int:
    """Return what the cart costs in cents: each price times its quantity, added up."""
    return sum(item["price"] * item["quantity"] for item in cart)
