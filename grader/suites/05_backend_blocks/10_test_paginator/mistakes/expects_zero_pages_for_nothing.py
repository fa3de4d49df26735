"""Mistake: expects an empty list to have 0 pages, which the rules contradict, so it fails on correct code."""

import pytest
from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")


def test_the_last_page():
    assert paginate(LETTERS, 3, 10) == {"items": LETTERS[20:], "page": 3, "pages": 3, "total": 25}


def test_an_empty_list_has_no_pages():
    assert paginate([], 1, 10)["pages"] == 0


def test_page_0_is_refused():
    with pytest.raises(ValueError):
        paginate(LETTERS, 0, 10)
