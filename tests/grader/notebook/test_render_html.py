"""Inline notebook feedback: the HTML a check shows, read as text and rendered in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from grader.course.manifest import Course
from grader.course.workspace import Progress
from grader.feedback.model import Feedback, TestResult
from grader.notebook.run import RequestError, answer
from grader.render.notebook_html import MARKS, feedback_html, feedback_plain

CHATTY_MISTAKE = """\
def leap_year(year):
    for line in range(30):
        print("thinking", line, "<b>not bold</b>")
    return year % 4 == 0
"""
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Runs in the page after layout: reports what a reader actually sees.
PROBE = """
<script>
const box = document.querySelector('.bp-feedback');
const failed = document.querySelector('.bp-test[data-status="failed"] .bp-status');
const folded = document.querySelector('details.bp-output pre');
const report = {
  text: box.innerText,
  failedColour: getComputedStyle(failed).color,
  foldedVisible: folded.checkVisibility(),
  summary: document.querySelector('details.bp-output summary').innerText,
  boldInjected: document.querySelectorAll('.bp-feedback b').length,
};
const out = document.createElement('pre');
out.id = 'probe';
out.textContent = JSON.stringify(report);
document.body.appendChild(out);
</script>
"""


def chatty_check(course: Course) -> dict[str, Any]:
    request = {"course": str(course.root), "exercise": "leap-year", "files": {"leap_year.py": CHATTY_MISTAKE}}
    return answer({**request, "notes": ["A note for <you>."]})


def test_a_check_answers_with_feedback_html_and_text_and_records_progress(mini_course: Course) -> None:
    result = chatty_check(mini_course)
    assert result["feedback"]["status"] == "failed"
    html, text = result["html"], result["text"]
    assert '<span class="bp-status" data-status="failed"' in html and "✗ failed" in html
    assert "Called leap_year(1900); got True, expected False." in html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in html and "<b>" not in html
    assert "A note for &lt;you&gt;." in html
    assert "<details" in html and "Your code printed 30 lines (click to show)" in html
    assert text.splitlines()[0] == "Leap years (leap-year)  8/10 points  ✗ failed"
    assert "Note: A note for <you>." in text and "        | ... (22 more lines)" in text
    assert Progress(mini_course).of(mini_course.find("leap-year")).attempts == 1


def test_short_output_is_not_folded(mini_course: Course) -> None:
    quiet = CHATTY_MISTAKE.replace("range(30)", "range(2)")
    files = {"leap_year.py": quiet}
    html = answer({"course": str(mini_course.root), "exercise": "leap-year", "files": files})["html"]
    assert "<details" not in html and "Your code printed:" in html


def test_bad_requests_get_a_clear_problem(mini_course: Course) -> None:
    base = {"course": str(mini_course.root), "exercise": "leap-year"}
    with pytest.raises(RequestError, match="There is no exercise 'leap-yr'"):
        answer({**base, "exercise": "leap-yr", "files": {}})
    with pytest.raises(RequestError, match="must stay inside the exercise folder"):
        answer({**base, "files": {"../escape.py": "x = 1"}})
    with pytest.raises(RequestError, match="incomplete request"):
        answer(base)


def test_plain_text_reads_without_colour(mini_course: Course) -> None:
    from grader.pipeline.grading import grade_files

    feedback = grade_files(
        mini_course, mini_course.find("leap-year"), {"leap_year.py": "def leap_year(y):\n    1/0\n"}
    )
    text = feedback_plain(feedback, mini_course.find("leap-year"))
    assert "\x1b[" not in text
    assert "✗ failed" in text
    assert "at your leap_year.py cell, line 2, in leap_year: 1/0" in text


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_feedback_renders_in_headless_chromium(
    mini_course: Course, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A short folder: Chromium's singleton socket path must fit in 108 characters.
    tmp_path = tmp_path_factory.mktemp("chr")
    page = tmp_path / "check.html"
    html = chatty_check(mini_course)["html"]
    page.write_text(
        f"<!doctype html><html><meta charset='utf-8'><body>{html}{PROBE}</body></html>", encoding="utf-8"
    )
    done = dump_dom(page, tmp_path)
    probe = read_probe(done)
    seen = probe["text"]
    assert "Leap years (leap-year)" in seen and "✗ failed" in seen and "8/10 points" in seen
    assert "Called leap_year(1900); got True, expected False." in seen
    assert "thinking 0" not in seen  # folded: the long output is not shown until opened
    assert probe["foldedVisible"] is False
    assert probe["summary"] == "Your code printed 30 lines (click to show)"
    assert probe["failedColour"] == "rgb(198, 40, 40)"
    assert probe["boldInjected"] == 0


def dump_dom(page: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """Load a page in headless Chromium and return the DOM after its scripts ran."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={folder / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    env = dict(os.environ, HOME=str(folder), TMPDIR=str(folder))
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def read_probe(done: subprocess.CompletedProcess[str]) -> Any:
    marker = '<pre id="probe">'
    assert marker in done.stdout, done.stderr[-2000:]
    return json.loads(unescape_pre(done.stdout.split(marker, 1)[1].split("</pre>", 1)[0]))


def unescape_pre(text: str) -> str:
    from html import unescape

    return unescape(text)


def test_an_unusable_progress_file_is_set_aside_and_said(mini_course: Course) -> None:
    saved = mini_course.root / ".grader" / "progress.json"
    saved.parent.mkdir()
    saved.write_text("{not json", encoding="utf-8")
    result = chatty_check(mini_course)
    assert "could not be used: it is not valid JSON" in result["text"]
    assert Progress(mini_course).of(mini_course.find("leap-year")).attempts == 1


TIMEOUT = TestResult(
    "test_slow",
    "Slow.",
    "timeout",
    "Called leap_year(1900); it took longer than 1 s.",
    "A loop that never ends is the usual cause.",
    "",
    0.0,
    1.0,
    0.0,
    diagnosis="timeout",
    call="leap_year(1900)",
)


def seven_timeouts() -> Feedback:
    tests = tuple(
        replace(TIMEOUT, name=f"test_{n}", description=f"Year {1900 + n}.", call=f"leap_year({1900 + n})")
        for n in range(7)
    )
    return Feedback(1, "leap-year", "Leap years", "", "timeout", 0.0, 10.0, tests, None, 7.0)


def test_seven_timeouts_are_said_once_with_their_count(mini_course: Course) -> None:
    exercise = mini_course.find("leap-year")
    html = feedback_html(seven_timeouts(), exercise)
    assert html.count('class="bp-test"') == 1 and 'data-count="7"' in html
    assert "7 tests: your code was stopped before it finished" in html and html.count("Hint:") == 1
    assert "leap_year(1906): Year 1906." in html
    text = feedback_plain(seven_timeouts(), exercise)
    assert text.count("Hint:") == 1
    assert "  ◷ timed out: 7 tests: your code was stopped before it finished" in text


# Draws each status mark in the feedback's own font and compares it with a code point no font has:
# the same pixels mean the reader sees an empty box.
GLYPH_PROBE = """
<script>
function pixels(text, font) {
  const canvas = document.createElement('canvas');
  canvas.width = 48; canvas.height = 48;
  const pen = canvas.getContext('2d');
  pen.font = font; pen.fillStyle = '#000'; pen.fillText(text, 4, 36);
  return Array.from(pen.getImageData(0, 0, 48, 48).data).join(',');
}
const status = document.querySelector('.bp-status');
const font = getComputedStyle(status).font;
const box = pixels('\\u{10FFFD}', font);
const marks = {};
for (const mark of JSON.parse(document.getElementById('marks').textContent)) {
  marks[mark] = pixels(mark, font) === box ? 'box' : 'drawn';
}
const out = document.createElement('pre');
out.id = 'probe';
const detector = pixels('⏱', font) === box;
out.textContent = JSON.stringify({marks: marks, status: status.innerText, detector: detector});
document.body.appendChild(out);
</script>
"""


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_every_status_mark_is_drawn_in_headless_chromium(
    mini_course: Course, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp_path = tmp_path_factory.mktemp("chr")
    page = tmp_path / "marks.html"
    html = feedback_html(seven_timeouts(), mini_course.find("leap-year"))
    marks = json.dumps(list(MARKS.values()))
    page.write_text(
        f"<!doctype html><html><meta charset='utf-8'><body>{html}"
        f"<script type='application/json' id='marks'>{marks}</script>{GLYPH_PROBE}</body></html>",
        encoding="utf-8",
    )
    probe = read_probe(dump_dom(page, tmp_path))
    assert probe["marks"] == {mark: "drawn" for mark in MARKS.values()}
    assert probe["status"] == "◷ timed out"
    if not probe["detector"]:  # this machine's fonts have the old ⏱, so the probe proves less here
        pytest.skip("the fonts here draw ⏱ too; the probe cannot show it would catch a box")
