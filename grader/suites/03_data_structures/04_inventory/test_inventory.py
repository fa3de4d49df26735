"""Hidden tests for the inventory exercise: a class whose state can never go invalid."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_adding_and_counting(learner):
    """Items added to an inventory are counted, and added quantities build up."""
    inv = learner.Inventory()
    call(inv.add, "apple", 3).returns(None)
    call(inv.add, "pear", 2).returns(None)
    call(inv.add, "apple", 4).returns(None)
    call(inv.count, "apple").returns(7)
    call(inv.items).returns({"apple": 7, "pear": 2})
    call(inv.total).returns(9)


def test_items_is_a_copy(learner):
    """items() returns a new dict: changing it cannot change the stock."""
    inv = learner.Inventory()
    call(inv.add, "apple", 3).returns(None)
    call(inv.items).returns_copy(
        {"apple": 3}, "a caller who changes it changes the stock, past every check add and remove make"
    )


def test_a_new_inventory_is_empty(learner):
    """An inventory made with no stock has no items, a total of 0, and counts 0 for anything."""
    inv = learner.Inventory()
    call(inv.items).returns({})
    call(inv.total).returns(0)
    call(inv.count, "apple").returns(0)


def test_starting_stock(learner):
    """Inventory({'apple': 3, 'pear': 1}) starts with those counts and leaves the dict alone."""
    made = call(learner.Inventory, {"apple": 3, "pear": 1})
    made.satisfies(lambda inv: inv.items() == {"apple": 3, "pear": 1}, "an inventory of 3 apple and 1 pear")
    made.left_arguments_unchanged()
    call(made.value.count, "pear").returns(1)


@pytest.mark.points(3)
def test_cannot_remove_more_than_in_stock(learner):
    """Removing 5 apples when there are 3 raises ValueError, says 3, and changes nothing."""
    inv = learner.Inventory({})  # its own dict: a shared default cannot leak into this test
    inv.add("apple", 3)
    call(inv.remove, "apple", 5).raises(ValueError, match=r"\b3\b")
    call(inv.count, "apple").returns(3)
    call(inv.remove, "kiwi", 1).raises(ValueError)
    call(inv.items).returns({"apple": 3})


@pytest.mark.points(2)
def test_a_refused_remove_changes_nothing(learner):
    """After a refused remove the counts and the total are what they were before."""
    inv = learner.Inventory({"apple": 2, "pear": 5})
    call(inv.remove, "apple", 3).raises(ValueError)
    call(inv.items).returns({"apple": 2, "pear": 5})
    call(inv.total).returns(7)


@pytest.mark.points(2)
def test_removing_everything_unlists_the_item(learner):
    """An item whose count reaches 0 is no longer listed by items()."""
    inv = learner.Inventory({"apple": 2, "pear": 5})
    call(inv.remove, "apple", 2).returns(None)
    call(inv.items).returns({"pear": 5})
    call(inv.count, "apple").returns(0)
    call(inv.remove, "pear", 4).returns(None)
    call(inv.items).returns({"pear": 1})


@pytest.mark.points(2)
def test_quantity_must_be_positive(learner):
    """A quantity of 0 or less is refused with ValueError by add and remove, changing nothing."""
    inv = learner.Inventory({"apple": 2})
    call(inv.add, "apple", -5).raises(ValueError)
    call(inv.add, "apple", 0).raises(ValueError)
    call(inv.remove, "apple", 0).raises(ValueError)
    call(inv.remove, "apple", -1).raises(ValueError)
    call(inv.items).returns({"apple": 2})


def test_wrong_types_are_refused(learner):
    """A quantity that is not an int, or an item that is not a str, raises TypeError."""
    inv = learner.Inventory({})
    call(inv.add, "apple", "3").raises(TypeError)
    call(inv.add, "apple", 2.5).raises(TypeError)
    call(inv.add, "apple", True).raises(TypeError)
    call(inv.add, 7, 1).raises(TypeError)
    call(inv.remove, "apple", "1").raises(TypeError)
    call(inv.items).returns({})


@pytest.mark.points(2)
def test_bad_starting_stock_is_refused(learner):
    """Inventory({'apple': -1}) raises ValueError and Inventory({'apple': '3'}) raises TypeError."""
    call(learner.Inventory, {"apple": -1}).raises(ValueError)
    call(learner.Inventory, {"apple": 0}).raises(ValueError)
    call(learner.Inventory, {"apple": "3"}).raises(TypeError)


@pytest.mark.points(2)
def test_inventories_do_not_share_stock(learner):
    """Two inventories made without stock are independent: adding to one leaves the other empty."""
    first = learner.Inventory()
    second = learner.Inventory()
    first.add("apple", 3)
    call(second.items).returns({})
    call(second.count, "apple").returns(0)


def shown_as(value):
    """The learner's own repr of an object, as the worker recorded it when the object came back."""
    text = repr(value)
    marker = "from your code: "
    return text[text.index(marker) + len(marker) : -1] if marker in text else text


def test_repr_shows_the_counts(learner):
    """repr(Inventory({'apple': 3, 'pear': 1})) is Inventory({'apple': 3, 'pear': 1})."""
    shown = shown_as(learner.Inventory({"apple": 3, "pear": 1}))
    expected = "Inventory({'apple': 3, 'pear': 1})"
    if shown != expected:
        raise AssertionError(
            f"Created Inventory({{'apple': 3, 'pear': 1}}); its repr is {shown}, expected {expected}."
        )
    shown = shown_as(learner.Inventory({}))
    if shown != "Inventory({})":
        raise AssertionError(f"Created Inventory({{}}); its repr is {shown}, expected Inventory({{}}).")


def test_a_large_inventory(learner):
    """An inventory of 10 000 items, 3 of each, totals 30 000."""
    stock = {f"item-{n}": 3 for n in range(10_000)}
    inv = learner.Inventory(stock)
    call(inv.total).returns(30_000)
    inv.remove("item-9999", 3)
    call(inv.count, "item-9999").returns(0)
    call(inv.total).returns(29_997)
