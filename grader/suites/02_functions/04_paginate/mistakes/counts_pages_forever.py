"""Mistake: counts the pages with a while loop whose count of items left never goes down."""

MAX_PER_PAGE = 100


def paginate(items, *, page=1, per_page=10):
    for name, value, highest in (("page", page, None), ("per_page", per_page, MAX_PER_PAGE)):
        if type(value) is not int:
            raise TypeError(f"{name} must be an int, got {type(value).__name__}")
        if value < 1 or (highest is not None and value > highest):
            raise ValueError(f"{name} is out of range: {value}")
    pages = 0
    left = len(items)
    while left > 0:
        pages += 1
        left - per_page
    start = (page - 1) * per_page
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "pages": pages,
    }
