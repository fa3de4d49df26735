"""Hidden tests for the comment-thread exercise: a tree built from flat rows."""

import pytest

from grader.testkit import call

ROWS = [
    (1, None, "Great post!"),
    (2, 1, "Thanks!"),
    (3, None, "I have a question."),
    (4, 2, "You're welcome."),
    (5, 3, "Ask away."),
]


def node(comment_id, text, replies=()):
    return {"id": comment_id, "text": text, "replies": list(replies)}


THREAD = [
    node(1, "Great post!", [node(2, "Thanks!", [node(4, "You're welcome.")])]),
    node(3, "I have a question.", [node(5, "Ask away.")]),
]


@pytest.mark.points(3)
def test_thread_is_nested_in_order(learner):
    """Replies are nested under their parents, three levels deep, in the order of the rows."""
    call(learner.build_thread, ROWS).returns(THREAD).left_arguments_unchanged()


def test_no_comments(learner):
    """No rows make an empty thread."""
    call(learner.build_thread, []).returns([])


def test_one_comment(learner):
    """One top-level comment makes a thread of one comment with no replies."""
    call(learner.build_thread, [(7, None, "First!")]).returns([node(7, "First!")])


@pytest.mark.points(3)
def test_replies_before_their_parents(learner):
    """Rows in any order (replies before their parents) give the same thread."""
    shuffled = [ROWS[3], ROWS[4], ROWS[1], ROWS[0], ROWS[2]]
    call(learner.build_thread, shuffled).returns(THREAD)


@pytest.mark.points(2)
def test_bad_rows_are_refused(learner):
    """A repeated id, or a parent that does not exist, raises ValueError naming it."""
    call(learner.build_thread, [*ROWS, (2, 3, "again")]).raises(ValueError, match=r"\b2\b")
    call(learner.build_thread, [(1, None, "a"), (2, 99, "b")]).raises(ValueError, match="99")


def test_a_wide_thread(learner):
    """2000 top-level comments, each with one reply, keep their order."""
    rows = [(n, None, f"c{n}") for n in range(2000)] + [(10_000 + n, n, f"r{n}") for n in range(2000)]
    expected = [node(n, f"c{n}", [node(10_000 + n, f"r{n}")]) for n in range(2000)]
    call(learner.build_thread, rows).returns(expected)


@pytest.mark.points(2)
def test_path_to_root(learner):
    """The path from comment 4 goes 4, 2, 1; a top-level comment's path is just itself."""
    call(learner.path_to_root, ROWS, 4).returns([4, 2, 1])
    call(learner.path_to_root, ROWS, 5).returns([5, 3])
    call(learner.path_to_root, ROWS, 1).returns([1])


def test_depth(learner):
    """A top-level comment has depth 0, a reply 1, a reply to a reply 2."""
    call(learner.depth, ROWS, 3).returns(0)
    call(learner.depth, ROWS, 2).returns(1)
    call(learner.depth, ROWS, 4).returns(2)


def test_unknown_comment(learner):
    """Asking for a comment that is not in the rows raises ValueError."""
    call(learner.path_to_root, ROWS, 42).raises(ValueError)
    call(learner.path_to_root, [], 1).raises(ValueError)


@pytest.mark.points(2)
def test_a_loop_is_reported(learner):
    """Comments that reply to each other in a loop raise ValueError mentioning the loop."""
    call(learner.path_to_root, [(1, 2, "a"), (2, 1, "b")], 1).raises(ValueError, match="loop")
    call(learner.path_to_root, [(1, None, "a"), (2, 3, "b"), (3, 4, "c"), (4, 2, "d")], 3).raises(
        ValueError, match="loop"
    )
    call(learner.path_to_root, [(5, 5, "talks to itself")], 5).raises(ValueError, match="loop")


@pytest.mark.points(2)
def test_a_very_deep_thread(learner):
    """In a chain of 5000 replies, the deepest one's path has 5000 ids and its depth is 4999."""
    rows = [(1, None, "start")] + [(n, n - 1, "reply") for n in range(2, 5001)]
    too_deep = {
        RecursionError: "A function that calls itself once per level runs out of room after about 1000 "
        "levels. Walk up with a while loop instead."
    }
    call(learner.path_to_root, rows, 5000).returns(list(range(5000, 0, -1)), hint_if=too_deep)
    call(learner.depth, rows, 5000).returns(4999, hint_if=too_deep)
