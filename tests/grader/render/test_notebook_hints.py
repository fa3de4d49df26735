"""The notebook's hint() output: inline HTML and its plain-text twin, exactly."""

from __future__ import annotations

from grader.course.hints import HintsShown
from grader.render.notebook_hints import hint_html, hint_plain

FIRST = HintsShown("leap-year", "Leap years", ("Divide by 4 <first>.",), 2, every=False)
BOTH = HintsShown("leap-year", "Leap years", ("Divide by 4 <first>.", "Then centuries."), 2, every=True)


def test_the_newest_hint_and_what_comes_next_in_plain_text() -> None:
    assert (
        hint_plain(FIRST)
        == 'Hint 1 of 2: Divide by 4 <first>.\nRun hint("leap-year") again for the next one.'
    )
    assert hint_plain(BOTH) == (
        "Hint 1 of 2: Divide by 4 <first>.\nHint 2 of 2: Then centuries.\nThat was the last hint."
    )


def test_html_escapes_the_hint_and_marks_how_many_were_shown() -> None:
    html = hint_html(FIRST)
    assert html.startswith('<div class="bp-hint" data-shown="1" style="border-left:4px solid #1a5fb4;')
    assert "<strong>Leap years</strong> (<code>leap-year</code>)" in html
    assert '<p style="margin:4px 0"><strong>Hint 1 of 2:</strong> Divide by 4 &lt;first&gt;.</p>' in html
    assert html.endswith(
        '<p style="margin:4px 0">Run hint(&quot;leap-year&quot;) again for the next one.</p></div>'
    )


def test_an_exercise_without_hints_says_so() -> None:
    none = HintsShown("x", "X", (), 0, every=False)
    assert hint_plain(none) == "X has no hints. Re-read its task above, or ask for help."
