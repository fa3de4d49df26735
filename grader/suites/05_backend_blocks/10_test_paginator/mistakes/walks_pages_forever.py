"""Mistake: a test walks the pages with a while loop that never asks for the next page."""

from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_every_item_once():
    seen = []
    page = 1
    while len(seen) < len(LETTERS):
        seen.extend(paginate(LETTERS, page, 10)["items"])
    assert seen == LETTERS


def test_the_first_page():
    assert paginate(LETTERS, 1, 10)["items"] == LETTERS[:10]
