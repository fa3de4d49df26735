"""Mistake: missing edge case, lets any order be cancelled, even one already shipped or delivered.

Hint: cancel is allowed only from new and paid: a shipped, delivered or cancelled order cannot be
cancelled.
"""


def next_status(current: str, event: str) -> str:
    if current not in ("new", "paid", "shipped", "delivered", "cancelled"):
        raise ValueError(f"unknown status {current!r}")
    if event not in ("pay", "ship", "deliver", "cancel"):
        raise ValueError(f"unknown event {event!r}")
    if event == "cancel":
        return "cancelled"
    if current == "new" and event == "pay":
        return "paid"
    if current == "paid" and event == "ship":
        return "shipped"
    if current == "shipped" and event == "deliver":
        return "delivered"
    raise ValueError(f"cannot {event} an order that is {current}")


def status_after(events: list[str]) -> str:
    status = "new"
    for event in events:
        status = next_status(status, event)
    return status
