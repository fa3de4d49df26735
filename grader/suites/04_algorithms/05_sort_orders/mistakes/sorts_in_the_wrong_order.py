"""Mistake: sorts by customer first and by total second, so the total decides the whole order.

Hint: Sort by total first, then by customer: the second sort keeps the first one's order inside each
customer.
"""


def sort_orders(orders):
    by_customer = sorted(orders, key=lambda order: order["customer"].casefold())
    return sorted(by_customer, key=lambda order: order["total"], reverse=True)
