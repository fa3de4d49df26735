"""Prices as text: return the text, and let the caller decide what to do with it."""


def format_price(cents: int) -> str:
    """Return a price in cents as euros: 123456 -> '1,234.56 EUR', -350 -> '-3.50 EUR'.

    Raise TypeError when ``cents`` is not an int (True and 2.5 are not prices).
    """
    raise NotImplementedError


def price_lines(items: list[tuple[str, int]]) -> list[str]:
    """Return one line 'name: price' per (name, cents) item, in the order given.

    Use format_price() for each price.
    """
    raise NotImplementedError
