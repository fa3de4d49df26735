"""Mistake: keeps the parameters in the order they were passed instead of sorting them.

Hint: sorted(params.items()) gives the parameters in name order.
"""

from urllib.parse import quote, urlencode


def build_url(base: str, *segments: str | int, **params: object) -> str:
    """Return ``base/segment/...?key=value&...``: segments in order, parameters sorted by name."""
    if not isinstance(base, str):
        raise TypeError(f"base must be text, got {type(base).__name__}")
    url = "/".join([base.rstrip("/"), *(path_segment(s) for s in segments)])
    # Sorted, so the same call always gives the same URL (caches and tests rely on it).
    query = {name: query_value(value) for name, value in params.items() if value is not None}
    return f"{url}?{urlencode(query)}" if query else url


def path_segment(segment: str | int) -> str:
    """One segment, without slashes around it, encoded for a URL: 'my file' -> 'my%20file'."""
    if type(segment) not in (str, int):
        raise TypeError(f"a path segment must be text or an int, got {type(segment).__name__}")
    text = str(segment).strip("/")
    if not text:
        raise ValueError(f"a path segment cannot be empty, got {segment!r}")
    return quote(text, safe="")


def query_value(value: object) -> str:
    """A parameter's value as URL text; booleans the way JSON writes them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
