"""Project exercises: a learner's server graded over HTTP, milestone by milestone.

Uses ``tests/fixtures/project_course``: one ``hello-api`` project, a stdlib
HTTP server whose suite starts it on a free loopback port through
``project_dir`` and ``track_learner_process``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grader.cli import cli
from grader.course.manifest import Course, load_course
from grader.course.workspace import Progress
from grader.pipeline.grading import grade
from grader.pipeline.suite_ids import SuiteError
from grader.render.notebook_html import progress_plain
from tests.helpers import FIXTURES, by_name, copy_course


@pytest.fixture
def project_course_dir(tmp_path: Path) -> Path:
    return copy_course(tmp_path / "course", FIXTURES / "project_course")


@pytest.fixture
def course(project_course_dir: Path) -> Course:
    return load_course(project_course_dir)


def project_copy(course: Course, main_text: str) -> Path:
    """A learner project folder: the starter package with ``__main__.py`` replaced."""
    exercise = course.find("hello-api")
    folder = course.root.parent / "learner-project"
    shutil.copytree(course.exercise_dir(exercise), folder)
    (folder / "hello" / "__main__.py").write_text(main_text, encoding="utf-8")
    return folder


def solution_main(course: Course) -> str:
    return (course.solution_dir(course.find("hello-api")) / "hello" / "__main__.py").read_text()


def test_reference_passes_and_tests_name_their_milestone(course: Course) -> None:
    exercise = course.find("hello-api")
    feedback = grade(course, exercise, course.solution_dir(exercise))
    assert feedback.status == "passed"
    assert feedback.score == 10
    assert {t.name: t.milestone for t in feedback.tests} == {"test_health": 1, "test_hello": 2}


def test_starter_reads_as_not_started_past_the_gate(course: Course) -> None:
    feedback = grade(course, course.find("hello-api"))
    tests = by_name(feedback)
    assert tests["test_health"].status == "passed"
    assert tests["test_hello"].status == "not_started"
    assert tests["test_hello"].message == "GET /hello is not implemented yet (501)."
    assert feedback.status == "failed"
    assert feedback.score == 2.5  # 1 of 4 points, scaled to the exercise's 10


def test_milestone_grades_only_up_to_that_milestone(course: Course) -> None:
    feedback = grade(course, course.find("hello-api"), milestone=1)
    assert [t.name for t in feedback.tests] == ["test_health"]
    assert feedback.status == "passed"
    assert feedback.title == "Hello over HTTP, milestones up to 1"  # never read as the whole project


def test_a_milestone_past_the_graded_ones_says_so(course: Course) -> None:
    with pytest.raises(SuiteError) as refused:
        grade(course, course.find("hello-api"), milestone=3)
    assert str(refused.value) == (
        "Milestone 3 is not graded: the hidden tests of hello-api stop at milestone 2. Check milestone 3 "
        "with your own tests (see projects/hello-api/README.md); `grader check hello-api` grades every "
        "milestone the grader checks."
    )


def commit_all(folder: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "starter"]):
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
            cwd=folder,
            check=True,
            capture_output=True,
            timeout=30,
        )


def test_the_untouched_committed_starter_is_not_started(project_course_dir: Path) -> None:
    commit_all(project_course_dir)
    course = load_course(project_course_dir)
    feedback = grade(course, course.find("hello-api"))
    assert (feedback.status, feedback.score) == ("not_started", 0.0)
    assert by_name(feedback)["test_health"].status == "passed"  # given by the starter, worth nothing


def test_a_changed_starter_is_graded_as_it_is(project_course_dir: Path) -> None:
    commit_all(project_course_dir)
    course = load_course(project_course_dir)
    main = project_course_dir / "projects/hello-api/hello/__main__.py"
    main.write_text(main.read_text(encoding="utf-8") + "\n# started\n", encoding="utf-8")
    feedback = grade(course, course.find("hello-api"))
    assert (feedback.status, feedback.score) == ("failed", 2.5)


def test_a_milestone_without_tests_is_refused(course: Course) -> None:
    with pytest.raises(SuiteError, match="milestone 0 or earlier"):
        grade(course, course.find("hello-api"), milestone=0)


def test_http_feedback_shows_request_response_and_expectation(course: Course) -> None:
    source = solution_main(course).replace('{"hello": "world"}', '{"hello": "there"}')
    feedback = grade(course, course.find("hello-api"), project_copy(course, source))
    message = by_name(feedback)["test_hello"].message
    assert message.splitlines() == [
        "Sent GET /hello; got 200 {'hello': 'there'}, expected 200 {'hello': 'world'}.",
        "Request: GET /hello",
        "Response: 200 {'hello': 'there'}",
        "Expected: 200 {'hello': 'world'}",
    ]


def gone(pid: int) -> bool:
    """True once the process no longer exists (or is only a zombie awaiting its parent)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state == "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_wall_limit_stops_the_learners_server_too(project_course_dir: Path, tmp_path: Path) -> None:
    manifest = project_course_dir / "exercises" / "course.toml"
    manifest.write_text(manifest.read_text().replace("time_limit = 60", "time_limit = 3"))
    course = load_course(project_course_dir)
    pid_file = tmp_path / "server.pid"
    hanging = (
        solution_main(course)
        .replace(
            '    return {"hello": "world"}',
            "    import time\n    time.sleep(60)\n    return {}",
        )
        .replace("main()\n", f"open({str(pid_file)!r}, 'w').write(str(__import__('os').getpid()))\nmain()\n")
    )
    feedback = grade(course, course.find("hello-api"), project_copy(course, hanging))
    assert feedback.status == "timeout"
    assert feedback.error.startswith(
        "the whole check took longer than 3 s and was stopped while this test was running: "
    )
    server = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while not gone(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert gone(server), f"the learner's server {server} outlived the run"
    finally:
        if not gone(server):  # never leave it behind, even when the assertion fails
            os.kill(server, 9)


# --- the capstone through the command line ------------------------------------------------------------


def grader(course_dir: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--course", str(course_dir), *args])


def test_check_inside_the_project_grades_it_with_milestones(
    project_course_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project_course_dir / "projects/hello-api/hello")
    result = grader(project_course_dir, "check", "--milestone", "1")
    assert result.exit_code == 0, result.output
    # Milestone 1 is worth 2.5 of the project's 10 points: the check and every other door say so.
    assert result.output.startswith("Hello over HTTP, milestones up to 1 (hello-api)  2.5/10 points  passed")
    assert result.output.rstrip().splitlines()[-5:] == [
        "Project hello-api: 2.5/10 points, in progress.",
        "  milestone 1     2.5/2.5  passed",
        "  not checked yet: milestone 2",
        "",
        "Milestone 1 passed. Go on with milestone 2 in projects/hello-api/README.md and check it with "
        "`grader check hello-api --milestone 2`; `grader check hello-api` grades the whole project.",
    ]
    row = next(line for line in grader(project_course_dir, "list").output.splitlines() if "hello-api" in line)
    assert "in progress" in row and "2.5/10" in row and row.endswith("(milestone 1 reached)")
    (entry,) = json.loads(grader(project_course_dir, "list", "--json").stdout)["exercises"]
    assert (entry["status"], entry["score"], entry["milestone"]) == ("in_progress", 2.5, 1)
    assert [(m["milestone"], m["points"], m["state"]) for m in entry["milestones"]] == [
        (1, 2.5, "passed"),
        (2, 0.0, "not checked"),
    ]
    again = grader(project_course_dir, "check", "hello-api", "--milestone", "1", "--json")
    checked = json.loads(again.stdout)
    assert checked["score"] == 2.5
    assert (checked["project"]["score"], checked["project"]["reached"]) == (2.5, 1)
    loaded = load_course(project_course_dir)
    notebook = progress_plain(loaded, Progress(loaded), None)
    assert "in progress hello-api  2.5/10  Hello over HTTP (milestone 1 reached)" in notebook


def test_a_failed_milestone_check_repeats_the_milestone_in_its_footer(project_course_dir: Path) -> None:
    result = grader(project_course_dir, "check", "hello-api", "--milestone", "2")
    assert result.exit_code == 1
    assert result.output.rstrip().splitlines()[-1] == (
        "Save your changes and run `grader check hello-api --milestone 2` again. "
        "Stuck? `grader hint hello-api` gives a hint."
    )


def test_asking_for_an_ungraded_milestone_says_so(project_course_dir: Path) -> None:
    result = grader(project_course_dir, "check", "hello-api", "--milestone", "3")
    assert result.exit_code == 2
    assert "Milestone 3 is not graded: the hidden tests of hello-api stop at milestone 2." in result.output


def test_reset_of_a_project_says_what_it_leaves(project_course_dir: Path) -> None:
    commit_all(project_course_dir)
    project = project_course_dir / "projects/hello-api"
    (project / "tasks.db").write_bytes(b"SQLite format 3\0")
    (project / "tests").mkdir()
    (project / "tests/test_mine.py").write_text("def test_x():\n    pass\n", encoding="utf-8")
    (project / "hello/__pycache__").mkdir()
    (project / "hello/__pycache__/x.cpython-311.pyc").write_bytes(b"")
    result = grader(project_course_dir, "reset", "hello-api", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Restored the starter for hello-api. Your files were the untouched starter: nothing to back up.",
        "Left as they are (not part of the starter; delete them yourself for a clean start):",
        "  projects/hello-api/tasks.db",
        "  projects/hello-api/tests/test_mine.py",
    ]


def test_a_learner_who_commits_their_work_is_compared_with_the_course_they_cloned(
    project_course_dir: Path, tmp_path: Path
) -> None:
    commit_all(project_course_dir)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project_course_dir), str(clone)], check=True, timeout=60)
    main = clone / "projects/hello-api/hello/__main__.py"
    starter = main.read_text(encoding="utf-8")
    main.write_text(starter + "\n# my work\n", encoding="utf-8")
    subprocess.run(
        ["git", "-c", "user.name=L", "-c", "user.email=l@example.com", "commit", "-qam", "mine"],
        cwd=clone,
        check=True,
        timeout=30,
    )
    course = load_course(clone)
    assert grade(course, course.find("hello-api")).status == "failed"  # their commit is not the starter
    assert grader(clone, "reset", "hello-api", "--yes").exit_code == 0
    assert main.read_text(encoding="utf-8") == starter
