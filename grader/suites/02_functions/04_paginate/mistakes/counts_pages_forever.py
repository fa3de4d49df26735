"""Mistake: counts the pages with a while loop whose count of items left never goes down."""

MAX_PER_PAGE = 100


def paginate(items, *, page=1, per_page=10):
    check_count("page", page, highest=None)
    check_count("per_page", per_page, highest=MAX_PER_PAGE)
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


def check_count(name, value, highest):
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if highest is None and value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    if highest is not None and not 1 <= value <= highest:
        raise ValueError(f"{name} must be between 1 and {highest}, got {value}")
