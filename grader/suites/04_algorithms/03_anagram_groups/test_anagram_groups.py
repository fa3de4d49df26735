"""Hidden tests for the anagram-groups exercise."""

import pytest

from grader.kinds.growth import grows
from grader.testkit import call


def distinct_words(n: int) -> tuple[list[str]]:
    """Return n words no two of which are anagrams (each has its own count of a's and b's)."""
    return ([("a" * (i // 20 + 1)) + ("b" * (i % 20 + 1)) for i in range(n)],)


@pytest.mark.points(2)
def test_groups_in_order(learner):
    """listen, silent and enlist form one group, google another, in order of first appearance."""
    words = ["listen", "google", "silent", "enlist"]
    call(learner.group_anagrams, words).returns([["listen", "silent", "enlist"], ["google"]])


@pytest.mark.points(2)
def test_letter_counts_matter(learner):
    """'aab' is not an anagram of 'ab': it has two a's."""
    call(learner.group_anagrams, ["ab", "aab", "ba"]).returns([["ab", "ba"], ["aab"]])


def test_empty_and_one_word(learner):
    """No words give no groups; one word gives one group."""
    call(learner.group_anagrams, []).returns([])
    call(learner.group_anagrams, ["solo"]).returns([["solo"]])


def test_repeated_word_kept(learner):
    """A word given twice appears twice in its group."""
    call(learner.group_anagrams, ["stop", "pots", "stop"]).returns([["stop", "pots", "stop"]])


@pytest.mark.points(2)
def test_rejects_non_strings(learner):
    """A word that is not a string raises TypeError."""
    call(learner.group_anagrams, ["ok", 7]).raises(TypeError, match="7")


def test_large_input_unchanged(learner):
    """3,000 anagrams of tea come back as one group, in order; the list given is not changed."""
    words = ["tea", "eat", "ate"] * 1000
    expected = [list(words)]
    call(learner.group_anagrams, words).left_arguments_unchanged().returns(expected)


@pytest.mark.points(3)
def test_work_grows_in_step_with_the_words(learner):
    """Eight times the words take about eight times the work (the grader counts the steps)."""
    grows(learner.group_anagrams, distinct_words, sizes=(100, 800)).at_most("linear")
