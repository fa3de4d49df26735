"""Mistake: tests only the first page of a long list, so every bug on later or empty pages slips through."""

from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_the_first_page():
    assert paginate(LETTERS, 1, 10)["items"] == LETTERS[:10]


def test_the_defaults():
    assert paginate(LETTERS)["page"] == 1
