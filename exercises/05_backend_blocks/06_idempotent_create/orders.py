"""Idempotency keys: a retried create returns the first result instead of creating twice."""

from __future__ import annotations


class IdempotencyKeyReused(ValueError):
    """The key was already used by this customer for a different request."""


class OrderService:
    """Creates orders; a create repeated with the same idempotency key happens once."""

    def __init__(self) -> None:
        # TODO: the orders by id, and what you remember about each key.
        raise NotImplementedError

    def create_order(
        self, customer: str, item: str, quantity: int, idempotency_key: str | None = None
    ) -> dict:
        """Create an order, or return the one this key already created."""
        raise NotImplementedError

    def orders(self) -> list[dict]:
        """Return every order, oldest first."""
        raise NotImplementedError
