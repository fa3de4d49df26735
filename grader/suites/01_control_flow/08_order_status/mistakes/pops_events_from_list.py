"""Mistake: mutates the input, emptying the events list by popping from it while replaying.

Hint: Loop over the list with for; do not pop or remove items from it.
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
    if (current, event) not in MOVES:
        raise ValueError(f"cannot {event} an order that is {current}")
    return MOVES[(current, event)]


def status_after(events: list[str]) -> str:
    status = "new"
    while events:
        status = next_status(status, events.pop(0))
    return status
