"""Hidden tests for the sales-summary refactor: behaviour must stay exactly as the starter's.

Besides hand-written cases, the suite builds many orders from a fixed seed
and compares the learner's summary with ``expected``, a plain restatement of
the starter's rules, so a rewrite that drops or changes a case fails.
"""

import random

import pytest
from hypothesis import strategies as st

from grader.kinds.differential import same_behaviour
from grader.testkit import call

QUANTITY = "quantity must be a whole number of at least 1"
PRICE = "price must be a whole number of cents, 0 or more"


def expected(orders):
    """The starter's summary, restated plainly (the oracle)."""
    seen = set()
    for order in orders:
        if order["id"] in seen:
            raise ValueError(f"order {order['id']}: duplicate id")
        seen.add(order["id"])
        if order["status"] not in ("paid", "shipped", "cancelled", "refunded"):
            raise ValueError(f"order {order['id']}: unknown status {order['status']!r}")
        for _sku, quantity, price in order["lines"]:
            if type(quantity) is not int or quantity < 1:
                raise ValueError(f"order {order['id']}: {QUANTITY}")
            if type(price) is not int or price < 0:
                raise ValueError(f"order {order['id']}: {PRICE}")
    customers, units, refunded = {}, {}, 0
    for order in orders:
        value = sum(quantity * price for _sku, quantity, price in order["lines"])
        value = value * 95 // 100 if value >= 10_000 else value
        if order["status"] in ("paid", "shipped"):
            entry = customers.setdefault(order["customer"], {"orders": 0, "spent_cents": 0})
            entry["orders"] += 1
            entry["spent_cents"] += value
            for sku, quantity, _price in order["lines"]:
                units[sku] = units.get(sku, 0) + quantity
        elif order["status"] == "refunded":
            refunded += value
    return {
        "customers": customers,
        "top_skus": sorted(units.items(), key=lambda pair: (-pair[1], pair[0]))[:3],
        "cancelled": sorted(o["id"] for o in orders if o["status"] == "cancelled"),
        "refunded_cents": refunded,
    }


def raises_exactly(outcome, message):
    """Check the call raised ValueError with exactly ``message``, and say both when it did not."""
    outcome.raises(ValueError)
    if str(outcome.error) != message:
        raise AssertionError(
            f"Called {outcome.text}; it raised ValueError({str(outcome.error)!r}), "
            f"expected ValueError({message!r}): keep the original message word for word."
        )


def order(order_id, customer, status, *lines):
    return {"id": order_id, "customer": customer, "status": status, "lines": list(lines)}


def random_orders(rng, count, first_id=1):
    statuses = ["paid"] * 4 + ["shipped"] * 3 + ["cancelled", "refunded"]
    return [
        order(
            first_id + n,
            rng.choice(["ana", "ben", "chi", "dev", "eli", "fay"]),
            rng.choice(statuses),
            *[
                (
                    rng.choice("ABCDEFGHIJ") + "-1",
                    rng.randint(1, 4),
                    rng.choice([0, 99, 450, 1999, 2500, 5000]),
                )
                for _ in range(rng.randint(0, 4))
            ],
        )
        for n in range(count)
    ]


WEEK = [
    order(1, "ana", "paid", ("tea", 2, 450), ("mug", 1, 1200)),
    order(2, "ben", "shipped", ("tea", 5, 450)),
    order(3, "ana", "cancelled", ("kettle", 1, 3500)),
    order(4, "chi", "refunded", ("mug", 2, 1200)),
    order(5, "ana", "shipped", ("kettle", 3, 3500)),
]


@pytest.mark.points(2)
def test_a_small_week(learner):
    """A week of five orders: spending per customer, top SKUs, cancellations and refunds."""
    call(learner.summarise, WEEK).returns(
        {
            "customers": {
                "ana": {"orders": 2, "spent_cents": 12075},
                "ben": {"orders": 1, "spent_cents": 2250},
            },
            "top_skus": [("tea", 7), ("kettle", 3), ("mug", 1)],
            "cancelled": [3],
            "refunded_cents": 2400,
        }
    ).left_arguments_unchanged()


def test_no_orders(learner):
    """No orders give an empty summary."""
    call(learner.summarise, []).returns(
        {"customers": {}, "top_skus": [], "cancelled": [], "refunded_cents": 0}
    )


def test_one_order(learner):
    """A single paid order with one line."""
    call(learner.summarise, [order(9, "dev", "paid", ("pen", 1, 150))]).returns(
        expected([order(9, "dev", "paid", ("pen", 1, 150))])
    )


@pytest.mark.points(2)
def test_the_big_order_discount_edge(learner):
    """An order of exactly 10000 cents gets the discount (rounded down); 9999 cents does not."""
    for value in (9_999, 10_000, 10_001, 12_345):
        orders = [order(1, "ana", "paid", ("x", 1, value)), order(2, "ben", "refunded", ("y", 1, value))]
        call(learner.summarise, orders).returns(expected(orders))


@pytest.mark.points(2)
def test_each_status(learner):
    """Paid and shipped orders count alike; cancelled and refunded orders count only where they belong."""
    for status in ("paid", "shipped", "cancelled", "refunded"):
        orders = [order(4, "eli", status, ("cap", 2, 800)), order(2, "eli", "cancelled")]
        call(learner.summarise, orders).returns(expected(orders))


@pytest.mark.points(2)
def test_top_skus_ties_and_short_lists(learner):
    """Top SKUs: at most three, most units first, ties in alphabetical order."""
    cases = [
        [order(1, "a", "paid", ("b", 2, 1), ("a", 2, 1), ("c", 2, 1), ("d", 2, 1))],
        [order(1, "a", "paid", ("z", 1, 1)), order(2, "b", "shipped", ("y", 1, 1), ("z", 1, 1))],
        [order(1, "a", "paid", ("q", 3, 0), ("p", 1, 0)), order(2, "a", "paid", ("p", 2, 0), ("r", 4, 0))],
        [order(1, "a", "refunded", ("q", 9, 10)), order(2, "a", "paid", ("r", 1, 10))],
    ]
    for orders in cases:
        call(learner.summarise, orders).returns(expected(orders))


@pytest.mark.points(3)
@pytest.mark.parametrize(
    "bad",
    [
        order(1, "dup", "paid"),
        order(7, "x", "lost"),
        order(7, "x", "paid", ("a", 0, 100)),
        order(7, "x", "shipped", ("a", 2, -1)),
        order(7, "x", "cancelled", ("a", True, 100)),
        order(7, "x", "refunded", ("a", 1, 2.5)),
        order(7, "x", "paid", ("a", 1, 10), ("b", "2", 10)),
        order(7, "x", "paid", ("a", 0, -5)),
        order(1, "x", "lost", ("a", 0, -5)),
        order(7, "x", "lost", ("a", 0, -5)),
    ],
    ids=[
        "duplicate-id",
        "unknown-status",
        "zero-quantity",
        "negative-price",
        "bool-quantity",
        "float-price",
        "second-line",
        "quantity-before-price",
        "duplicate-before-status",
        "status-before-lines",
    ],
)
def test_bad_orders_are_refused_word_for_word(learner, bad):
    """A bad order is refused with the same ValueError message as before."""
    orders = [*WEEK[:2], bad, *WEEK[2:]]
    with pytest.raises(ValueError) as wanted:
        expected(orders)
    raises_exactly(call(learner.summarise, orders), str(wanted.value))


@pytest.mark.points(3)
def test_many_random_weeks(learner):
    """200 weeks of random orders each give exactly the summary the original code gave."""
    rng = random.Random(2024)
    for _ in range(200):
        orders = random_orders(rng, rng.randint(0, 12))
        call(learner.summarise, orders).returns(expected(orders))


@pytest.mark.points(2)
def test_random_bad_orders(learner):
    """100 weeks with one bad value hidden somewhere are refused with the original message."""
    rng = random.Random(99)
    for _ in range(100):
        orders = random_orders(rng, rng.randint(1, 8))
        target = rng.choice(orders)
        quantity, price = rng.choice([(0, 5), (-1, 5), (1, -1), (0, -1), (2, 0.5)])
        target["lines"].insert(rng.randint(0, len(target["lines"])), ("BAD", quantity, price))
        if rng.random() < 0.3:
            target["status"] = "archived"
        with pytest.raises(ValueError) as wanted:
            expected(orders)
        raises_exactly(call(learner.summarise, orders), str(wanted.value))


def test_a_large_week(learner):
    """A week of 3000 orders gives the original summary."""
    orders = random_orders(random.Random(5), 3000)
    call(learner.summarise, orders).returns(expected(orders))


# Weeks as the shop's systems might send them: mostly good lines, now and then a bad field or status.
GOOD_QUANTITIES = st.integers(1, 5)
QUANTITIES = st.one_of(GOOD_QUANTITIES, GOOD_QUANTITIES, st.sampled_from([0, -1, True, 1.5]))
GOOD_PRICES = st.one_of(st.integers(0, 12_000), st.sampled_from([0, 2000, 2500, 5000, 9999, 10_000]))
PRICES = st.one_of(GOOD_PRICES, GOOD_PRICES, st.sampled_from([-1, True, 2.5, "99"]))
LINES = st.lists(
    st.tuples(st.sampled_from(["A-1", "B-1", "C-1", "D-1", "E-1"]), QUANTITIES, PRICES), max_size=4
)
STATUSES = st.sampled_from(["paid", "paid", "shipped", "cancelled", "refunded", "lost"])
ORDERS = st.builds(
    lambda order_id, customer, status, lines: order(order_id, customer, status, *lines),
    st.integers(1, 12),
    st.sampled_from(["ana", "ben", "chi"]),
    STATUSES,
    LINES,
)


@pytest.mark.points(2)
def test_any_week_gives_what_the_starter_gives(learner, original):
    """Generated weeks, good and bad, give exactly the starter's summary or error message."""
    same_behaviour(learner.summarise, original.summarise, st.lists(ORDERS, max_size=6))
