"""Mistake: a test walks the pages with a while loop that never asks for the next page."""

from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_the_last_page_holds_the_rest():
    page = 1
    last = []
    while page <= 3:
        last = paginate(LETTERS, page, 10)["items"]
    assert last == LETTERS[20:]


def test_the_first_page():
    assert paginate(LETTERS, 1, 10)["items"] == LETTERS[:10]
