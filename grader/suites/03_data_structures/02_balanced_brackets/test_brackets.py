"""Hidden tests for the balanced-brackets exercise."""

import pytest

from grader.testkit import call

# Why True, not 1: said in the message when the type is wrong.
A_BOOL = "the README asks for a bool: a caller may test `is_balanced(text) is True`"


@pytest.mark.points(2)
def test_nested_brackets_are_balanced(learner):
    """Brackets of every kind, nested and side by side, are balanced."""
    call(learner.is_balanced, "{[()()]}").returns(True, exact_type=A_BOOL)
    call(learner.first_unmatched, "{[()()]}").returns(None)


def test_empty_text_is_balanced(learner):
    """Text with no characters at all is balanced."""
    call(learner.is_balanced, "").returns(True, exact_type=A_BOOL)
    call(learner.first_unmatched, "").returns(None)


def test_other_characters_are_ignored(learner):
    """Letters, digits and spaces between brackets do not matter."""
    call(learner.is_balanced, 'f(a[1], {"k": 2}) + g()').returns(True, exact_type=A_BOOL)
    call(learner.first_unmatched, "no brackets at all").returns(None)


@pytest.mark.points(2)
def test_crossed_brackets_are_not_balanced(learner):
    """In ([)] the ) closes a [ : not balanced, and the problem is at index 2."""
    call(learner.is_balanced, "([)]").returns(False, exact_type=A_BOOL)
    call(learner.first_unmatched, "([)]").returns(2)


def test_wrong_kind_of_closer(learner):
    """A ( closed by ] is not balanced."""
    call(learner.is_balanced, "(]").returns(False, exact_type=A_BOOL)
    call(learner.first_unmatched, "print(items[0)]").returns(13)


@pytest.mark.points(2)
def test_closing_with_nothing_open(learner):
    """A closing bracket when nothing is open is the problem: ) at index 0, ] at index 4."""
    call(learner.first_unmatched, ")").returns(0)
    call(learner.first_unmatched, "()()]").returns(4)
    call(learner.is_balanced, ")(").returns(False, exact_type=A_BOOL)


@pytest.mark.points(2)
def test_brackets_left_open(learner):
    """Text that ends with brackets still open is not balanced; the newest open one is reported."""
    call(learner.is_balanced, "((").returns(False, exact_type=A_BOOL)
    call(learner.first_unmatched, "{[(").returns(2)
    call(learner.first_unmatched, "(a)(b").returns(3)


def test_one_bracket(learner):
    """A single opening bracket is not balanced, and it is at index 0."""
    call(learner.is_balanced, "[").returns(False, exact_type=A_BOOL)
    call(learner.first_unmatched, "[").returns(0)


def test_text_that_is_not_a_str_is_refused(learner):
    """A number, None or a list is refused with a TypeError."""
    call(learner.first_unmatched, 42).raises(TypeError)
    call(learner.is_balanced, None).raises(TypeError)
    call(learner.is_balanced, ["(", ")"]).raises(TypeError)


@pytest.mark.points(2)
def test_very_deep_nesting(learner):
    """100 000 brackets nested inside each other are checked, balanced or not."""
    deep = "(" * 100_000 + ")" * 100_000
    call(learner.is_balanced, deep).returns(True, exact_type=A_BOOL)
    call(learner.first_unmatched, deep + "]").returns(200_000)
    call(learner.first_unmatched, "[" + deep).returns(0)
