"""Sort orders by customer (ignoring case), then by total, largest first."""


def sort_orders(orders: list[dict]) -> list[dict]:
    """Return a new list of the orders: by customer A-Z, then total high to low, ties in input order."""
    # Python's sort is stable: equal items keep their order. So sort by the least
    # important field first, then by the most important one. reverse=True keeps
    # stability too (ties are not flipped). sorted() returns a new list.
    by_total = sorted(orders, key=lambda order: order["total"], reverse=True)
    return sorted(by_total, key=lambda order: order["customer"].casefold())
