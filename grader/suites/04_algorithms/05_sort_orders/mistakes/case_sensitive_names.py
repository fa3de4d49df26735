"""Mistake: compares names as they are, so every capitalised name sorts before every lowercase one."""


def sort_orders(orders):
    by_total = sorted(orders, key=lambda order: order["total"], reverse=True)
    return sorted(by_total, key=lambda order: order["customer"])
