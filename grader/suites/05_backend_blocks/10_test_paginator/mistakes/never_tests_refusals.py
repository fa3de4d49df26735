"""Mistake: tests every page and edge but never the refusals, so accepting bad page numbers slips through."""

from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_the_first_page():
    assert paginate(LETTERS, 1, 10) == {"items": LETTERS[:10], "page": 1, "pages": 3, "total": 25}


def test_the_last_page():
    assert paginate(LETTERS, 3, 10) == {"items": LETTERS[20:], "page": 3, "pages": 3, "total": 25}


def test_an_empty_list():
    assert paginate([], 1, 10) == {"items": [], "page": 1, "pages": 1, "total": 0}
