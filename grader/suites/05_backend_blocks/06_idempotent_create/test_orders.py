"""Hidden tests for idempotent-create: a retried create happens once; a reused key is refused."""

import pytest

from grader.testkit import call, show


def order(order_id, customer, item, quantity):
    return {"id": order_id, "customer": customer, "item": item, "quantity": quantity}


def raised(made, name):
    """Check the call raised the learner's ValueError subclass ``name``."""
    if made.error is None:
        raise AssertionError(
            f"Called {made.text}; it returned {show(made.value)}, expected it to raise {name}"
        )
    made.raises(ValueError)
    got = made.error.learner_info["type"]
    if got != name:
        raise AssertionError(f"Called {made.text}; it raised {got}, expected {name}")


def count_is(service, expected, after):
    got = len(service.orders())
    if got != expected:
        raise AssertionError(f"After {after}, there are {got} orders, expected {expected}")


def test_plain_creates(learner):
    """Without a key every create makes a new order, with ids 1, 2, ..."""
    service = learner.OrderService()
    call(service.create_order, "ana", "tea", 2).returns(order(1, "ana", "tea", 2))
    call(service.create_order, "ana", "tea", 2).returns(order(2, "ana", "tea", 2))
    call(service.orders).returns([order(1, "ana", "tea", 2), order(2, "ana", "tea", 2)])


def test_callers_get_copies(learner):
    """create_order (first time and retried) and orders() return copies of the stored orders."""
    service = learner.OrderService()
    harm = "a caller who changes it changes the stored order"
    for _ in range(2):
        call(service.create_order, "ana", "tea", 2, idempotency_key="k1").returns_copy(
            order(1, "ana", "tea", 2), harm
        )
    call(service.orders).returns_copy([order(1, "ana", "tea", 2)], harm)


@pytest.mark.points(3)
def test_a_retry_does_not_create_twice(learner):
    """Sending the same create with key 'k1' three times makes one order and returns it each time."""
    service = learner.OrderService()
    for _ in range(3):
        call(service.create_order, "ana", "tea", 2, idempotency_key="k1").returns(order(1, "ana", "tea", 2))
    count_is(service, 1, "three creates with the key 'k1'")
    call(service.create_order, "ana", "tea", 2, idempotency_key="k2").returns(order(2, "ana", "tea", 2))
    count_is(service, 2, "three creates with 'k1' and one with 'k2'")


@pytest.mark.points(2)
def test_a_key_reused_for_another_request_is_refused(learner):
    """Key 'k1' used for 2 tea, then for 3 tea or 2 coffee, raises IdempotencyKeyReused."""
    service = learner.OrderService()
    service.create_order("ana", "tea", 2, idempotency_key="k1")
    for item, quantity in (("tea", 3), ("coffee", 2)):
        raised(
            call(service.create_order, "ana", item, quantity, idempotency_key="k1"), "IdempotencyKeyReused"
        )
    count_is(service, 1, "one create with 'k1' and two refused reuses")


@pytest.mark.points(2)
def test_keys_belong_to_one_customer(learner):
    """Ana and Bo both using key 'k1' get an order each."""
    service = learner.OrderService()
    call(service.create_order, "ana", "tea", 2, idempotency_key="k1").returns(order(1, "ana", "tea", 2))
    call(service.create_order, "bo", "tea", 2, idempotency_key="k1").returns(order(2, "bo", "tea", 2))
    call(service.create_order, "bo", "cake", 1, idempotency_key="k1").raises(ValueError)


@pytest.mark.points(2)
def test_a_refused_request_can_be_retried_with_its_key(learner):
    """A create refused for quantity 0 makes nothing; the retry with quantity 1 and the same key works."""
    service = learner.OrderService()
    call(service.create_order, "ana", "tea", 0, idempotency_key="k1").raises(ValueError)
    count_is(service, 0, "a refused create")
    call(service.create_order, "ana", "tea", 1, idempotency_key="k1").returns(order(1, "ana", "tea", 1))


def test_bad_requests_are_refused(learner):
    """An empty item, quantity 0, -1, '2' or True raises ValueError and creates nothing."""
    service = learner.OrderService()
    call(service.create_order, "ana", " ", 1).raises(ValueError)
    for bad in (0, -1, "2", True, 1.5):
        call(service.create_order, "ana", "tea", bad).raises(ValueError)
    count_is(service, 0, "six refused creates")


def test_many_keys(learner):
    """1,000 keys each sent twice make 1,000 orders."""
    service = learner.OrderService()
    for _round in range(2):
        for n in range(1000):
            service.create_order("ana", "tea", 1 + n % 5, idempotency_key=f"key-{n}")
    count_is(service, 1000, "1,000 keys each sent twice")
    call(service.create_order, "ana", "tea", 5, idempotency_key="key-999").returns(
        order(1000, "ana", "tea", 5)
    )
