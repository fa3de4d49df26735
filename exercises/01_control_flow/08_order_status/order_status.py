"""Order status: a small state machine for an online shop's orders."""


def next_status(current: str, event: str) -> str:
    """Return the status an order in status ``current`` moves to when ``event`` happens.

    Raise ValueError for an unknown status, an unknown event, or a move the
    shop does not allow (for example shipping an order that is not paid).
    """
    # TODO: check the status, check the event, then look up the move or refuse it.
    raise NotImplementedError


def status_after(events: list[str]) -> str:
    """Return the status of a new order after ``events`` have happened, in order.

    Uses next_status for every step, so an illegal event raises its ValueError.
    """
    # TODO: start from "new" and apply each event with next_status.
    raise NotImplementedError
