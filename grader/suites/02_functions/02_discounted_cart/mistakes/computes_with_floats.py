"""Mistake: computes the sale price with floats, price * (1 - percent / 100), and cuts off the decimals.

Hint: 1 - 80 / 100 is 0.19999999999999996 in floating point, so 1000 cents at 80% off come out as
199, not 200. Stay with whole numbers all the way: price * (100 - percent) // 100.
"""


def discounted(cart, percent):
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    return [{**item, "price": int(item["price"] * (1 - percent / 100))} for item in cart]


def cart_total(cart):
    return sum(item["price"] * item["quantity"] for item in cart)
