"""Inline notebook feedback: the HTML a check shows, read as text and rendered in headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest

from grader.course.manifest import Course
from grader.course.workspace import Progress
from grader.notebook.run import RequestError, answer
from grader.render.notebook_html import feedback_plain

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
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--dump-dom",
        page.as_uri(),
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, HOME=str(tmp_path), TMPDIR=str(tmp_path)),
    )
    marker = '<pre id="probe">'
    assert marker in done.stdout, done.stderr[-2000:]
    probe = json.loads(unescape_pre(done.stdout.split(marker, 1)[1].split("</pre>", 1)[0]))
    seen = probe["text"]
    assert "Leap years (leap-year)" in seen and "✗ failed" in seen and "8/10 points" in seen
    assert "Called leap_year(1900); got True, expected False." in seen
    assert "thinking 0" not in seen  # folded: the long output is not shown until opened
    assert probe["foldedVisible"] is False
    assert probe["summary"] == "Your code printed 30 lines (click to show)"
    assert probe["failedColour"] == "rgb(198, 40, 40)"
    assert probe["boldInjected"] == 0


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
