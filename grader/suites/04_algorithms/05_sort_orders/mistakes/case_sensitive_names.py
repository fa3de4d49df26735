"""Mistake: compares names as they are, so every capitalised name sorts before every lowercase one.

Hint: Compare names with .casefold() (or .lower()) in the key, so 'bob' and 'Bob' are the same
customer.
"""


def sort_orders(orders):
    by_total = sorted(orders, key=lambda order: order["total"], reverse=True)
    return sorted(by_total, key=lambda order: order["customer"])
