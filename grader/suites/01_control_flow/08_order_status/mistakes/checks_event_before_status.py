"""Mistake: checks the event before the status, so an unknown status and event is blamed on the event.

Hint: Check that the status is one of the five known ones before anything else.
"""

# The whole state machine is this table: (current status, event) -> next
# status. Keeping the rules as data in one place means adding a status or an
# event is a one-line change, and reading the rules needs no tracing of ifs.
MOVES = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "cancel"): "cancelled",
    ("shipped", "deliver"): "delivered",
}
STATUSES = {"new", "paid", "shipped", "delivered", "cancelled"}
EVENTS = {"pay", "ship", "deliver", "cancel"}
START = "new"


def next_status(current: str, event: str) -> str:
    """Return the status an order in status ``current`` moves to when ``event`` happens.

    Raise ValueError for an unknown status, an unknown event, or a move the
    shop does not allow (for example shipping an order that is not paid).
    """
    # Tell the three kinds of bad input apart: a typo in a status or event
    # is a different problem from a real event arriving at the wrong time,
    # and the caller deserves to know which one happened.
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    if current not in STATUSES:
        raise ValueError(f"unknown status {current!r}")
    if (current, event) not in MOVES:
        raise ValueError(f"cannot {event} an order that is {current}")
    return MOVES[(current, event)]


def status_after(events: list[str]) -> str:
    """Return the status of a new order after ``events`` have happened, in order.

    Uses next_status for every step, so an illegal event raises its ValueError.
    """
    status = START
    # Reading the list with a for loop leaves it untouched. We let
    # next_status's ValueError pass through: it already says what went wrong.
    for event in events:
        status = next_status(status, event)
    return status
