"""Prices as text: return the text, and let the caller decide what to do with it."""

CENTS_PER_EURO = 100


def format_price(cents: int) -> str:
    """Return a price in cents as euros: 123456 -> '1,234.56 EUR', -350 -> '-3.50 EUR'."""
    # bool is a kind of int in Python, but True is not a price.
    if type(cents) is not int:
        raise TypeError(f"cents must be an int, got {type(cents).__name__}")
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), CENTS_PER_EURO)
    return f"{sign}{euros:,}.{rest:02d} EUR"


def price_lines(items: list[tuple[str, int]]) -> list[str]:
    """Return one line 'name: price' per (name, cents) item, in the order given."""
    return [f"{name}: {format_price(cents)}" for name, cents in items]
