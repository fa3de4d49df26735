"""Mistake: splits negative cents with divmod directly, so -350 becomes '-4.50 EUR'.

Hint: divmod(-350, 100) is (-4, 50): work with abs(cents) and put the minus sign in front yourself.
"""


def format_price(cents):
    if type(cents) is not int:
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    euros, rest = divmod(cents, 100)
    return f"{euros:,}.{rest:02d} EUR"


def price_lines(items):
    return [f"{name}: {format_price(cents)}" for name, cents in items]
