"""Hidden tests for the format-price exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_euros_and_cents(learner):
    """1234 cents are '12.34 EUR'."""
    call(learner.format_price, 1234).returns("12.34 EUR")


def test_cents_keep_their_leading_zero(learner):
    """Small amounts keep two decimals: 5 cents are '0.05 EUR', 1000 cents '10.00 EUR'."""
    call(learner.format_price, 5).returns("0.05 EUR")
    call(learner.format_price, 1000).returns("10.00 EUR")
    call(learner.format_price, 0).returns("0.00 EUR")


def test_thousands_are_separated(learner):
    """Large prices have a comma between thousands: 123456789 cents are '1,234,567.89 EUR'."""
    call(learner.format_price, 123456789).returns("1,234,567.89 EUR")
    call(learner.format_price, 100000).returns("1,000.00 EUR")
    call(learner.format_price, 99999).returns("999.99 EUR")


@pytest.mark.points(2)
def test_negative_prices(learner):
    """A refund is negative: -350 cents are '-3.50 EUR', -5 are '-0.05 EUR'."""
    call(learner.format_price, -350).returns("-3.50 EUR")
    call(learner.format_price, -5).returns("-0.05 EUR")
    call(learner.format_price, -1).returns("-0.01 EUR")
    call(learner.format_price, -123456).returns("-1,234.56 EUR")


@pytest.mark.points(2)
@pytest.mark.parametrize("value", [2.5, "12", True, None], ids=["float", "text", "bool", "None"])
def test_rejects_what_is_not_an_int(learner, value):
    """Only an int is a price: anything else raises TypeError naming its type."""
    call(learner.format_price, value).raises(
        TypeError, match=f"cents must be an int, got {type(value).__name__}"
    )


@pytest.mark.points(2)
def test_price_lines(learner):
    """price_lines gives one 'name: price' line per item, in order."""
    call(learner.price_lines, [("apple", 50), ("bread", 225)]).returns(["apple: 0.50 EUR", "bread: 2.25 EUR"])


def test_price_lines_empty_and_one(learner):
    """No items give no lines; one item gives one line."""
    call(learner.price_lines, []).returns([])
    call(learner.price_lines, [("tv", 49999)]).returns(["tv: 499.99 EUR"])


def test_price_lines_keeps_duplicates(learner):
    """The same item twice gives two lines."""
    call(learner.price_lines, [("egg", 30), ("egg", 30)]).returns(["egg: 0.30 EUR", "egg: 0.30 EUR"])


def test_price_lines_large(learner):
    """A thousand items give a thousand lines, each formatted like format_price."""
    items = [(f"item{i}", i * 37 - 5000) for i in range(1000)]
    expected = []
    for name, cents in items:
        sign = "-" if cents < 0 else ""
        euros, rest = divmod(abs(cents), 100)
        expected.append(f"{name}: {sign}{euros:,}.{rest:02d} EUR")
    call(learner.price_lines, items).returns(expected)
