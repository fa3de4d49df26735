"""Mistake: builds new items from scratch and loses every key but name, price and quantity.

Hint: Copy every key of the item, not only name and price: {**item, 'price': ...}.
"""


def discounted(cart, percent):
    if type(percent) is not int:
        raise TypeError(f"percent must be an int, got {type(percent).__name__}")
    if not 0 <= percent <= 100:
        raise ValueError(f"percent must be between 0 and 100, got {percent}")
    return [
        {"name": i["name"], "price": i["price"] * (100 - percent) // 100, "quantity": i["quantity"]}
        for i in cart
    ]


def cart_total(cart):
    return sum(item["price"] * item["quantity"] for item in cart)
