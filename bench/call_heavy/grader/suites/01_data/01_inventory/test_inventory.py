"""A call-heavy hidden suite: thousands of calls, large arguments, handles, exceptions."""

import pytest

from grader.testkit import call

BIG = list(range(1000))
BIG_TOTALS = [n * (n + 1) // 2 for n in BIG]
ITEMS = [{"name": f"item-{i}", "price": i % 17 + 0.5, "count": i % 5} for i in range(1000)]
RECORDS = [{"name": f"r{i}", "tags": [f"t{i % 7}", f"u{i % 3}"]} for i in range(500)]
POINTS = [(i % 31, (i * 7) % 43) for i in range(1000)]


@pytest.mark.points(2)
def test_running_totals_of_a_large_list_many_times(learner):
    """running_totals of a 1,000-item list, 1,000 times."""
    for _ in range(1000):
        call(learner.running_totals, BIG).returns(BIG_TOTALS)


def test_running_totals_leaves_its_input_alone(learner):
    """running_totals never changes the list it is given."""
    for size in range(0, 200, 2):
        numbers = list(range(size))
        call(learner.running_totals, numbers).left_arguments_unchanged()


def test_running_totals_of_small_lists(learner):
    """running_totals of many small lists."""
    for size in range(500):
        numbers = [size, -size, 1]
        call(learner.running_totals, numbers).returns([size, 0, 1])


def test_total_value_of_many_items(learner):
    """total_value of 1,000 dicts, 100 times."""
    expected = sum(item["price"] * item["count"] for item in ITEMS)
    for _ in range(100):
        call(learner.total_value, ITEMS).returns_close_to(expected)


def test_group_by_tag_nested(learner):
    """group_by_tag of 500 records with nested tag lists."""
    expected = {}
    for record in RECORDS:
        for tag in record["tags"]:
            expected.setdefault(tag, []).append(record["name"])
    for _ in range(50):
        call(learner.group_by_tag, RECORDS).returns(expected)


def test_parse_quantity_accepts_digits(learner):
    """parse_quantity of 300 valid texts."""
    for n in range(300):
        call(learner.parse_quantity, f" {n} ").returns(n)


def test_parse_quantity_refuses_words(learner):
    """parse_quantity raises ValueError on 300 bad texts."""
    for n in range(300):
        call(learner.parse_quantity, f"x{n}").raises(ValueError, match="quantity")


def test_bounds_of_many_points(learner):
    """bounds of 1,000 tuples, 50 times."""
    for _ in range(50):
        call(learner.bounds, POINTS).returns(((0, 0), (30, 42)))


@pytest.mark.points(2)
def test_inventory_handle_many_methods(learner):
    """One Inventory object used through 600 method calls."""
    stock = learner.Inventory()
    for i in range(200):
        call(stock.add, f"item-{i % 20}", 2).returns(2 * (i // 20 + 1))
    for i in range(200):
        call(stock.remove, f"item-{i % 20}").returns(2 * 10 - (i // 20 + 1))
    for i in range(200):
        call(stock.count, f"item-{i % 20}").returns(10)


def test_inventory_refuses_bad_counts(learner):
    """add raises ValueError and remove KeyError, 200 times each."""
    stock = learner.Inventory()
    for i in range(200):
        call(stock.add, f"x{i}", -i).raises(ValueError)
        call(stock.remove, f"missing-{i}").raises(KeyError)


def test_inventory_snapshot_is_a_dict(learner):
    """snapshot of an inventory with 500 names, 50 times."""
    stock = learner.Inventory()
    for i in range(500):
        stock.add(f"n{i:03}", i + 1)
    expected = {f"n{i:03}": i + 1 for i in range(500)}
    for _ in range(50):
        call(stock.snapshot).returns(expected)


def test_merge_takes_handles(learner):
    """merge of two inventories passed back as handles, 100 times."""
    first, second = learner.Inventory(), learner.Inventory()
    first.add("a", 2)
    second.add("a", 3)
    second.add("b", 1)
    for _ in range(100):
        merged = call(learner.merge, first, second).value
        call(merged.snapshot).returns({"a": 5, "b": 1})
