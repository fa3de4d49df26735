"""Mistake: adds refunds at their full value; the original took the big-order discount off refunds too.

Hint: A refactor keeps every output exactly as it was: refunds of a big order took the discount off
too.
"""

from collections import Counter

COUNTED = {"paid", "shipped"}  # orders whose money the shop keeps
STATUSES = COUNTED | {"cancelled", "refunded"}
BIG_ORDER_CENTS = 10_000  # orders worth this much or more get a discount
BIG_ORDER_PERCENT_PAID = 95  # ... and pay 95% of their value, rounded down
TOP_SKUS = 3
QUANTITY_PROBLEM = "quantity must be a whole number of at least 1"
PRICE_PROBLEM = "price must be a whole number of cents, 0 or more"


def summarise(orders: list[dict]) -> dict:
    """Return the week's summary: spending per customer, best-selling SKUs, cancellations, refunds."""
    seen: set[int] = set()
    for order in orders:
        check_order(order, seen)
        seen.add(order["id"])
    counted = [order for order in orders if order["status"] in COUNTED]
    return {
        "customers": spending_by_customer(counted),
        "top_skus": top_skus(counted),
        "cancelled": sorted(o["id"] for o in orders if o["status"] == "cancelled"),
        "refunded_cents": sum(
            quantity * price
            for o in orders
            if o["status"] == "refunded"
            for _sku, quantity, price in o["lines"]
        ),
    }


def check_order(order: dict, seen: set[int]) -> None:
    """Raise ValueError naming the order when its id repeats, its status is unknown or a line is bad."""
    order_id = order["id"]
    if order_id in seen:
        raise ValueError(f"order {order_id}: duplicate id")
    if order["status"] not in STATUSES:
        raise ValueError(f"order {order_id}: unknown status {order['status']!r}")
    for _sku, quantity, price in order["lines"]:
        for value, lowest, problem in ((quantity, 1, QUANTITY_PROBLEM), (price, 0, PRICE_PROBLEM)):
            if type(value) is not int or value < lowest:
                raise ValueError(f"order {order_id}: {problem}")


def order_value(order: dict) -> int:
    """Return what the customer pays for an order, in cents, after the big-order discount."""
    value = sum(quantity * price for _sku, quantity, price in order["lines"])
    if value >= BIG_ORDER_CENTS:
        value = value * BIG_ORDER_PERCENT_PAID // 100
    return value


def spending_by_customer(counted: list[dict]) -> dict[str, dict[str, int]]:
    """Return {customer: {"orders": how many, "spent_cents": how much}} for the counted orders."""
    customers: dict[str, dict[str, int]] = {}
    for order in counted:
        entry = customers.setdefault(order["customer"], {"orders": 0, "spent_cents": 0})
        entry["orders"] += 1
        entry["spent_cents"] += order_value(order)
    return customers


def top_skus(counted: list[dict]) -> list[tuple[str, int]]:
    """Return the best-selling SKUs by units, most first, ties by SKU, at most TOP_SKUS of them."""
    units: Counter[str] = Counter()
    for order in counted:
        for sku, quantity, _price in order["lines"]:
            units[sku] += quantity
    ranked = sorted(units.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:TOP_SKUS]
