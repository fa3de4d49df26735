"""Mistake: rounds the sale price to the nearest cent with round() instead of down.

Hint: Round down with integer division: price * (100 - percent) // 100.
"""


def discounted(cart, percent):
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    return [{**item, "price": round(item["price"] * (100 - percent) / 100)} for item in cart]


def cart_total(cart):
    return sum(item["price"] * item["quantity"] for item in cart)
