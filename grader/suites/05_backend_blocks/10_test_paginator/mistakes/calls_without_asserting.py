"""Mistake: calls paginate() in every test but asserts nothing, so only a crash could ever fail."""

from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_pages():
    paginate(LETTERS, 1, 10)
    paginate(LETTERS, 3, 10)
    paginate([], 1, 10)
