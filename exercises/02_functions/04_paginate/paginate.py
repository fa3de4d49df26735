"""One page of a long list, the way an API returns it."""


def paginate(items: list, *, page: int = 1, per_page: int = 10) -> dict:
    """Return page ``page`` of ``items``, ``per_page`` items to a page, with the paging facts.

    The result is a dict with the keys "items" (the items on this page),
    "page", "per_page", "total" (how many items in all) and "pages" (how many
    pages in all). Pages are numbered from 1. A page after the last one has no items.

    Raise TypeError if page or per_page is not an int. Raise ValueError if
    page is below 1 ("page must be 1 or more, got 0"), or if per_page is not
    between 1 and 100 ("per_page must be between 1 and 100, got 500").
    """
    raise NotImplementedError
