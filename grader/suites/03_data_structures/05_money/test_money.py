"""Hidden tests for the money exercise: a frozen dataclass compared by value."""

import pytest

from grader.testkit import call


def fields(value):
    """The (cents, currency) of a learner's Money, or None when it is not one."""
    try:
        return (value.cents, value.currency)
    except Exception:
        return None


def shown_as(value):
    """The learner's own repr of an object, as the worker recorded it when the object came back."""
    text = repr(value)
    marker = "from your code: "
    return text[text.index(marker) + len(marker) : -1] if marker in text else text


def is_money(cents, currency):
    return lambda value: fields(value) == (cents, currency)


@pytest.mark.points(2)
def test_fields_are_kept(learner):
    """Money(1250, 'EUR') has cents 1250 and currency 'EUR'."""
    price = learner.Money(1250, "EUR")
    assert fields(price) == (1250, "EUR"), f"Money(1250, 'EUR') has (cents, currency) {fields(price)!r}"
    call(learner.Money, 0, "USD").satisfies(is_money(0, "USD"), "Money(cents=0, currency='USD')")


@pytest.mark.points(2)
def test_repr_shows_the_fields(learner):
    """repr(Money(1250, 'EUR')) is Money(cents=1250, currency='EUR')."""
    shown = shown_as(learner.Money(1250, "EUR"))
    expected = "Money(cents=1250, currency='EUR')"
    if shown != expected:
        raise AssertionError(f"Created Money(1250, 'EUR'); its repr is {shown}, expected {expected}.")


@pytest.mark.points(3)
def test_equal_amounts_count_once(learner):
    """Equal amounts count once; the same cents in another currency is a different amount."""
    amounts = [learner.Money(1250, "EUR"), learner.Money(1250, "EUR"), learner.Money(1250, "USD")]
    call(learner.count_distinct, amounts).returns(2)
    amounts += [learner.Money(5, "EUR"), learner.Money(1250, "EUR"), learner.Money(5, "EUR")]
    call(learner.count_distinct, amounts).returns(3)


def test_no_amounts_and_one_amount(learner):
    """An empty list has 0 different amounts; a list of one has 1."""
    call(learner.count_distinct, []).returns(0)
    call(learner.count_distinct, [learner.Money(1, "EUR")]).returns(1)


@pytest.mark.points(2)
def test_plus_makes_a_new_amount(learner):
    """Money(1250, 'EUR').plus(Money(50, 'EUR')) is a new Money of 1300 cents; neither original changes."""
    price = learner.Money(1250, "EUR")
    fee = learner.Money(50, "EUR")
    call(price.plus, fee).satisfies(is_money(1300, "EUR"), "Money(cents=1300, currency='EUR')")
    call(fee.plus, learner.Money(-80, "EUR")).satisfies(
        is_money(-30, "EUR"), "Money(cents=-30, currency='EUR')"
    )
    assert fields(price) == (1250, "EUR"), f"after price.plus(fee), price is {shown_as(price)}"


@pytest.mark.points(2)
def test_plus_refuses_another_currency(learner):
    """Adding dollars to euros raises ValueError naming both currencies."""
    euros = learner.Money(1250, "EUR")
    call(euros.plus, learner.Money(100, "USD")).raises(ValueError, match="USD").raises(
        ValueError, match="EUR"
    )


@pytest.mark.points(2)
def test_format(learner):
    """format() shows two decimals and the currency, for small, round, large and negative amounts."""
    for cents, text in [
        (1250, "12.50"),
        (5, "0.05"),
        (0, "0.00"),
        (100_000, "1000.00"),
        (-5, "-0.05"),
        (-1, "-0.01"),
        (-1250, "-12.50"),
    ]:
        call(learner.Money(cents, "EUR").format).returns(f"{text} EUR")


def test_format_is_exact_for_any_amount(learner):
    """format() is exact however large the amount: integer arithmetic has no rounding error."""
    for cents, text in [
        (9_007_199_254_740_993, "90071992547409.93"),
        (-(10**18) - 1, "-10000000000000000.01"),
    ]:
        call(learner.Money(cents, "EUR").format).returns(f"{text} EUR")


@pytest.mark.points(2)
def test_bad_fields_are_refused(learner):
    """Money refuses cents that are not an int (TypeError) and a currency unlike 'EUR' (ValueError)."""
    call(learner.Money, 12.5, "EUR").raises(TypeError)
    call(learner.Money, "1250", "EUR").raises(TypeError)
    call(learner.Money, True, "EUR").raises(TypeError)
    call(learner.Money, 1250, "eur").raises(ValueError)
    call(learner.Money, 1250, "EURO").raises(ValueError)
    call(learner.Money, 1250, "E1R").raises(ValueError)


def test_many_amounts(learner):
    """300 amounts, each repeated, in two currencies: 200 different amounts."""
    amounts = [learner.Money(n % 100, "EUR" if n % 3 else "USD") for n in range(300)]
    call(learner.count_distinct, amounts).returns(200)
