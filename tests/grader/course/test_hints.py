"""The one hint function: reveal the next hint, remember it, repeat every hint seen on request."""

from __future__ import annotations

from grader.course.hints import show_hint
from grader.course.manifest import Course
from grader.course.workspace import Progress


def test_each_request_reveals_the_next_hint_until_the_last(mini_course: Course) -> None:
    leap, progress = mini_course.find("leap-year"), Progress(mini_course)
    shown = [show_hint(progress, leap).hints for _ in range(3)]
    assert shown == [
        ("Start with the rule for years divisible by 4.",),
        ("Start with the rule for years divisible by 4.", "Centuries are the exception: check 100 and 400."),
        ("Start with the rule for years divisible by 4.", "Centuries are the exception: check 100 and 400."),
    ]
    assert Progress(mini_course).of(leap).hints_shown == 2  # remembered for every door


def test_every_repeats_what_was_seen_and_reveals_only_a_first(mini_course: Course) -> None:
    leap, progress = mini_course.find("leap-year"), Progress(mini_course)
    first = show_hint(progress, leap, every=True)
    assert (first.shown, first.every) == (1, True)  # nothing seen yet: the first is revealed
    again = show_hint(progress, leap, every=True)
    assert again.shown == 1 and progress.of(leap).hints_shown == 1
    assert again.to_dict() == {
        "exercise_id": "leap-year",
        "shown": 1,
        "total": 2,
        "hints": ["Start with the rule for years divisible by 4."],
    }
