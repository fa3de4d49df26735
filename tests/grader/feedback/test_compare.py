"""Long texts are compared by where they first differ, not shown as two sizes."""

from __future__ import annotations

from grader.feedback.compare import describe_difference, show


def test_long_texts_of_several_lines_name_the_first_different_line() -> None:
    got = "\n".join(f"line {n}" for n in range(40)) + "\nshipping 0.00"
    expected = "\n".join(f"line {n}" for n in range(40)) + "\nshipping 4.99"
    assert describe_difference(got, expected).endswith(
        "; the first difference: line 41 is 'shipping 0.00', expected 'shipping 4.99'"
    )


def test_long_single_line_texts_name_the_first_different_character() -> None:
    message = describe_difference("a" * 200 + "x", "a" * 200 + "y")
    assert message == (
        "got a str of 201 characters, expected 201 characters; "
        "the first difference: from character 201 it reads 'x', expected 'y'"
    )


def test_a_missing_last_line_is_counted() -> None:
    assert describe_difference("x\n" * 100, "x\n" * 101).endswith("it has 100 lines, expected 101")


def test_a_long_value_is_shown_as_its_whole_repr_would_begin() -> None:
    for value in ([""] * 5000, tuple(range(10**5)), {str(n): [n] for n in range(2000)}):
        assert show(value) == repr(value)[:285] + " ... (shortened)"
    assert show([1, 2]) == "[1, 2]"


def test_a_subclass_of_the_expected_container_differs_by_its_items() -> None:
    from collections import Counter, namedtuple

    assert describe_difference(Counter(a=1), {"a": 2}) == "got Counter({'a': 1}), expected {'a': 2}"
    point = namedtuple("Point", "x y")
    assert describe_difference(point(2, 1), (1, 2)) == "got Point(x=2, y=1), expected (1, 2)"
