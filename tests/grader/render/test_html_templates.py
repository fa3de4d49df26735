"""Every HTML report escapes what learners wrote: names, messages, output, even template syntax.

A hostile learner id and name, note, exercise title, test message, hint and
printed output go through the class report, the learner report and the
notebook's feedback; the pages are parsed and must hold exactly the elements
we wrote, with the hostile text back as plain text.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from html.parser import HTMLParser

from grader.batch.results import BatchTiming, ClassResults, LearnerResults
from grader.course.manifest import Course
from grader.feedback.model import Feedback, TestResult
from grader.render import class_report, learner_report, notebook_html

NAME = "<script>alert('name')</script> O'Brien \"{{ 'pw' ~ 'ned' }}\""
MESSAGE = "<img src=x onerror=alert(1)> {{ config }} {% if x %}"
OUTPUT = "</pre><script>evil()</script><b>bold</b>"


class Elements(HTMLParser):
    """The elements and attributes a browser would build, and the text it would show."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.text: list[str] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self.text += [value or "" for _, value in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def failing_test() -> TestResult:
    return TestResult(
        "test_x", NAME, "failed", MESSAGE, MESSAGE, OUTPUT, 0.0, 2.0, 0.0, where=(f"{NAME}.py, line 1",)
    )


def hostile_learner(course: Course) -> tuple[LearnerResults, ClassResults, Feedback]:
    exercise = replace(course.exercises[0], title=NAME)
    feedback = Feedback(1, exercise.id, NAME, NAME, "failed", 0.0, 10.0, (failing_test(),), None, 0.1)
    stopped = {
        **asdict(feedback),
        "exercise_id": "other",
        "status": "not_graded",
        "tests": [],
        "error": MESSAGE,
    }
    learner = LearnerResults(NAME, NAME, (MESSAGE,), (asdict(feedback), stopped))
    other = replace(course.exercises[1], id="other", title=OUTPUT)
    return learner, ClassResults(NAME, (exercise, other), (learner,)), feedback


def assert_escaped(page: str, scripts: int) -> Elements:
    """No element or attribute came from the hostile text, and the template syntax in it stayed text."""
    found = Elements(page)
    assert found.tags.count("script") == scripts
    assert not {"img", "b"} & set(found.tags)
    assert not [name for name in found.attributes if name.startswith("on")]
    assert "<script>alert" not in page and "<img" not in page and "<b>bold" not in page
    assert "pwned" not in page and "{{ &#39;pw&#39; ~ &#39;ned&#39; }}" in page
    return found


def test_the_class_report_escapes_every_learner_value(mini_course: Course) -> None:
    _, results, _ = hostile_learner(mini_course)
    found = assert_escaped(class_report.html(results, BatchTiming(0.0, 1.0)), scripts=1)
    shown = "\n".join(found.text)
    assert NAME in shown and MESSAGE in shown and OUTPUT in shown


def test_the_learner_report_escapes_every_learner_value(mini_course: Course) -> None:
    learner, _, _ = hostile_learner(mini_course)
    found = assert_escaped(learner_report.html(learner), scripts=0)
    shown = "\n".join(found.text)
    assert NAME in shown and MESSAGE in shown


def test_the_notebook_feedback_escapes_every_learner_value(mini_course: Course) -> None:
    _, _, feedback = hostile_learner(mini_course)
    exercise = mini_course.exercises[0]
    found = assert_escaped(notebook_html.feedback_html(feedback, exercise, [OUTPUT]), scripts=0)
    shown = "\n".join(found.text)
    assert NAME in shown and MESSAGE in shown and OUTPUT in shown
    notice = Elements(notebook_html.message_html(NAME, MESSAGE))
    assert "script" not in notice.tags and "img" not in notice.tags
    assert NAME in notice.text and MESSAGE in "".join(notice.text)
