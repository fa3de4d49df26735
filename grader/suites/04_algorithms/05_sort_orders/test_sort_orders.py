"""Hidden tests for the sort-orders exercise."""

import pytest

from grader.testkit import call


def order(id_: int, customer: str, total: float) -> dict:
    return {"id": id_, "customer": customer, "total": total}


def ids(orders: list[dict]) -> list[int]:
    return [o["id"] for o in orders]


def expected_order(orders: list[dict]) -> list[dict]:
    """The right answer, worked out here in one sort with a tuple key."""
    return sorted(orders, key=lambda o: (o["customer"].casefold(), -o["total"]))


EXAMPLE = [order(1, "bob", 10), order(2, "Ana", 5), order(3, "Bob", 20), order(4, "ana", 5)]


@pytest.mark.points(2)
def test_readme_example(learner):
    """The README's example comes back as orders 2, 4, 3, 1."""
    call(learner.sort_orders, EXAMPLE).returns([EXAMPLE[1], EXAMPLE[3], EXAMPLE[2], EXAMPLE[0]])


@pytest.mark.points(2)
def test_names_ignore_case(learner):
    """'ana' comes before 'Bob' and 'bob' is the same customer as 'Bob'."""
    orders = [order(1, "Bob", 1), order(2, "ana", 1), order(3, "bob", 9)]
    call(learner.sort_orders, orders).returns([orders[1], orders[2], orders[0]])


@pytest.mark.points(2)
def test_customer_then_total(learner):
    """Customer decides first; the largest total comes first only within one customer."""
    orders = [order(1, "Zoe", 100), order(2, "Ana", 1), order(3, "Ana", 50)]
    call(learner.sort_orders, orders).returns([orders[2], orders[1], orders[0]])


@pytest.mark.points(2)
def test_ties_keep_input_order(learner):
    """Three orders with the same customer and total stay in their input order."""
    orders = [order(5, "Kim", 7), order(3, "kim", 7), order(9, "KIM", 7)]
    call(learner.sort_orders, orders).returns(orders)


def test_empty_and_one(learner):
    """No orders give an empty list; one order gives a list of that order."""
    call(learner.sort_orders, []).returns([])
    call(learner.sort_orders, [order(1, "Solo", 3)]).returns([order(1, "Solo", 3)])


@pytest.mark.points(2)
@pytest.mark.hint(
    "orders.sort() reorders the caller's list: use sorted(orders, ...), which returns a new one.",
    when="mutated_input",
)
def test_input_not_reordered(learner):
    """The list you are given keeps its order."""
    call(learner.sort_orders, EXAMPLE).left_arguments_unchanged().satisfies(
        lambda value: type(value) is list, "a new list"
    )


def test_large_input(learner):
    """2,000 orders from 30 customers with many ties come back in the right order."""
    names = [f"Customer{i % 30}" if i % 2 else f"customer{i % 30}" for i in range(2000)]
    orders = [order(i, names[i], (i * 37) % 11) for i in range(2000)]
    call(learner.sort_orders, orders).returns(expected_order(orders))
