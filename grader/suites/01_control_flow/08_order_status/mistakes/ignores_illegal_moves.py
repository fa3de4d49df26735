"""Mistake: silently keeps the current status on an illegal move instead of raising an error.

Hint: Only the moves in the table are allowed. For anything else raise ValueError; do not return the
old status.
"""

MOVES = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "cancel"): "cancelled",
    ("shipped", "deliver"): "delivered",
}


def next_status(current: str, event: str) -> str:
    if current not in {"new", "paid", "shipped", "delivered", "cancelled"}:
        raise ValueError(f"unknown status {current!r}")
    if event not in {"pay", "ship", "deliver", "cancel"}:
        raise ValueError(f"unknown event {event!r}")
    return MOVES.get((current, event), current)


def status_after(events: list[str]) -> str:
    status = "new"
    for event in events:
        status = next_status(status, event)
    return status
