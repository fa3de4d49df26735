"""Hidden tests for the checkout-receipt refactor: the behaviour must not change.

The structure targets are checked by the refactor kind itself (grader/kinds/refactor.py),
from the manifest's [exercise.structure] table.
"""

import pytest
from hypothesis import strategies as st

from grader.kinds.differential import same_behaviour
from grader.testkit import call


def receipt_of(*lines):
    return "\n".join(lines)


@pytest.mark.points(2)
def test_the_readme_example(learner):
    """The README's example order gives the README's receipt."""
    order = receipt_of("apple, 3, 50", "bread,1,225", "", "coupon, save10")
    expected = receipt_of(
        "3 x apple @ 0.50 = 1.50",
        "1 x bread @ 2.25 = 2.25",
        "subtotal 3.75",
        "discount -0.37 (SAVE10)",
        "shipping 4.99",
        "total 8.37",
    )
    call(learner.receipt, order).returns(expected)


def test_one_item_without_a_coupon(learner):
    """One item and no coupon: no discount line, shipping is charged."""
    expected = receipt_of("1 x tea @ 3.05 = 3.05", "subtotal 3.05", "shipping 4.99", "total 8.04")
    call(learner.receipt, "tea,1,305").returns(expected)


def test_free_shipping_from_50_euros(learner):
    """Shipping is free once the order, after its discount, reaches exactly 50.00."""
    expected = receipt_of("2 x lamp @ 25.00 = 50.00", "subtotal 50.00", "shipping 0.00", "total 50.00")
    call(learner.receipt, "lamp,2,2500").returns(expected)
    call(learner.receipt, "lamp,1,4999").satisfies(lambda text: "shipping 4.99" in text, "shipping 4.99")


def test_discount_can_bring_shipping_back(learner):
    """Free shipping is decided after the discount: 55.00 minus 10% pays shipping again."""
    expected = receipt_of(
        "1 x chair @ 55.00 = 55.00",
        "subtotal 55.00",
        "discount -5.50 (SAVE10)",
        "shipping 4.99",
        "total 54.49",
    )
    call(learner.receipt, "chair,1,5500\ncoupon,SAVE10").returns(expected)


def test_save10_rounds_down(learner):
    """SAVE10 takes 10% off, rounded down to the cent: 9.99 gets 0.99 off."""
    call(learner.receipt, "pen,1,999\ncoupon,SAVE10").satisfies(
        lambda text: "discount -0.99 (SAVE10)" in text.splitlines(), "a line 'discount -0.99 (SAVE10)'"
    )


def test_fiveoff_never_more_than_the_order(learner):
    """FIVEOFF takes 5.00 off, but never more than the subtotal."""
    call(learner.receipt, "gum,2,150\ncoupon,fiveoff").returns(
        receipt_of(
            "2 x gum @ 1.50 = 3.00",
            "subtotal 3.00",
            "discount -3.00 (FIVEOFF)",
            "shipping 4.99",
            "total 4.99",
        )
    )
    call(learner.receipt, "book,1,1250\ncoupon,FIVEOFF").satisfies(
        lambda text: text.endswith("discount -5.00 (FIVEOFF)\nshipping 4.99\ntotal 12.49"), "5.00 off 12.50"
    )


@pytest.mark.points(2)
def test_bulk_needs_ten_items(learner):
    """BULK takes 15% off orders of 10 items or more (counting quantities), and nothing below."""
    ten = receipt_of("4 x cup @ 1.00 = 4.00", "6 x plate @ 2.00 = 12.00", "subtotal 16.00")
    call(learner.receipt, "cup,4,100\nplate,6,200\ncoupon,BULK").returns(
        receipt_of(ten, "discount -2.40 (BULK)", "shipping 4.99", "total 18.59")
    )
    call(learner.receipt, "cup,4,100\nplate,5,200\ncoupon,BULK").satisfies(
        lambda text: "discount -0.00 (BULK)" in text.splitlines(),
        "a line 'discount -0.00 (BULK)' for 9 items",
    )


def test_duplicate_items_stay_separate_lines(learner):
    """The same item twice gives two lines; the coupon line may come first."""
    expected = receipt_of(
        "1 x egg @ 0.30 = 0.30",
        "2 x egg @ 0.30 = 0.60",
        "subtotal 0.90",
        "discount -0.90 (FIVEOFF)",
        "shipping 4.99",
        "total 4.99",
    )
    call(learner.receipt, "coupon , FiveOff\negg,1,30\n  egg , 2 , 30  ").returns(expected)


def test_free_items_and_small_prices(learner):
    """A price of 0 is allowed, and cents below ten keep their leading zero."""
    expected = receipt_of(
        "1 x gift @ 0.00 = 0.00", "3 x nail @ 0.07 = 0.21", "subtotal 0.21", "shipping 4.99", "total 5.20"
    )
    call(learner.receipt, "gift,1,0\nnail,3,7").returns(expected)


def test_a_large_order(learner):
    """An order of 500 lines is added up exactly."""
    order = "\n".join(f"item{i},{i % 7 + 1},{i * 13 % 1000}" for i in range(500))
    total_cents = sum((i % 7 + 1) * (i * 13 % 1000) for i in range(500))
    expected_total = f"total {total_cents // 100}.{total_cents % 100:02d}"
    call(learner.receipt, order).satisfies(lambda text: text.endswith(expected_total), expected_total)


@pytest.mark.points(2)
@pytest.mark.parametrize(
    ("order", "message"),
    [
        ("", "the order has no items"),
        ("\n  \n", "the order has no items"),
        ("coupon,SAVE10", "the order has no items"),
        ("apple,3", "line 1: expected name,quantity,price_cents, got 'apple,3'"),
        ("tea,1,5\napple,3,50,1", "line 2: expected name,quantity,price_cents, got 'apple,3,50,1'"),
        (" ,1,50", "line 1: the item needs a name"),
        ("apple,0,50", "line 1: quantity must be a whole number above 0, got '0'"),
        ("apple,-2,50", "line 1: quantity must be a whole number above 0, got '-2'"),
        ("\napple,two,50", "line 2: quantity must be a whole number above 0, got 'two'"),
        ("apple,2,0.5", "line 1: price must be a whole number of cents, got '0.5'"),
        ("apple,2,50\ncoupon,HALF", "line 2: unknown coupon 'HALF'"),
        ("apple,2,50\ncoupon", "line 2: expected coupon,CODE"),
        ("apple,2,50\ncoupon,BULK,5", "line 2: expected coupon,CODE"),
        ("coupon,BULK\napple,2,50\ncoupon,SAVE10", "line 3: only one coupon per order"),
    ],
    ids=[
        "empty",
        "blank-lines",
        "coupon-only",
        "two-fields",
        "four-fields",
        "no-name",
        "zero-quantity",
        "negative-quantity",
        "word-quantity",
        "decimal-price",
        "unknown-coupon",
        "coupon-without-code",
        "coupon-extra-field",
        "second-coupon",
    ],
)
def test_bad_orders_are_refused_with_the_same_message(learner, order, message):
    """A bad order is refused with exactly the message the starter gives."""
    call(learner.receipt, order).raises(ValueError, match=message)


def test_rejects_what_is_not_text(learner):
    """An order that is not text is refused with a TypeError."""
    call(learner.receipt, ["apple,1,50"]).raises(TypeError, match="order must be text, got list")
    call(learner.receipt, None).raises(TypeError, match="got NoneType")


# Orders as a learner's customers might type them: good items, coupons, and every kind of bad line.
FIELDS = st.sampled_from(
    ["apple", " tea ", "", " ", "coupon", "0", "1", "3", "-2", "two", "0.5", "250", "9999"]
)
CODES = st.sampled_from(["SAVE10", "save10", " FiveOff ", "BULK", "BOGUS", "", "half"])
PRICES = st.one_of(st.integers(0, 6000), st.sampled_from([4999, 5000, 5500, 5556]))
GOOD_ITEMS = st.builds(
    "{},{},{}".format, st.sampled_from(["apple", " lamp ", "tea"]), st.integers(1, 12), PRICES
)
COUPON_LINES = st.one_of(
    CODES.map("coupon,{}".format), CODES.map("coupon, {}, 5".format), st.just("coupon"), st.just(" coupon ")
)
ANY_LINES = st.lists(FIELDS, min_size=1, max_size=4).map(",".join)
LINES = st.one_of(GOOD_ITEMS, GOOD_ITEMS, COUPON_LINES, COUPON_LINES, ANY_LINES, st.just(""))
ORDERS = st.lists(LINES, max_size=7).map("\n".join)
NOT_TEXT = st.sampled_from([None, 42, ["apple,1,50"], b"apple,1,50"])


@pytest.mark.points(4)
def test_any_order_gives_what_the_starter_gives(learner, original):
    """Generated orders, good and bad, give exactly the starter's receipt or error message."""
    same_behaviour(learner.receipt, original.receipt, st.one_of(ORDERS, NOT_TEXT))
