"""Mistake: only checks that per_page is positive, so a client can ask for a million items at once.

Hint: per_page may be anything from 1 to 100, both included.
"""


def paginate(items, *, page=1, per_page=10):
    for name, value in (("page", page), ("per_page", per_page)):
        if type(value) is not int:
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if page < 1:
        raise ValueError(f"page must be 1 or more, got {page}")
    if per_page < 1:
        raise ValueError(f"per_page must be between 1 and 100, got {per_page}")
    start = (page - 1) * per_page
    pages = -(-len(items) // per_page)
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "pages": pages,
    }
