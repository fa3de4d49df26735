"""Mistake: copies the list with list(cart) but changes the caller's item dicts inside it.

Hint: list(cart) copies the list, not the dicts inside it. Build a new dict per item: {**item,
'price': new_price}.
"""


def discounted(cart, percent):
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    new_cart = list(cart)
    for item in new_cart:
        item["price"] = item["price"] * (100 - percent) // 100
    return new_cart


def cart_total(cart):
    return sum(item["price"] * item["quantity"] for item in cart)
