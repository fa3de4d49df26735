"""Mistake: prints an error message and returns None instead of raising ValueError."""

MOVES = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "cancel"): "cancelled",
    ("shipped", "deliver"): "delivered",
}


def next_status(current: str, event: str) -> str:
    if current not in {"new", "paid", "shipped", "delivered", "cancelled"}:
        print(f"unknown status {current!r}")
        return None
    if event not in {"pay", "ship", "deliver", "cancel"}:
        print(f"unknown event {event!r}")
        return None
    if (current, event) not in MOVES:
        print(f"cannot {event} an order that is {current}")
        return None
    return MOVES[(current, event)]


def status_after(events: list[str]) -> str:
    status = "new"
    for event in events:
        status = next_status(status, event)
    return status
