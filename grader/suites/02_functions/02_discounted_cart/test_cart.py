"""Hidden tests for the discounted-cart exercise."""

import pytest

from grader.testkit import call

NEW_DICTS = (
    "list(cart) copies the list, not the dicts inside it. Build a new dict per item: "
    "{**item, 'price': new_price}."
)


def cart():
    return [
        {"name": "apple", "price": 50, "quantity": 3},
        {"name": "bread", "price": 225, "quantity": 1},
    ]


@pytest.mark.points(2)
def test_ten_percent_off(learner):
    """10% off gives the README's sale cart."""
    call(learner.discounted, cart(), 10).returns(
        [
            {"name": "apple", "price": 45, "quantity": 3},
            {"name": "bread", "price": 202, "quantity": 1},
        ]
    )


@pytest.mark.points(3)
@pytest.mark.hint(NEW_DICTS, when="mutated_input")
def test_the_callers_cart_is_unchanged(learner):
    """The cart and the items you were given are left exactly as they were."""
    sale = [{"name": "apple", "price": 37, "quantity": 3}, {"name": "bread", "price": 168, "quantity": 1}]
    call(learner.discounted, cart(), 25).left_arguments_unchanged().returns(sale)


def test_rounds_down_to_the_cent(learner):
    """Prices are rounded down: 995 cents at 10% off are 895, and 1 cent at 50% off is 0."""
    call(learner.discounted, [{"name": "a", "price": 995, "quantity": 1}], 10).returns(
        [{"name": "a", "price": 895, "quantity": 1}]
    )
    call(learner.discounted, [{"name": "b", "price": 1, "quantity": 2}], 50).returns(
        [{"name": "b", "price": 0, "quantity": 2}]
    )


def test_prices_stay_exact_whole_cents(learner):
    """Whole-number arithmetic is exact: 1000 cents at 80% off are 200, and 500 cents at 34% off are 330."""
    call(learner.discounted, [{"name": "lamp", "price": 1000, "quantity": 1}], 80).returns(
        [{"name": "lamp", "price": 200, "quantity": 1}]
    )
    call(learner.discounted, [{"name": "mug", "price": 500, "quantity": 2}], 34).returns(
        [{"name": "mug", "price": 330, "quantity": 2}]
    )


def test_zero_and_hundred_percent(learner):
    """0% keeps every price, 100% makes everything free."""
    call(learner.discounted, cart(), 0).returns(cart())
    call(learner.discounted, cart(), 100).returns(
        [
            {"name": "apple", "price": 0, "quantity": 3},
            {"name": "bread", "price": 0, "quantity": 1},
        ]
    )


def test_other_keys_are_kept(learner):
    """Keys the function does not know about are kept as they were."""
    item = {"name": "tea", "price": 300, "quantity": 2, "sku": "T-1", "tags": ["hot"]}
    call(learner.discounted, [item], 50).returns(
        [{"name": "tea", "price": 150, "quantity": 2, "sku": "T-1", "tags": ["hot"]}]
    )


def test_empty_one_and_duplicate_items(learner):
    """An empty cart stays empty; one item and the same item twice are each discounted."""
    call(learner.discounted, [], 30).returns([])
    egg = {"name": "egg", "price": 30, "quantity": 1}
    call(learner.discounted, [egg], 30).returns([{"name": "egg", "price": 21, "quantity": 1}])
    call(learner.discounted, [egg, dict(egg)], 30).returns([{**egg, "price": 21}, {**egg, "price": 21}])


def test_a_large_cart(learner):
    """A cart of 2000 items is discounted item by item, in order."""
    big = [{"name": f"i{i}", "price": i * 7, "quantity": i % 5 + 1} for i in range(2000)]
    call(learner.discounted, big, 15).returns([{**item, "price": item["price"] * 85 // 100} for item in big])


@pytest.mark.points(2)
@pytest.mark.parametrize("percent", [-1, 101, 1000], ids=["negative", "101", "1000"])
def test_rejects_percent_out_of_range(learner, percent):
    """A percent below 0 or above 100 raises ValueError saying what is allowed."""
    call(learner.discounted, cart(), percent).raises(
        ValueError, match=f"percent must be between 0 and 100, got {percent}"
    )


@pytest.mark.parametrize("percent", [10.5, "10", True], ids=["float", "text", "bool"])
def test_rejects_percent_that_is_not_an_int(learner, percent):
    """A percent that is not an int raises TypeError."""
    call(learner.discounted, cart(), percent).raises(
        TypeError, match=f"percent must be an int, got {type(percent).__name__}"
    )


@pytest.mark.points(2)
def test_cart_total(learner):
    """cart_total adds up price times quantity."""
    call(learner.cart_total, cart()).returns(375)
    call(learner.cart_total, [{"name": "tv", "price": 49999, "quantity": 1}]).returns(49999)
    call(learner.cart_total, []).returns(0)


def test_cart_total_is_pure(learner):
    """cart_total leaves the cart unchanged and counts duplicate items twice."""
    doubled = cart() + cart()
    call(learner.cart_total, doubled).returns(750).left_arguments_unchanged()
