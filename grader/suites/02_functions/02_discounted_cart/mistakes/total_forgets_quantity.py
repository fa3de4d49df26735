"""Mistake: cart_total adds up the prices and forgets to multiply by the quantity.

Hint: Each item counts price * quantity toward the total.
"""


def discounted(cart, percent):
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    return [{**item, "price": item["price"] * (100 - percent) // 100} for item in cart]


def cart_total(cart):
    return sum(item["price"] for item in cart)
