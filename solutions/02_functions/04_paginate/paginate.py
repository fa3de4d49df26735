"""One page of a long list, the way an API returns it."""

MAX_PER_PAGE = 100


def paginate(items: list, *, page: int = 1, per_page: int = 10) -> dict:
    """Return page ``page`` of ``items``, ``per_page`` items to a page, with the paging facts."""
    # The * makes page and per_page keyword-only: paginate(items, 2, 5) cannot mix them up.
    check_count("page", page, highest=None)
    check_count("per_page", per_page, highest=MAX_PER_PAGE)
    start = (page - 1) * per_page
    return {
        "items": items[start : start + per_page],
        "page": page,
        "per_page": per_page,
        "total": len(items),
        "pages": -(-len(items) // per_page),  # division rounded up
    }


def check_count(name: str, value: int, highest: int | None) -> None:
    """Refuse anything but a whole number from 1 to ``highest`` (no upper bound if None)."""
    if type(value) is not int:
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if highest is None and value < 1:
        raise ValueError(f"{name} must be 1 or more, got {value}")
    if highest is not None and not 1 <= value <= highest:
        raise ValueError(f"{name} must be between 1 and {highest}, got {value}")
