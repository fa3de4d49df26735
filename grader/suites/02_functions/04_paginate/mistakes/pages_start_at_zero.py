"""Mistake: treats page numbers as positions from 0, so page 1 skips the first page of items.

Hint: Pages start at 1 but positions at 0: page 1 starts at position 0, so start = (page - 1) *
per_page.
"""


def paginate(items, *, page=1, per_page=10):
    for name, value in (("page", page), ("per_page", per_page)):
        if type(value) is not int:
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if page < 1:
        raise ValueError(f"page must be 1 or more, got {page}")
    if not 1 <= per_page <= 100:
        raise ValueError(f"per_page must be between 1 and 100, got {per_page}")
    start = page * per_page
    pages = -(-len(items) // per_page)
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "pages": pages,
    }
