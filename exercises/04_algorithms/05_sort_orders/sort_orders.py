"""Sort orders by customer (ignoring case), then by total, largest first."""


def sort_orders(orders: list[dict]) -> list[dict]:
    """Return a new list of the orders: by customer A-Z, then total high to low, ties in input order."""
    raise NotImplementedError
