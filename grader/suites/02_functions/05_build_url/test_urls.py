"""Hidden tests for the build-url exercise."""

import pytest

from grader.testkit import call

API = "https://api.example.com"


def test_base_alone(learner):
    """With no segments and no parameters the URL is the base itself, without a trailing slash."""
    call(learner.build_url, API).returns(API)
    call(learner.build_url, API + "/").returns(API)


@pytest.mark.points(2)
def test_segments_in_order(learner):
    """Segments are joined with single slashes, in order; ints are fine."""
    call(learner.build_url, API + "/", "users", 42, "orders").returns(API + "/users/42/orders")
    call(learner.build_url, API, "a", "a").returns(API + "/a/a")
    call(learner.build_url, "https://mail.example.com/v1/TAX/", "INBOX").returns(
        "https://mail.example.com/v1/TAX/INBOX"
    )


def test_slashes_around_segments_are_removed(learner):
    """Slashes around a segment are removed, so there is never a double slash."""
    call(learner.build_url, API, "/reports/", "/2024", "june/").returns(API + "/reports/2024/june")


@pytest.mark.points(2)
def test_parameters_sorted_by_name(learner):
    """Parameters are sorted by name, whatever order they were given in."""
    call(learner.build_url, API, "tasks", status="open", page=2).returns(API + "/tasks?page=2&status=open")
    call(learner.build_url, API, z=1, a=2, m=3).returns(API + "?a=2&m=3&z=1")


def test_none_parameters_are_left_out(learner):
    """A parameter set to None is left out; with none left there is no '?'."""
    call(learner.build_url, API, "tasks", owner=None, page=1).returns(API + "/tasks?page=1")
    call(learner.build_url, API, "tasks", owner=None).returns(API + "/tasks")


def test_booleans_are_lower_case(learner):
    """True and False are written true and false."""
    call(learner.build_url, API, done=False, urgent=True).returns(API + "?done=false&urgent=true")


def test_special_characters_are_encoded(learner):
    """Spaces, slashes and & inside values are encoded so the URL stays one URL."""
    call(learner.build_url, "https://files.example.com", "/reports/", "my file.txt", q="a b&c").returns(
        "https://files.example.com/reports/my%20file.txt?q=a+b%26c"
    )
    call(learner.build_url, API, "a/b").returns(API + "/a%2Fb")


def test_many_segments_and_parameters(learner):
    """200 segments and 100 parameters all arrive, the parameters sorted."""
    segments = [f"s{i}" for i in range(200)]
    params = {f"p{i:03d}": i for i in range(99, -1, -1)}
    expected = API + "/" + "/".join(segments) + "?" + "&".join(f"p{i:03d}={i}" for i in range(100))
    call(learner.build_url, API, *segments, **params).returns(expected)


@pytest.mark.points(2)
@pytest.mark.parametrize("segment", ["", "/", "//"], ids=["empty", "slash", "two-slashes"])
def test_rejects_an_empty_segment(learner, segment):
    """A segment that is empty once its slashes are removed raises ValueError."""
    message = f"a path segment cannot be empty, got {segment!r}"
    call(learner.build_url, API, "users", segment).raises(ValueError, match=message)


@pytest.mark.parametrize("segment", [2.5, None, True], ids=["float", "None", "bool"])
def test_rejects_a_segment_that_is_not_text_or_int(learner, segment):
    """A segment that is neither text nor an int raises TypeError naming its type."""
    message = f"a path segment must be text or an int, got {type(segment).__name__}"
    call(learner.build_url, API, segment).raises(TypeError, match=message)


def test_rejects_a_base_that_is_not_text(learner):
    """The base must be text: None raises TypeError."""
    call(learner.build_url, None, "users").raises(TypeError, match="base must be text, got NoneType")
