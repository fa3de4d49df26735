"""Mistake: price_lines prints each line and returns nothing."""


def format_price(cents):
    if type(cents) is not int:
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}.{rest:02d} EUR"


def price_lines(items):
    for name, cents in items:
        print(f"{name}: {format_price(cents)}")
