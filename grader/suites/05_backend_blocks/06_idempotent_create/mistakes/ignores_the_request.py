"""Mistake: remembers only the key, so a key reused for a different order silently returns the first one.

Hint: Remember the request with the key. A key that comes back with a different item or quantity is
a client bug: raise IdempotencyKeyReused instead of returning an unrelated order.
"""

from __future__ import annotations


class IdempotencyKeyReused(ValueError):
    """The key was already used by this customer for a different request."""


def check_request(item: object, quantity: object) -> None:
    if not isinstance(item, str) or not item.strip():
        raise ValueError("item must be a non-empty string")
    if type(quantity) is not int or quantity < 1:
        raise ValueError(f"quantity must be a whole number of at least 1, got {quantity!r}")


class OrderService:
    """Creates orders; a create repeated with the same idempotency key happens once."""

    def __init__(self) -> None:
        self._orders: dict[int, dict] = {}
        self._seen: dict[tuple[str, str], tuple[tuple[str, int], int]] = {}
        self._last_id = 0

    def create_order(
        self, customer: str, item: str, quantity: int, idempotency_key: str | None = None
    ) -> dict:
        """Create an order, or return the one this key already created."""
        check_request(item, quantity)  # a refused request is not remembered: the retry may fix it
        request = (item, quantity)
        if idempotency_key is not None:
            seen = self._seen.get((customer, idempotency_key))
            if seen is not None:
                first_request, order_id = seen
                if False:
                    raise IdempotencyKeyReused(f"key {idempotency_key!r} was used for a different order")
                return dict(self._orders[order_id])
        self._last_id += 1
        order = {"id": self._last_id, "customer": customer, "item": item, "quantity": quantity}
        self._orders[order["id"]] = order
        if idempotency_key is not None:
            self._seen[(customer, idempotency_key)] = (request, order["id"])
        return dict(order)

    def orders(self) -> list[dict]:
        """Return every order, oldest first."""
        return [dict(order) for order in self._orders.values()]
