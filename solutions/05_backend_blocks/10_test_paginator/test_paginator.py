"""Tests for paginate(): every number on a page, the edges of the last page, and every refusal.

Reference solution. A paginator has few lines and many edges: the first
page, a full last page, a partly filled last page, an empty list, one past
the end. Each test names one claim, so a failure says which one broke.
"""

import pytest
from paginator import paginate

LETTERS = list("abcdefghijklmnopqrstuvwxy")  # 25 items


def test_the_first_page():
    assert paginate(LETTERS, 1, 10) == {"items": LETTERS[:10], "page": 1, "pages": 3, "total": 25}


def test_a_middle_page():
    assert paginate(LETTERS, 2, 10)["items"] == LETTERS[10:20]


def test_a_partly_filled_last_page_counts():
    result = paginate(LETTERS, 3, 10)
    assert result["items"] == ["u", "v", "w", "x", "y"]
    assert result["pages"] == 3
    assert result["total"] == 25


def test_a_full_last_page_makes_no_extra_page():
    assert paginate(LETTERS[:20], 2, 10)["pages"] == 2


def test_the_defaults_are_page_1_of_10():
    assert paginate(LETTERS) == paginate(LETTERS, 1, 10)


def test_an_empty_list_has_one_empty_page():
    assert paginate([], 1, 10) == {"items": [], "page": 1, "pages": 1, "total": 0}


def test_one_item_per_page():
    assert paginate(LETTERS, 25, 1)["items"] == ["y"]


def test_the_list_is_not_changed():
    items = list(LETTERS)
    paginate(items, 2, 10)
    assert items == LETTERS


@pytest.mark.parametrize("page", [0, -1, 4, True, "1", 1.0])
def test_pages_outside_the_range_are_refused(page):
    with pytest.raises(ValueError, match="page"):
        paginate(LETTERS, page, 10)


def test_page_2_of_an_empty_list_is_refused():
    with pytest.raises(ValueError):
        paginate([], 2, 10)


@pytest.mark.parametrize("per_page", [0, -5, 101, True, "10"])
def test_bad_page_sizes_are_refused(per_page):
    with pytest.raises(ValueError, match="per_page"):
        paginate(LETTERS, 1, per_page)


def test_the_largest_page_size_is_allowed():
    assert paginate(list(range(250)), 3, 100)["items"] == list(range(200, 250))
