"""Mistake: sorts the caller's list in place with .sort() and returns it.

Hint: orders.sort() reorders the caller's list: use sorted(orders, ...), which returns a new one.
"""


def sort_orders(orders):
    orders.sort(key=lambda order: order["total"], reverse=True)
    orders.sort(key=lambda order: order["customer"].casefold())
    return orders
