"""Instructor-only tests for the order-status exercise: the unusual moves (left out of learner editions)."""

import pytest

from grader.testkit import call

# The README's table of allowed moves; every other (status, event) pair is refused.
ALLOWED = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "cancel"): "cancelled",
    ("shipped", "deliver"): "delivered",
}
STATUSES = ["new", "paid", "shipped", "delivered", "cancelled"]
EVENTS = ["pay", "ship", "deliver", "cancel"]


@pytest.mark.points(2)
def test_every_move_outside_the_table_is_refused(learner):
    """Every move that is not in the table (such as delivering a paid order) is refused."""
    for current in STATUSES:
        for event in EVENTS:
            if (current, event) not in ALLOWED:
                outcome = call(learner.next_status, current, event)
                outcome.raises(ValueError, match=event).raises(ValueError, match=current)


def test_the_status_is_checked_before_the_event(learner):
    """When both the status and the event are unknown, the message is about the status."""
    call(learner.next_status, "lost", "refund").raises(ValueError, match="status")
