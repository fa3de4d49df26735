"""Hidden tests for the post-tags debug exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(3)
def test_posts_without_tags_do_not_share_them(learner):
    """Two posts created without tags each get only their own tag."""
    call(learner.add_tag, "python").returns(["python"])
    call(learner.add_tag, "news").returns(["news"])
    call(learner.add_tag, "news").returns(["news"])


@pytest.mark.points(3)
def test_the_callers_list_is_left_alone(learner):
    """The tags passed in are not changed: the result is a new list."""
    call(learner.add_tag, "news", ["python"]).left_arguments_unchanged().returns(["python", "news"])


def test_a_list_passed_in_is_not_remembered(learner):
    """A later call without tags does not see tags from an earlier call's list."""
    call(learner.add_tag, "news", ["python"]).returns(["python", "news"])
    call(learner.add_tag, "sport").returns(["sport"])


def test_the_tag_is_cleaned(learner):
    """Spaces around the tag are removed and it is lower-cased."""
    call(learner.add_tag, "  PyThOn ").returns(["python"])
    call(learner.add_tag, "Web Dev", ["a"]).returns(["a", "web dev"])


def test_duplicates_are_not_added(learner):
    """A tag already there (after cleaning) is not added again; the order is kept."""
    call(learner.add_tag, "PYTHON ", ["news", "python"]).returns(["news", "python"])
    call(learner.add_tag, "b", ["a", "b", "c"]).returns(["a", "b", "c"])


def test_an_empty_list_is_fine(learner):
    """An explicit empty list works like no tags."""
    call(learner.add_tag, "x", []).left_arguments_unchanged().returns(["x"])


def test_many_tags(learner):
    """A post with 1000 tags gets one more at the end."""
    tags = [f"tag{i}" for i in range(1000)]
    call(learner.add_tag, "Last", tags).left_arguments_unchanged().returns(tags + ["last"])


@pytest.mark.parametrize("tag", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_rejects_an_empty_tag(learner, tag):
    """A tag that is empty once cleaned raises ValueError."""
    call(learner.add_tag, tag).raises(ValueError, match="a tag cannot be empty")


@pytest.mark.parametrize("tag", [None, 42, ["python"]], ids=["None", "int", "list"])
def test_rejects_a_tag_that_is_not_text(learner, tag):
    """A tag that is not text raises TypeError naming its type."""
    call(learner.add_tag, tag).raises(TypeError, match=f"a tag must be text, got {type(tag).__name__}")
