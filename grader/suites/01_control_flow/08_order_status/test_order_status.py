"""Hidden tests for the order-status exercise."""

import pytest

from grader.testkit import call


def test_paying_a_new_order(learner):
    """Paying a new order makes it paid."""
    call(learner.next_status, "new", "pay").returns("paid")


@pytest.mark.points(2)
def test_shipping_then_delivering(learner):
    """A paid order can be shipped, and a shipped order can be delivered."""
    call(learner.next_status, "paid", "ship").returns("shipped")
    call(learner.next_status, "shipped", "deliver").returns("delivered")


@pytest.mark.points(2)
def test_cancelling_before_shipping(learner):
    """A new or paid order can be cancelled."""
    call(learner.next_status, "new", "cancel").returns("cancelled")
    call(learner.next_status, "paid", "cancel").returns("cancelled")


@pytest.mark.points(2)
def test_cannot_cancel_a_shipped_order(learner):
    """Cancelling an order that has already shipped is refused with a ValueError."""
    call(learner.next_status, "shipped", "cancel").raises(ValueError)


@pytest.mark.points(2)
def test_finished_orders_stay_finished(learner):
    """Nothing can happen to a delivered or cancelled order any more."""
    call(learner.next_status, "delivered", "cancel").raises(ValueError)
    call(learner.next_status, "cancelled", "pay").raises(ValueError)


def test_cannot_skip_a_step(learner):
    """A new order cannot be shipped before it is paid."""
    call(learner.next_status, "new", "ship").raises(ValueError)


@pytest.mark.points(2)
def test_refusal_names_event_and_status(learner):
    """The error for a refused move names both the event and the current status."""
    outcome = call(learner.next_status, "new", "deliver")
    outcome.raises(ValueError, match="deliver").raises(ValueError, match="new")


def test_unknown_status(learner):
    """A status that does not exist is refused with a message about the status."""
    call(learner.next_status, "lost", "pay").raises(ValueError, match="status")


def test_unknown_event(learner):
    """An event that does not exist is refused with a message about the event."""
    call(learner.next_status, "new", "refund").raises(ValueError, match="event")


def test_no_events_means_new(learner):
    """An order with no events is still new."""
    call(learner.status_after, []).returns("new")


@pytest.mark.points(2)
def test_full_journey(learner):
    """After pay, ship and deliver, the order is delivered."""
    call(learner.status_after, ["pay", "ship", "deliver"]).returns("delivered")


def test_cancelled_after_paying(learner):
    """After pay and cancel, the order is cancelled."""
    call(learner.status_after, ["pay", "cancel"]).returns("cancelled")


def test_illegal_event_in_the_list(learner):
    """A list with an illegal step (cancel after ship) raises a ValueError."""
    call(learner.status_after, ["pay", "ship", "cancel"]).raises(ValueError)


@pytest.mark.hint("Loop over the list with for; do not pop or remove items from it.", when="mutated_input")
def test_events_list_is_not_changed(learner):
    """The list of events you are given still holds the same events afterwards."""
    call(learner.status_after, ["pay", "ship"]).left_arguments_unchanged().returns("shipped")


@pytest.mark.points(2)
def test_an_unknown_event_in_the_list(learner):
    """A list holding an unknown event (refund) is refused with a message about the event."""
    call(learner.status_after, ["pay", "refund"]).raises(ValueError, match="event")
    call(learner.status_after, ["refund"]).raises(ValueError, match="event")


def test_an_event_after_the_order_is_finished(learner):
    """An event after delivery (pay, ship, deliver, cancel) raises a ValueError."""
    call(learner.status_after, ["pay", "ship", "deliver", "cancel"]).raises(ValueError)
