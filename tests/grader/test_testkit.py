"""The testkit and the diagnosis, in-process: what a failed check says, and what it is diagnosed as."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from grader.feedback.compare import describe_difference, first_difference
from grader.feedback.diagnosis import choose_hint, diagnose, printed_instead_of_returned
from grader.testkit import Mismatch, attribute, call, equality, representation


def failure(check: Any) -> dict[str, Any]:
    """The plain data a failed check carries."""
    with pytest.raises(Mismatch) as caught:
        check()
    return caught.value.detail


def test_a_str_instead_of_a_bool_is_a_wrong_type_with_both_types_named() -> None:
    detail = failure(lambda: call(lambda year: "False", 1900).returns(False))
    assert detail["summary"] == "Called <lambda>(1900); got 'False' (a str), expected False (a bool)"
    assert diagnose(detail) == "wrong_type"


def test_none_is_shown_as_none_not_as_a_nonetype() -> None:
    detail = failure(lambda: call(lambda: 0).returns(None))
    assert detail["summary"] == "Called <lambda>(); got 0, expected None"
    assert "NoneType" not in detail["summary"]


def test_a_type_difference_deep_inside_is_named() -> None:
    detail = failure(lambda: call(lambda: [[0, 3], [1, 2]]).returns([(0, 3), (1, 2)]))
    assert detail["summary"].endswith(": item [0] is a list, expected a tuple")
    assert diagnose(detail) == "wrong_type"
    nested = describe_difference({"a": [(1, [2])]}, {"a": [(1, (2,))]})
    assert nested.endswith("item ['a'][0][1] is a list, expected a tuple")


def test_long_sequences_give_lengths_and_the_first_difference() -> None:
    expected = [str(n) for n in range(1, 41)]
    got = expected[:20] + ["x"] + expected[21:]
    assert describe_difference(got, expected) == (
        "got a list of 40 items, expected 40 items; the first difference: item [20] is 'x', expected '21'"
    )
    assert describe_difference(expected[:-1], expected).endswith("item [39] ('40') is missing")
    assert describe_difference(expected + ["41"], expected).endswith("item [40] ('41') should not be there")
    assert first_difference(expected, list(expected)) is None


def test_a_generator_is_named_as_such() -> None:
    detail = failure(lambda: call(lambda: (n for n in range(3))).returns([0, 1, 2]))
    assert detail["summary"] == "Called <lambda>(); you returned a generator: build and return a list"
    assert diagnose(detail) == "generator"


def printed(output: str, expected: Any) -> bool:
    def noisy() -> None:
        print(output, end="")

    return printed_instead_of_returned(failure(lambda: call(noisy).returns(expected)))


def test_printed_instead_of_returned_needs_a_whole_printed_value() -> None:
    assert printed("1\n", 1)
    assert printed("checking\nTrue\n", True)
    assert printed("'Fizz'\n", "Fizz")
    assert printed("1\n2\nFizz\n", ["1", "2", "Fizz"])
    assert not printed("balance is now -10\n", 1)
    assert not printed("spam\n" * 50, 5)
    assert not printed("12\n", 1)


def test_our_note_about_cut_off_output_is_never_matched() -> None:
    detail = failure(lambda: call(lambda: print("spam")).returns(5))
    detail["dropped"] = 5_000_000  # the count lives in its own field, never in the output
    assert detail["output"] == "spam\n"
    assert not printed_instead_of_returned(detail)


def test_hint_if_shows_a_hint_only_for_its_wrong_value() -> None:
    hint = {0: "use < 0, not <= 0"}
    zero = failure(lambda: call(lambda: 0).returns(None, hint_if=hint))
    one = failure(lambda: call(lambda: 1).returns(None, hint_if=hint))
    assert choose_hint(diagnose(zero), zero, {}) == "use < 0, not <= 0"
    assert choose_hint(diagnose(one), one, {}) == ""
    false_not_zero = failure(lambda: call(lambda: False).returns(None, hint_if=hint))
    assert choose_hint(diagnose(false_not_zero), false_not_zero, {}) == ""  # False is not 0 here


def test_a_test_hint_is_only_for_the_failures_it_names() -> None:
    meta = {"hints": [{"text": "centuries!", "when": []}, {"text": "copy it", "when": ["mutated_input"]}]}
    wrong = failure(lambda: call(lambda: True).returns(False))
    text = failure(lambda: call(lambda: "False").returns(False))
    timeout = {"kind": "timeout", "summary": "took longer than 2 s"}
    assert choose_hint(diagnose(wrong), wrong, meta) == ""  # a wrong value alone is no evidence
    assert "wrong type" in choose_hint(diagnose(text), text, meta)
    assert "loop" in choose_hint(diagnose(timeout), timeout, meta)
    changed = failure(lambda: call(lambda xs: xs.append(1), [0]).left_arguments_unchanged())
    assert choose_hint(diagnose(changed), changed, meta) == "copy it"


def test_checking_two_things_reports_the_one_that_failed() -> None:
    detail = failure(
        lambda: call(lambda xs: [[1, 2]], [5, 2, 1]).left_arguments_unchanged().returns([(1, 2)])
    )
    assert detail["kind"] == "mismatch"
    assert diagnose(detail) == "wrong_type"


def test_a_wrong_exception_is_shown_with_its_message() -> None:
    def typo() -> None:
        raise NameError("name 'evnt' is not defined")

    detail = failure(lambda: call(typo).raises(ValueError))
    assert detail["summary"] == (
        "Called typo(); expected ValueError, but your code raised NameError: name 'evnt' is not defined"
    )
    assert diagnose(detail) == "exception"


def refuse() -> None:
    raise ValueError("no")


@pytest.mark.parametrize(
    ("match", "mentions", "advice"),
    [
        ("hour", None, "the message should mention 'hour'"),
        ("digit|hour", None, "the message should mention 'digit' or 'hour'"),
        ("HH:MM", None, "the message should mention 'HH:MM'"),
        (r"\d+ hours?", None, "the message does not say what the task asks for: check the README"),
        (r"\bhour\b", "the hour", "the message should mention the hour"),
    ],
)
def test_message_checks_say_in_words_what_is_missing(match: str, mentions: str | None, advice: str) -> None:
    detail = failure(lambda: call(refuse).raises(ValueError, match=match, mentions=mentions))
    assert detail["summary"] == f"Called refuse(); it raised ValueError('no'), but {advice}"


def test_no_exception_says_what_came_back() -> None:
    detail = failure(lambda: call(lambda: None).raises(ValueError))
    assert detail["summary"] == "Called <lambda>(); expected ValueError, it returned None"


class Box:
    def __init__(self, size: int) -> None:
        self.size = size

    def __repr__(self) -> str:
        return f"Box({self.size})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Box) and other.size == self.size


def test_objects_in_process_repr_equality_and_attributes() -> None:
    representation(Box(2)).returns("Box(2)")
    equality(Box(2), Box(2)).returns(True)
    attribute(Box(3), "size").returns(3)
    detail = failure(lambda: attribute(Box(3), "size").returns(4))
    assert detail["summary"] == "Called Box(3).size; got 3, expected 4"


def test_satisfies_describes_a_long_list_by_its_size_and_last_items() -> None:
    detail = failure(
        lambda: call(lambda: [str(n) for n in range(1, 30)]).satisfies(lambda x: False, "30 items")
    )
    assert (
        detail["summary"]
        == "Called <lambda>(); got a list of 29 items ending with '27', '28', '29', expected 30 items"
    )


def test_a_printed_error_message_is_not_an_exception() -> None:
    detail = failure(lambda: call(lambda: print("cannot ship")).raises(ValueError))
    assert (
        detail["summary"] == "Called <lambda>(); expected ValueError, it printed a message and returned None"
    )
    assert diagnose(detail) == "printed_error"
    assert "raise ValueError" in choose_hint("printed_error", detail, {"hints": ["a test hint"]})


class MarkedItem:
    """Just enough of a pytest item for the hint-marker check."""

    nodeid = "suite/test_x.py::test_y"

    def __init__(self, *marks: SimpleNamespace) -> None:
        self.marks = marks

    def iter_markers(self, name: str) -> tuple[SimpleNamespace, ...]:
        return self.marks


def test_a_hint_for_a_mistake_that_is_never_diagnosed_is_refused() -> None:
    from grader.pipeline.test_descriptions import check_hint_markers, hint_entry

    good = SimpleNamespace(args=("Copy the list.",), kwargs={"when": "mutated_input"})
    entry = hint_entry(good)  # type: ignore[arg-type]
    assert entry == {"text": "Copy the list.", "when": ["mutated_input"]}
    check_hint_markers(MarkedItem(good))  # type: ignore[arg-type]
    typo = SimpleNamespace(args=("Copy the list.",), kwargs={"when": ("mutated", "wrong_type")})
    with pytest.raises(pytest.UsageError, match="names mutated; use one of wrong_value"):
        check_hint_markers(MarkedItem(typo))  # type: ignore[arg-type]


def test_a_hint_if_predicate_gives_its_hint_only_to_values_it_holds_for() -> None:
    def holds_numbers(got: Any) -> bool:
        return any(isinstance(item, int) for item in got)

    hint_if = [(holds_numbers, "Turn a number into text with str(number).")]
    numbers = failure(lambda: call(lambda: [1, "2"]).returns(["1", "2"], hint_if=hint_if))
    assert diagnose(numbers) == "wrong_type"
    assert choose_hint("wrong_type", numbers, {}) == "Turn a number into text with str(number)."
    as_tuple = failure(lambda: call(lambda: ("1", "2")).returns(["1", "2"], hint_if=hint_if))
    assert as_tuple["hint"] == ""  # a tuple of text holds no number: no str(number) hint
    assert choose_hint("wrong_type", as_tuple, {}) != "Turn a number into text with str(number)."


def test_a_predicate_that_cannot_judge_the_value_gives_no_hint() -> None:
    detail = failure(lambda: call(lambda: None).returns([1], hint_if=[(len, "Never shown.")]))
    assert detail["hint"] == ""


def test_a_hint_if_exception_type_is_attached_to_that_exception_only() -> None:
    def deep() -> int:
        raise RecursionError("maximum recursion depth exceeded")

    with pytest.raises(RecursionError) as caught:
        call(deep).returns(1, hint_if={RecursionError: "Walk up with a loop."})
    assert caught.value.grader_hint == "Walk up with a loop."  # type: ignore[attr-defined]
    with pytest.raises(RecursionError) as other:
        call(deep).returns(1, hint_if={KeyError: "Never shown."})
    assert not hasattr(other.value, "grader_hint")


def test_a_marker_hint_needs_a_diagnosis_other_than_a_plain_wrong_value() -> None:
    detail = failure(lambda: call(lambda: 3).returns(4))
    plain = {"hints": [{"text": "A guess.", "when": []}, {"text": "Still a guess.", "when": ["wrong_value"]}]}
    assert choose_hint("wrong_value", detail, plain) == ""
    typed = {"hints": [{"text": "Return an int.", "when": ["wrong_type"]}]}
    assert choose_hint("wrong_type", detail, typed) == "Return an int."
