"""What a suite demands besides wording: exception types and the words no input gives, read from its tree."""

from __future__ import annotations

from grader.suite_demands import DemandedType, demanded_types, demanded_values

SUITE = """
def test_refusals(learner, base):
    call(learner.build_url, None).raises(TypeError, match="base must be text")
    call(learner.build_url, "x", 2.5).raises((TypeError, ValueError))
    call(learner.build_url, "x").raises(base)
    with pytest.raises(KeyError):
        learner.lookup({}, "a")


def test_words(learner):
    call(learner.status, "new", "pay").returns("paid")
    call(learner.greet, "Ada").returns({"name": "Ada", "mood": "glad"})
    call(learner.url, "a").returns("https://example.com/a")
"""


def test_every_built_in_exception_type_raises_names_with_the_patterns_on_its_line() -> None:
    assert demanded_types(SUITE, {3: ["base must be text"]}) == [
        DemandedType(3, "TypeError", ("base must be text",)),
        DemandedType(4, "TypeError", ()),
        DemandedType(4, "ValueError", ()),
        DemandedType(6, "KeyError", ()),
    ]  # raises(base): a name bound at run time is no type we can read


def test_a_word_expected_back_is_demanded_unless_the_test_gave_it() -> None:
    # "Ada" is echoed from the call; a URL is made of its input, not a word. Keys are demanded too.
    assert demanded_values(SUITE) == [(11, "paid"), (12, "glad"), (12, "mood"), (12, "name")]
