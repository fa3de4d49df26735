"""Bug: counts pages from 0 inside, so page 1 shows the second page's items.

A planted-bug version of paginator.py for the test-paginator exercise: the
learner's tests must fail on it. Only the line(s) named differ from correct/.
"""

from __future__ import annotations

MAX_PER_PAGE = 100


def paginate(items: list, page: int = 1, per_page: int = 10) -> dict:
    """Return {'items', 'page', 'pages', 'total'} for page ``page`` (counted from 1) of ``items``.

    pages is how many pages there are: a partly filled last page counts, and an
    empty list still has one (empty) page. page must be an int from 1 to pages
    and per_page an int from 1 to 100, else ValueError. ``items`` is not changed.
    """
    if type(per_page) is not int or not 1 <= per_page <= MAX_PER_PAGE:
        raise ValueError(f"per_page must be a whole number from 1 to {MAX_PER_PAGE}, got {per_page!r}")
    total = len(items)
    pages = max(1, -(-total // per_page))  # rounds up: 21 items at 10 a page make 3 pages
    if type(page) is not int or not 1 <= page <= pages:
        raise ValueError(f"page must be a whole number from 1 to {pages}, got {page!r}")
    start = page * per_page
    return {"items": items[start : start + per_page], "page": page, "pages": pages, "total": total}
