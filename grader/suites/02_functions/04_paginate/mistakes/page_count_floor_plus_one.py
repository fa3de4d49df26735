"""Mistake: counts pages as len // per_page + 1, one too many when the items fit exactly.

Hint: The page count rounds up: 25 items at 10 a page need 3 pages, 20 need 2, 0 need 0.
"""


def paginate(items, *, page=1, per_page=10):
    for name, value in (("page", page), ("per_page", per_page)):
        if type(value) is not int:
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if page < 1:
        raise ValueError(f"page must be 1 or more, got {page}")
    if not 1 <= per_page <= 100:
        raise ValueError(f"per_page must be between 1 and 100, got {per_page}")
    start = (page - 1) * per_page
    pages = len(items) // per_page + 1
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "pages": pages,
    }
