"""Build the URL of an API call from a base, any number of path segments and query parameters."""

from urllib.parse import quote, urlencode  # noqa: F401 - you will need both


def build_url(base: str, *segments: str | int, **params: object) -> str:
    """Return ``base/segment/...?key=value&...``: segments in order, parameters sorted by name.

    - The base loses any "/" at its end; each segment loses "/" at both ends
      and is encoded with quote(text, safe="").
    - A segment must be text or an int (TypeError otherwise) and must not be
      empty once its slashes are gone (ValueError).
    - Parameters whose value is None are left out; True and False are
      written true and false; the query is encoded with urlencode().
    - Without parameters there is no "?".
    """
    raise NotImplementedError
