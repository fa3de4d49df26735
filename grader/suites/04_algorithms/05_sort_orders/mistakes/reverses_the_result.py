"""Mistake: sorts totals ascending and reverses the list, which also reverses the order of ties.

Hint: Ties must keep their input order: use reverse=True rather than reversing the whole result.
"""


def sort_orders(orders):
    by_total = sorted(orders, key=lambda order: order["total"])
    by_total.reverse()
    return sorted(by_total, key=lambda order: order["customer"].casefold())
