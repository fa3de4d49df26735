"""Mistake: sorts totals ascending and reverses the list, which also reverses the order of ties."""


def sort_orders(orders):
    by_total = sorted(orders, key=lambda order: order["total"])
    by_total.reverse()
    return sorted(by_total, key=lambda order: order["customer"].casefold())
