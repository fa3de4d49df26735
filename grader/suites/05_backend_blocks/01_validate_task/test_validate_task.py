"""Hidden tests for validate-task: every problem reported, and a clean typed record otherwise."""

import pytest

from grader.testkit import call, show


def has_keys(*fields):
    """A check that the errors dict has exactly these fields, each with a non-empty message."""

    def check(errors):
        return (
            type(errors) is dict
            and sorted(errors) == sorted(fields)
            and all(isinstance(m, str) and m for m in errors.values())
        )

    return check


def errors_for(*fields):
    return f"errors for exactly {', '.join(fields)}, each with a message" if fields else "{}"


def field_is(made, name, expected):
    """Check one field of the NewTask a call returned."""
    made.satisfies(lambda _: True, "a NewTask")  # re-raises the learner's exception, if any
    got = getattr(made.value, name, None)
    if type(got) is not type(expected) or got != expected:
        raise AssertionError(f"Called {made.text}; its {name} is {got!r}, expected {expected!r}")


def test_a_valid_payload_has_no_errors(learner):
    """A complete, valid payload gives {} (no errors)."""
    call(learner.validate_task, {"title": "Buy milk", "priority": 2, "tags": ["home"]}).returns({})
    call(learner.validate_task, {"title": "Buy milk"}).returns({})


def test_parse_gives_a_clean_record(learner):
    """parse_task strips the title, fills in priority 3 and lower-cases and strips the tags."""
    made = call(learner.parse_task, {"title": "  Buy milk ", "tags": [" Home", "SHOP"]})
    made.left_arguments_unchanged()
    field_is(made, "title", "Buy milk")
    field_is(made, "priority", 3)
    field_is(made, "tags", ("home", "shop"))
    field_is(call(learner.parse_task, {"title": "x", "priority": 5}), "priority", 5)


@pytest.mark.points(3)
def test_every_error_is_reported(learner):
    """A payload with four problems gets four errors, one per field, not just the first."""
    payload = {"title": "   ", "priority": 9, "tags": "home", "colour": "red"}
    made = call(learner.validate_task, payload)
    made.satisfies(
        has_keys("title", "priority", "tags", "colour"), errors_for("title", "priority", "tags", "colour")
    )
    made.left_arguments_unchanged()
    call(learner.validate_task, {"priority": 0}).satisfies(
        has_keys("title", "priority"), errors_for("title", "priority")
    )


@pytest.mark.points(2)
def test_title_rules(learner):
    """A missing, non-string, blank or too long (101 characters) title is refused; 100 is fine."""
    for payload in ({}, {"title": None}, {"title": 42}, {"title": " \t\n"}, {"title": "x" * 101}):
        call(learner.validate_task, payload).satisfies(has_keys("title"), errors_for("title"))
    call(learner.validate_task, {"title": "x" * 100}).returns({})
    call(learner.validate_task, {"title": "  " + "x" * 100 + "  "}).returns({})


@pytest.mark.points(2)
def test_priority_rules(learner):
    """Priorities 1 and 5 are accepted; 0, 6, '3', 2.0 and True are refused."""
    for good in (1, 5):
        call(learner.validate_task, {"title": "t", "priority": good}).returns({})
    for bad in (0, 6, "3", 2.0, True, None):
        call(learner.validate_task, {"title": "t", "priority": bad}).satisfies(
            has_keys("priority"), errors_for("priority")
        )


def test_tags_rules(learner):
    """Tags must be a list of at most 5 non-empty strings; [] and 5 tags are fine."""
    call(learner.validate_task, {"title": "t", "tags": []}).returns({})
    call(learner.validate_task, {"title": "t", "tags": list("abcde")}).returns({})
    for bad in ("home", ["home", 3], ["home", " "], list("abcdef"), None):
        call(learner.validate_task, {"title": "t", "tags": bad}).satisfies(
            has_keys("tags"), errors_for("tags")
        )


def test_unknown_fields_are_refused(learner):
    """A misspelled field ('priorty') is reported under its own name."""
    call(learner.validate_task, {"title": "t", "priorty": 2}).satisfies(
        has_keys("priorty"), errors_for("priorty")
    )


def test_a_body_that_is_not_an_object(learner):
    """A list, a string or None instead of a dict gives one error under 'body'."""
    for payload in (["title"], "title", None, 42):
        call(learner.validate_task, payload).satisfies(has_keys("body"), errors_for("body"))


@pytest.mark.points(2)
def test_parse_refuses_naming_every_field(learner):
    """parse_task raises InvalidTask (a ValueError) whose message names every bad field."""
    made = call(learner.parse_task, {"title": "", "priority": True})
    if made.error is None:
        raise AssertionError(
            f"Called {made.text}; it returned {show(made.value)}, expected it to raise InvalidTask"
        )
    made.raises(ValueError, match="title").raises(ValueError, match="priority")
    if made.error.learner_info["type"] != "InvalidTask":
        raise AssertionError(
            f"Called {made.text}; it raised {made.error.learner_info['type']}, expected InvalidTask"
        )
    call(learner.parse_task, ["not", "a", "dict"]).raises(ValueError, match="body")
