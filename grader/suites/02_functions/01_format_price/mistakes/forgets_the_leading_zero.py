"""Mistake: writes the cents without padding, so 5 cents become '0.5 EUR'.

Hint: The cents always have two digits: f'{rest:02d}' writes 5 as '05'.
"""


def format_price(cents):
    if type(cents) is not int:
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}{euros:,}.{rest} EUR"


def price_lines(items):
    return [f"{name}: {format_price(cents)}" for name, cents in items]
