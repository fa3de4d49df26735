"""Hidden tests for the pairs-with-sum exercise."""

import pytest

from grader.testkit import call


@pytest.mark.points(3)
@pytest.mark.hint("Return the positions as tuples, (i, j), collected in a list.", when="wrong_type")
def test_finds_every_pair(learner):
    """In [1, 2, 3, 4] the pairs adding to 5 are at positions (0, 3) and (1, 2)."""
    call(learner.pairs_with_sum, [1, 2, 3, 4], 5).returns([(0, 3), (1, 2)])


def test_no_pair_adds_up(learner):
    """When no two numbers add up to the target, the answer is an empty list."""
    call(learner.pairs_with_sum, [1, 2, 3], 100).returns([])


def test_empty_list(learner):
    """An empty list has no pairs."""
    call(learner.pairs_with_sum, [], 7).returns([])


@pytest.mark.points(2)
def test_position_not_paired_with_itself(learner):
    """5 + 5 is 10, but [5, 3] holds only one 5, so there is no pair."""
    call(learner.pairs_with_sum, [5, 3], 10).returns([])


@pytest.mark.points(2)
def test_each_pair_found_once(learner):
    """The pair of positions 0 and 1 is listed once, as (0, 1), not also as (1, 0)."""
    call(learner.pairs_with_sum, [2, 3], 5).returns([(0, 1)])


@pytest.mark.points(2)
def test_repeated_numbers_make_several_pairs(learner):
    """In [2, 2, 2] with target 4, every two different positions form a pair."""
    call(learner.pairs_with_sum, [2, 2, 2], 4).returns([(0, 1), (0, 2), (1, 2)])


@pytest.mark.points(2)
def test_negative_numbers_and_zero(learner):
    """Negative numbers and zero can be part of a pair too."""
    call(learner.pairs_with_sum, [-1, 0, 1, 2, 3], 2).returns([(0, 4), (1, 3)])


@pytest.mark.points(2)
@pytest.mark.hint("Do not sort or change the list: loop over it as it is.", when="mutated_input")
def test_input_list_is_not_changed(learner):
    """The list you are given still holds the same numbers, in the same order."""
    call(learner.pairs_with_sum, [5, 2, 1], 3).left_arguments_unchanged().returns([(1, 2)])


def test_large_and_negative_numbers(learner):
    """Numbers are compared by value, however large: in [1000, 2000, -700, 3700] two pairs make 3000."""
    call(learner.pairs_with_sum, [1000, 2000, -700, 3700], 3000).returns([(0, 1), (2, 3)])
    call(learner.pairs_with_sum, [-300, -400, 100], -700).returns([(0, 1)])
