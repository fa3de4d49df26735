"""Hidden tests for the paginate exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(2)
def test_first_page_by_default(learner):
    """Without page or per_page you get the first ten items."""
    call(learner.paginate, list(range(25))).returns(
        {"items": list(range(10)), "page": 1, "per_page": 10, "total": 25, "pages": 3}
    )


@pytest.mark.points(2)
def test_a_middle_page(learner):
    """Page 2 of 25 items, ten to a page, holds items 10 to 19."""
    call(learner.paginate, list(range(25)), page=2).returns(
        {"items": list(range(10, 20)), "page": 2, "per_page": 10, "total": 25, "pages": 3}
    )


def test_the_last_page_may_be_short(learner):
    """The last page holds what is left: page 3 of 25 items has five."""
    call(learner.paginate, list(range(25)), page=3).returns(
        {"items": [20, 21, 22, 23, 24], "page": 3, "per_page": 10, "total": 25, "pages": 3}
    )
    call(learner.paginate, ["a", "b", "c"], page=2, per_page=2).returns(
        {"items": ["c"], "page": 2, "per_page": 2, "total": 3, "pages": 2}
    )


@pytest.mark.points(2)
def test_page_count_rounds_up(learner):
    """The page count rounds up, and an exact fit needs no extra page."""
    call(learner.paginate, list(range(20))).satisfies(lambda r: r["pages"] == 2, "'pages' 2 for 20 items")
    call(learner.paginate, list(range(21))).satisfies(lambda r: r["pages"] == 3, "'pages' 3 for 21 items")
    call(learner.paginate, list(range(7)), per_page=1).satisfies(
        lambda r: r["pages"] == 7, "'pages' 7 for 7 items, 1 to a page"
    )


def test_no_items(learner):
    """No items: an empty first page, and zero pages."""
    call(learner.paginate, []).returns({"items": [], "page": 1, "per_page": 10, "total": 0, "pages": 0})


def test_one_item_and_duplicates(learner):
    """One item makes one page; equal items are all kept."""
    call(learner.paginate, ["x"]).returns({"items": ["x"], "page": 1, "per_page": 10, "total": 1, "pages": 1})
    call(learner.paginate, ["a", "a", "a"], per_page=2).returns(
        {"items": ["a", "a"], "page": 1, "per_page": 2, "total": 3, "pages": 2}
    )


def test_past_the_last_page_is_empty(learner):
    """A page after the last has no items, and is not an error."""
    call(learner.paginate, list(range(25)), page=4).returns(
        {"items": [], "page": 4, "per_page": 10, "total": 25, "pages": 3}
    )


def test_a_large_list(learner):
    """Page 57 of 10,000 items, 100 to a page, and the list is left unchanged."""
    items = list(range(10_000))
    call(learner.paginate, items, page=57, per_page=100).left_arguments_unchanged().returns(
        {"items": list(range(5600, 5700)), "page": 57, "per_page": 100, "total": 10_000, "pages": 100}
    )


@pytest.mark.points(2)
def test_page_and_per_page_are_keyword_only(learner):
    """paginate(items, 2) and paginate(items, 2, 5) are refused: page and per_page must be named."""
    call(learner.paginate, [1, 2, 3], page=2, per_page=1).satisfies(lambda r: isinstance(r, dict), "a dict")
    call(learner.paginate, [1, 2, 3], 2).raises(TypeError)
    call(learner.paginate, [1, 2, 3], 2, 5).raises(TypeError)


@pytest.mark.points(2)
@pytest.mark.parametrize("page", [0, -1], ids=["zero", "negative"])
def test_rejects_a_page_below_one(learner, page):
    """A page below 1 raises ValueError."""
    call(learner.paginate, [1, 2, 3], page=page).raises(
        ValueError, match=f"page must be 1 or more, got {page}"
    )


@pytest.mark.points(2)
def test_per_page_limits(learner):
    """per_page must be from 1 to 100: 0 and 101 are refused, 1 and 100 are fine."""
    call(learner.paginate, [1], per_page=0).raises(
        ValueError, match="per_page must be between 1 and 100, got 0"
    )
    call(learner.paginate, [1], per_page=101).raises(ValueError, match="between 1 and 100, got 101")
    call(learner.paginate, list(range(250)), per_page=100).satisfies(lambda r: r["pages"] == 3, "3 pages")
    call(learner.paginate, [1, 2], per_page=1, page=2).satisfies(lambda r: r["items"] == [2], "items [2]")


@pytest.mark.parametrize(
    ("options", "name"),
    [({"page": "2"}, "page"), ({"page": 2.0}, "page"), ({"per_page": True}, "per_page")],
    ids=["text-page", "float-page", "bool-per-page"],
)
def test_rejects_numbers_that_are_not_ints(learner, options, name):
    """page and per_page must be ints: anything else raises TypeError naming the parameter."""
    got = type(next(iter(options.values()))).__name__
    call(learner.paginate, [1, 2, 3], **options).raises(TypeError, match=f"{name} must be an int, got {got}")
