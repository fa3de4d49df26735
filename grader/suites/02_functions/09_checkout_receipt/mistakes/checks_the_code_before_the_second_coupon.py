"""Mistake: checks the coupon's code before checking it is the second coupon, so the errors change order.

Hint: in the starter, a second coupon line is refused as a second coupon before its code is read:
"coupon,BULK" then "coupon,BOGUS" gives "line 2: only one coupon per order", not "unknown coupon
'BOGUS'". Keep the checks in the starter's order; when two rules could both refuse a line, the
first one in the starter decides the message.
"""

from __future__ import annotations

from collections.abc import Callable

SHIPPING_CENTS = 499
FREE_SHIPPING_FROM_CENTS = 5000
BULK_MIN_ITEMS = 10
CENTS_PER_EURO = 100


Coupon = Callable[[int, int], int]  # (subtotal, item count) -> discount, all in cents


def percent_off(percent: int, min_items: int = 0) -> Coupon:
    """A coupon taking ``percent`` off (rounded down to the cent) from orders of ``min_items`` or more."""

    def discount(subtotal: int, item_count: int) -> int:
        return subtotal * percent // 100 if item_count >= min_items else 0

    return discount


def amount_off(cents: int) -> Coupon:
    """A coupon taking a fixed amount off, never more than the order is worth."""

    def discount(subtotal: int, item_count: int) -> int:
        return min(cents, subtotal)

    return discount


# A dispatch table: a new coupon is one new line here, not one more elif.
COUPONS = {
    "SAVE10": percent_off(10),
    "FIVEOFF": amount_off(500),
    "BULK": percent_off(15, min_items=BULK_MIN_ITEMS),
}


def receipt(order_text: str) -> str:
    """Return the receipt for an order, one line per item, then the totals."""
    if not isinstance(order_text, str):
        raise TypeError(f"order must be text, got {type(order_text).__name__}")
    items, coupon = parse_order(order_text)
    subtotal, discount, shipping = compute_totals(items, coupon)
    return format_receipt(items, coupon, subtotal, discount, shipping)


def parse_order(order_text: str) -> tuple[list[tuple[str, int, int]], str | None]:
    """Split the text into (name, quantity, price) items and an optional coupon code."""
    items: list[tuple[str, int, int]] = []
    coupon = None
    for number, line in enumerate(order_text.splitlines(), start=1):
        fields = [field.strip() for field in line.split(",")]
        if fields == [""]:
            continue
        if fields[0] == "coupon":
            code = parse_coupon(number, fields)  # the code is read before the count is checked
            if coupon is not None:
                raise ValueError(f"line {number}: only one coupon per order")
            coupon = code
        else:
            items.append(parse_item(number, line, fields))
    if not items:
        raise ValueError("the order has no items")
    return items, coupon


def parse_coupon(number: int, fields: list[str]) -> str:
    """The coupon code on a line such as 'coupon, SAVE10'."""
    if len(fields) != 2:
        raise ValueError(f"line {number}: expected coupon,CODE")
    code = fields[1].upper()
    if code not in COUPONS:
        raise ValueError(f"line {number}: unknown coupon {code!r}")
    return code


def parse_item(number: int, line: str, fields: list[str]) -> tuple[str, int, int]:
    """One item line, such as 'apple, 3, 50': name, quantity above 0, price in cents."""
    if len(fields) != 3:
        raise ValueError(f"line {number}: expected name,quantity,price_cents, got {line.strip()!r}")
    name, quantity, price = fields
    if not name:
        raise ValueError(f"line {number}: the item needs a name")
    if not quantity.isdigit() or int(quantity) == 0:
        raise ValueError(f"line {number}: quantity must be a whole number above 0, got {quantity!r}")
    if not price.isdigit():
        raise ValueError(f"line {number}: price must be a whole number of cents, got {price!r}")
    return name, int(quantity), int(price)


def compute_totals(items: list[tuple[str, int, int]], coupon: str | None) -> tuple[int, int, int]:
    """Subtotal, discount and shipping, in cents."""
    subtotal = sum(quantity * price for _, quantity, price in items)
    item_count = sum(quantity for _, quantity, _ in items)
    discount = COUPONS[coupon](subtotal, item_count) if coupon else 0
    shipping = 0 if subtotal - discount >= FREE_SHIPPING_FROM_CENTS else SHIPPING_CENTS
    return subtotal, discount, shipping


def format_receipt(
    items: list[tuple[str, int, int]], coupon: str | None, subtotal: int, discount: int, shipping: int
) -> str:
    """The receipt's lines, joined with newlines."""
    lines = [
        f"{quantity} x {name} @ {euros(price)} = {euros(quantity * price)}" for name, quantity, price in items
    ]
    lines.append(f"subtotal {euros(subtotal)}")
    if coupon:
        lines.append(f"discount -{euros(discount)} ({coupon})")
    lines.append(f"shipping {euros(shipping)}")
    lines.append(f"total {euros(subtotal - discount + shipping)}")
    return "\n".join(lines)


def euros(cents: int) -> str:
    """Cents as euros with two decimals: 1050 -> '10.50'."""
    return f"{cents // CENTS_PER_EURO}.{cents % CENTS_PER_EURO:02d}"
