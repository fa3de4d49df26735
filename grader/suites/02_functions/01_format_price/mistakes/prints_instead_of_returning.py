"""Mistake: prints the price instead of returning it, so the function returns None."""


def format_price(cents):
    if type(cents) is not int:
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    print(f"{sign}{euros:,}.{rest:02d} EUR")


def price_lines(items):
    return [f"{name}: {format_price(cents)}" for name, cents in items]
