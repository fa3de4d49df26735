"""Mistake: checks with isinstance(cents, int), which lets True through as 1 cent.

Hint: True is an int to isinstance(): check type(cents) is int, so a bool is refused.
"""


def format_price(cents):
    if not isinstance(cents, int):
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}.{rest:02d} EUR"


def price_lines(items):
    return [f"{name}: {format_price(cents)}" for name, cents in items]
