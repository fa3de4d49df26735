"""The `grader` command line, driven through click's CliRunner with --course given explicitly.

One end-to-end test at the bottom runs the installed console script as a subprocess.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from grader.cli import cli
from grader.course.manifest import Course, load_course
from grader.course.workspace import Progress
from grader.render.notebook_html import progress_html, progress_plain
from tests.helpers import FIXTURES, copy_course

ANSI = "\x1b["


def run(
    course_dir: Path, *args: str, color: bool = False, env: dict[str, str] | None = None, **extra
) -> Result:
    runner = CliRunner()
    return runner.invoke(cli, ["--course", str(course_dir), *args], color=color, env=env, **extra)


def solve(course: Course, exercise_id: str) -> None:
    """Put the reference solution in the learner's exercise folder."""
    exercise = course.find(exercise_id)
    for name in exercise.files:
        if "*" in name:
            continue
        shutil.copyfile(course.solution_dir(exercise) / name, course.exercise_dir(exercise) / name)


def git(course_dir: Path, *args: str) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=course_dir,
        check=True,
        capture_output=True,
        timeout=30,
    )


@pytest.fixture
def active_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The learner activated the environment the grader runs in."""
    monkeypatch.setenv("VIRTUAL_ENV", sys.prefix)


def test_no_arguments_shows_where_to_start(course_dir: Path, active_environment: None) -> None:
    result = run(course_dir)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Mini course"
    assert lines[1] == "0 of 3 exercises done."
    assert "Next exercise: Leap years (leap-year), in Basics" in lines
    assert "  Read:  exercises/01_basics/01_leap_year/README.md" in lines
    assert "  Edit:  exercises/01_basics/01_leap_year/leap_year.py" in lines
    assert any(line.startswith("  Check: grader check leap-year") for line in lines)
    assert "not active" not in result.output


def test_no_arguments_after_everything_is_passed(course_dir: Path, mini_course: Course) -> None:
    for exercise in mini_course.exercises:
        solve(mini_course, exercise.id)
        assert run(course_dir, "check", exercise.id).exit_code == 0
    result = run(course_dir)
    assert result.exit_code == 0
    assert "3 of 3 exercises done." in result.output
    assert "You have passed every exercise." in result.output
    nothing_left = run(course_dir, "check")
    assert nothing_left.exit_code == 2
    assert "You have passed every exercise. Name one to check it again." in nothing_left.output


def test_list_shows_modules_and_exercises(course_dir: Path) -> None:
    result = run(course_dir, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Mini course"
    assert "Basics" in lines and "Objects" in lines
    assert lines.index("Basics") < lines.index("Objects")
    row = next(line for line in lines if "leap-year" in line)
    assert "not started" in row and "0/10" in row and "Leap years" in row
    assert lines[-1] == "0 of 3 exercises done."


def test_list_json_fields(course_dir: Path) -> None:
    result = run(course_dir, "list", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["course"] == "Mini course"
    rows = data["exercises"]
    assert [r["id"] for r in rows] == ["leap-year", "doubled", "stack"]
    assert rows[0] == {
        "id": "leap-year",
        "title": "Leap years",
        "module": "basics",
        "kind": "implement",
        "path": "exercises/01_basics/01_leap_year",
        "points": 10.0,
        "status": "not_started",
        "score": 0.0,
        "milestone": None,
    }
    assert rows[2]["module"] == "objects"


def test_list_json_reflects_progress(course_dir: Path, mini_course: Course) -> None:
    run(course_dir, "hint", "doubled")
    solve(mini_course, "leap-year")
    assert run(course_dir, "check", "leap-year").exit_code == 0
    rows = {r["id"]: r for r in json.loads(run(course_dir, "list", "--json").stdout)["exercises"]}
    assert (rows["leap-year"]["status"], rows["leap-year"]["score"]) == ("done", 10.0)
    assert rows["doubled"]["status"] == "not_started"  # a hint was read, but no code written
    assert rows["stack"]["status"] == "not_started"


def test_check_list_json_and_the_notebook_agree_on_an_untouched_starter(course_dir: Path) -> None:
    for _ in range(2):  # checked twice, and a hint read: still the untouched starter
        assert "0/10 points  not started" in run(course_dir, "check", "leap-year").output
    run(course_dir, "hint", "leap-year")
    row = next(line for line in run(course_dir, "list").output.splitlines() if "leap-year" in line)
    assert row.split()[1:3] == ["not", "started"]
    rows = {r["id"]: r for r in json.loads(run(course_dir, "list", "--json").stdout)["exercises"]}
    assert rows["leap-year"]["status"] == "not_started"
    course = load_course(course_dir)
    html_row = next(
        r for r in progress_html(course, Progress(course), "basics").split("<tr") if "leap-year" in r
    )
    assert html_row.startswith(' data-status="not_started"') and "not started" in html_row
    assert "not started leap-year" in " ".join(progress_plain(course, Progress(course), "basics").split())
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    leap.write_text("def leap_year(year):\n    return year % 4 == 0\n", encoding="utf-8")
    assert "failed" in run(course_dir, "check", "leap-year").output
    rows = {r["id"]: r for r in json.loads(run(course_dir, "list", "--json").stdout)["exercises"]}
    assert rows["leap-year"]["status"] == "in_progress"


def test_check_exit_codes(course_dir: Path, mini_course: Course) -> None:
    not_started = run(course_dir, "check", "leap-year")
    assert not_started.exit_code == 1
    assert "Leap years (leap-year)  0/10 points  not started" in not_started.output
    assert "You have not started this exercise yet." in not_started.output
    solve(mini_course, "leap-year")
    passed = run(course_dir, "check", "leap-year")
    assert passed.exit_code == 0, passed.output
    assert "Leap years (leap-year)  10/10 points  passed" in passed.output
    assert "Next up: Doubled. Run `grader check doubled`." in passed.output


def test_check_failing_exercise_explains_each_test(course_dir: Path, mini_course: Course) -> None:
    leap = mini_course.exercise_dir(mini_course.find("leap-year")) / "leap_year.py"
    leap.write_text("def leap_year(year):\n    return year % 4 == 0\n", encoding="utf-8")
    result = run(course_dir, "check", "leap-year")
    assert result.exit_code == 1
    assert "Leap years (leap-year)  8/10 points  failed" in result.output
    assert "      Called leap_year(1900); got True, expected False." in result.output
    assert (
        "Hint: A year divisible by 100 is not a leap year unless it is also divisible by 400."
        in result.output
    )
    assert "Stuck? `grader hint leap-year` gives a hint." in result.output


def test_check_unknown_exercise_is_a_usage_error_with_suggestion(course_dir: Path) -> None:
    result = run(course_dir, "check", "leap-yeer")
    assert result.exit_code == 2
    assert "There is no exercise 'leap-yeer' in this course. Did you mean 'leap-year'?" in result.output


def test_check_without_an_id_checks_the_next_exercise(course_dir: Path, mini_course: Course) -> None:
    solve(mini_course, "leap-year")
    assert run(course_dir, "check").exit_code == 0  # leap-year, now solved
    result = run(course_dir, "check", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["exercise_id"] == "doubled"


def test_check_by_path(course_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(course_dir / "exercises" / "02_objects")
    result = run(course_dir, "check", "01_stack", "--json")
    assert json.loads(result.stdout)["exercise_id"] == "stack"


def test_check_json_parses_and_records_progress(course_dir: Path) -> None:
    result = run(course_dir, "check", "doubled", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert data["exercise_id"] == "doubled"
    assert data["status"] == "not_started"
    assert data["max_score"] == 4.0
    assert [t["name"] for t in data["tests"]] == [
        "test_doubles_each_number",
        "test_empty_list",
        "test_input_is_not_changed",
    ]
    assert set(data["tests"][0]) == {
        "name",
        "description",
        "status",
        "message",
        "hint",
        "output",
        "points",
        "max_points",
        "duration",
        "milestone",
        "where",
        "diagnosis",
        "call",
    }
    progress = json.loads((course_dir / ".grader" / "progress.json").read_text(encoding="utf-8"))
    assert progress["exercises"]["doubled"]["attempts"] == 1


def test_milestone_is_only_for_projects(course_dir: Path) -> None:
    result = run(course_dir, "check", "leap-year", "--milestone", "1")
    assert result.exit_code == 2
    assert "--milestone is for projects; leap-year is not a project" in result.output


def test_milestone_message_reads_well(course_dir: Path) -> None:
    result = run(course_dir, "check", "leap-year", "--milestone", "1")
    assert "a implement" not in result.output


def test_hints_come_in_order_and_stop_at_the_last(course_dir: Path) -> None:
    outputs = [run(course_dir, "hint", "leap-year").output.strip() for _ in range(3)]
    assert outputs[0] == "Hint 1 of 2: Start with the rule for years divisible by 4."
    assert outputs[1] == (
        "Hint 2 of 2: Centuries are the exception: check 100 and 400. That was the last hint."
    )
    assert outputs[2] == outputs[1]
    progress = json.loads((course_dir / ".grader" / "progress.json").read_text(encoding="utf-8"))
    assert progress["exercises"]["leap-year"]["hints_shown"] == 2


def test_hint_without_an_id_is_for_the_next_exercise(course_dir: Path) -> None:
    assert run(course_dir, "hint").output.startswith("Hint 1 of 2: Start with the rule")


def commit_course(course_dir: Path) -> None:
    git(course_dir, "init", "-q")
    git(course_dir, "add", "-A")
    git(course_dir, "commit", "-q", "-m", "starter")


def test_reset_restores_the_committed_starter_and_backs_up(course_dir: Path) -> None:
    commit_course(course_dir)
    learner_file = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    starter = learner_file.read_text(encoding="utf-8")
    mine = "def leap_year(year):\n    return 'my work'\n"
    learner_file.write_text(mine, encoding="utf-8")
    result = run(course_dir, "reset", "leap-year", "--yes")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Restored the starter for leap-year. Your previous files are saved in ")
    assert learner_file.read_text(encoding="utf-8") == starter
    backups = list((course_dir / ".grader" / "backups" / "leap-year").glob("*/leap_year.py"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == mine
    assert str(backups[0].parent) in result.output


def test_reset_outside_git_is_explained(course_dir: Path) -> None:
    result = run(course_dir, "reset", "leap-year", "--yes")
    assert result.exit_code == 2
    assert "the original starter is not in git" in result.output


def test_solution_is_locked_until_passed(course_dir: Path, mini_course: Course) -> None:
    locked = run(course_dir, "solution", "stack")
    assert locked.exit_code == 2
    assert "The solution to stack unlocks once you pass it. Try `grader hint stack`." in locked.output
    assert "class Stack" not in locked.output
    solve(mini_course, "stack")
    assert run(course_dir, "check", "stack").exit_code == 0
    shown = run(course_dir, "solution", "stack")
    assert shown.exit_code == 0
    assert shown.output.startswith("# solutions/02_objects/01_stack/stack.py\n")
    solution = (mini_course.solution_dir(mini_course.find("stack")) / "stack.py").read_text(encoding="utf-8")
    assert solution in shown.output


def test_colour_is_used_only_when_allowed(course_dir: Path, mini_course: Course) -> None:
    solve(mini_course, "leap-year")
    coloured = run(course_dir, "check", "leap-year", color=True)
    assert ANSI in coloured.output  # the check below could fail
    plain = run(course_dir, "check", "leap-year", color=True, env={"NO_COLOR": "1"})
    assert plain.exit_code == 0
    assert "passed" in plain.output
    assert ANSI not in plain.output
    for args in (["list"], ["hint", "leap-year"], [], ["solution", "leap-year"]):
        result = run(course_dir, *args, color=True, env={"NO_COLOR": "1"})
        assert result.exit_code == 0, args
        assert ANSI not in result.output, args


def test_doctor_json(course_dir: Path) -> None:
    result = run(course_dir, "doctor", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == (0 if data["ok"] else 1)
    checks = {c["name"]: c for c in data["checks"]}
    assert list(checks) == [
        "Python version",
        "Virtual environment",
        "git",
        "Course folder",
        "A tiny grading run",
    ]
    assert set(checks["git"]) == {"name", "ok", "detail", "fix", "required"}
    assert checks["Python version"]["ok"] is True
    assert checks["Course folder"]["ok"] is True
    assert checks["Course folder"]["detail"].startswith("Mini course at ")
    assert checks["A tiny grading run"]["ok"] is True
    assert checks["A tiny grading run"]["detail"].startswith("graded leap-year in ")
    assert data["ok"] is True
    assert "Packages the course needs" not in checks  # the mini course has no project


def test_doctor_outside_a_course(tmp_path: Path) -> None:
    result = run(tmp_path, "doctor", "--json")
    assert result.exit_code == 1
    checks = {c["name"]: c for c in json.loads(result.stdout)["checks"]}
    assert checks["Course folder"]["ok"] is False
    assert "--course DIR" in checks["Course folder"]["fix"]
    assert checks["A tiny grading run"]["ok"] is False


def test_validate_json(course_dir: Path) -> None:
    result = run(course_dir, "validate", "leap-year", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert data["stray_folders"] == []
    (entry,) = data["exercises"]
    assert entry["exercise_id"] == "leap-year"
    assert entry["ok"] is True
    assert entry["reference_status"] == "passed"
    assert entry["starter_status"] == "not_started"
    assert {m["name"] for m in entry["mistakes"]} == {"forgets_centuries", "prints_instead_of_returning"}


def test_validate_failure_exits_1(course_dir: Path) -> None:
    (course_dir / "exercises/01_basics/04_stray").mkdir()
    result = run(course_dir, "validate", "leap-year")
    assert result.exit_code == 1
    assert "stray folder not in the manifest: exercises/01_basics/04_stray" in result.output


def test_not_a_course_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "list")
    assert result.exit_code == 2
    assert "is not a course folder: it has no exercises/course.toml" in result.output


def test_course_from_the_environment(course_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["list", "--json"], env={"GRADER_COURSE": str(course_dir)})
    assert result.exit_code == 0
    assert json.loads(result.stdout)["course"] == "Mini course"


def test_broken_manifest_is_reported_without_a_traceback(course_dir: Path) -> None:
    manifest = course_dir / "exercises" / "course.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("points = 10", "pionts = 10"), "utf-8")
    result = run(course_dir, "list")
    assert result.exit_code == 2
    assert "unknown key 'pionts' (did you mean 'points'?)" in result.output
    assert "Traceback" not in result.output


def grader_script() -> str:
    beside = Path(sys.executable).parent / ("grader.exe" if os.name == "nt" else "grader")
    found = str(beside) if beside.exists() else shutil.which("grader")
    if not found:
        pytest.fail("the `grader` console script is not installed next to this Python")
    return found


def script_environment(tmp_path: Path, suite_id_cache: Path, **extra: str) -> dict[str, str]:
    """A small environment for the installed script, every write under ``tmp_path``."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path / "home"),
        "XDG_CACHE_HOME": str(suite_id_cache),
        "TMPDIR": str(tmp_path / "tmp"),
        "NO_COLOR": "1",
        "LANG": "C.UTF-8",
        **extra,
    }


def test_end_to_end_with_the_installed_script(course_dir: Path, tmp_path: Path, suite_id_cache: Path) -> None:
    env = script_environment(tmp_path, suite_id_cache)
    command = [grader_script(), "--course", str(course_dir), "check", "leap-year"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    assert "Leap years (leap-year)  0/10 points  not started" in first.stdout
    assert ANSI not in first.stdout
    assert first.stderr == ""
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    shutil.copyfile(course_dir / "solutions/01_basics/01_leap_year/leap_year.py", leap)
    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Leap years (leap-year)  10/10 points  passed" in second.stdout
    unknown = subprocess.run(
        [grader_script(), "--course", str(course_dir), "check", "nope-year"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert unknown.returncode == 2
    assert "Did you mean 'leap-year'?" in unknown.stderr


# --- never locked out ---------------------------------------------------------------------------------


def test_a_deleted_learner_file_only_affects_its_own_exercise(course_dir: Path, mini_course: Course) -> None:
    commit_course(course_dir)
    stack_file = course_dir / "exercises/02_objects/01_stack/stack.py"
    stack_file.rename(stack_file.with_name("my_stack.py"))
    listed = run(course_dir, "list")
    assert listed.exit_code == 0, listed.output
    solve(mini_course, "leap-year")
    assert run(course_dir, "check", "leap-year").exit_code == 0
    missing = run(course_dir, "check", "stack")
    assert missing.exit_code == 1
    assert "Missing file: stack.py. Run `grader reset stack` to get the starter back." in missing.output
    reset = run(course_dir, "reset", "stack", "--yes")
    assert reset.exit_code == 0, reset.output
    assert stack_file.is_file()
    assert "Left as they are" in reset.output and "exercises/02_objects/01_stack/my_stack.py" in reset.output


def test_broken_progress_is_reported_once_on_stderr_and_kept(course_dir: Path) -> None:
    state = course_dir / ".grader"
    state.mkdir()
    (state / "progress.json").write_text("{oops", encoding="utf-8")
    first = run(course_dir, "list")
    assert first.exit_code == 0
    assert "Your progress file" in first.stderr and "could not be used: it is not valid JSON" in first.stderr
    assert "could not be used" not in first.stdout
    (kept,) = state.glob("progress.json.broken-*")
    assert kept.read_text(encoding="utf-8") == "{oops"
    assert str(kept) in first.stderr
    assert run(course_dir, "list").stderr == ""


def test_a_progress_path_that_is_a_folder_is_a_usage_error(course_dir: Path) -> None:
    (course_dir / ".grader" / "progress.json").mkdir(parents=True)
    result = run(course_dir, "check", "leap-year")
    assert result.exit_code == 2
    assert "is a folder, but the grader keeps your progress in a file there" in result.output
    assert "internal error" not in result.output


def test_a_missing_manifest_is_named_when_searching_from_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["list"])
    assert result.exit_code == 2
    assert "(looked for exercises/course.toml in each)" in result.output


def test_an_empty_manifest_is_a_usage_error(course_dir: Path) -> None:
    (course_dir / "exercises" / "course.toml").write_text("", encoding="utf-8")
    result = run(course_dir, "list")
    assert result.exit_code == 2
    assert "course.toml: the course has no exercises" in result.output


def test_check_inside_an_exercise_folder_grades_that_exercise(
    course_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(course_dir / "exercises/02_objects/01_stack")
    result = run(course_dir, "check", "--json")
    assert json.loads(result.stdout)["exercise_id"] == "stack"
    assert run(course_dir, "hint").output.startswith("Hint 1 of 1: Keep the items in a list")


# --- reset ----------------------------------------------------------------------------------------------


def test_reset_brings_progress_back_in_line(course_dir: Path, mini_course: Course) -> None:
    commit_course(course_dir)
    solve(mini_course, "leap-year")
    assert run(course_dir, "check", "leap-year").exit_code == 0
    assert run(course_dir, "reset", "leap-year", "--yes").exit_code == 0
    rows = {r["id"]: r for r in json.loads(run(course_dir, "list", "--json").stdout)["exercises"]}
    assert (rows["leap-year"]["status"], rows["leap-year"]["score"]) == (
        "not_started",
        0.0,
    )  # the untouched starter is back, as a check would say
    assert "Next exercise: Leap years (leap-year)" in run(course_dir).output


def test_reset_of_an_untouched_starter_backs_nothing_up(course_dir: Path) -> None:
    commit_course(course_dir)
    result = run(course_dir, "reset", "leap-year", "--yes", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == {
        "exercise_id": "leap-year",
        "restored": ["exercises/01_basics/01_leap_year/leap_year.py"],
        "backup": None,
        "left": [],
    }
    assert not (course_dir / ".grader" / "backups").exists()
    text = run(course_dir, "reset", "leap-year", "--yes").output
    assert text.strip() == (
        "Restored the starter for leap-year. Your files were the untouched starter: nothing to back up."
    )


# --- the first run, --json everywhere, colour, hints ----------------------------------------------------


def test_first_run_without_the_environment_active_gives_the_full_path(
    course_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.prefix == sys.base_prefix:
        pytest.skip("these tests do not run inside a virtual environment")
    monkeypatch.delenv("VIRTUAL_ENV", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.chdir(Path(sys.prefix).parent)
    script = os.path.join(Path(sys.prefix).name, "bin", "grader")
    result = run(course_dir)
    assert f"  Check: {script} check leap-year" in result.output
    assert f"Your virtual environment is not active in this shell, so type the full path ({script})," in (
        result.output
    )
    assert f"  source {Path(sys.prefix).name}/bin/activate" in result.output
    assert json.loads(run(course_dir, "--json").stdout)["command"] == script


def test_overview_json(course_dir: Path, active_environment: None) -> None:
    result = CliRunner().invoke(cli, ["--course", str(course_dir), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "schema_version": 1,
        "course": "Mini course",
        "done": 0,
        "total": 3,
        "next": {
            "id": "leap-year",
            "title": "Leap years",
            "module": "basics",
            "path": "exercises/01_basics/01_leap_year",
            "files": ["exercises/01_basics/01_leap_year/leap_year.py"],
            "readme": "exercises/01_basics/01_leap_year/README.md",
        },
        "command": "grader",
    }


def test_json_before_the_command_works_too(course_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["--course", str(course_dir), "--json", "list"])
    assert json.loads(result.stdout)["course"] == "Mini course"


def test_hint_json_and_all(course_dir: Path) -> None:
    first = json.loads(run(course_dir, "hint", "leap-year", "--json").stdout)
    assert first == {
        "exercise_id": "leap-year",
        "shown": 1,
        "total": 2,
        "hints": ["Start with the rule for years divisible by 4."],
    }
    again = run(course_dir, "hint", "leap-year", "--all").output.splitlines()
    assert again == [
        "Hint 1 of 2: Start with the rule for years divisible by 4.",
        "`grader hint leap-year` shows the next one.",
    ]
    run(course_dir, "hint", "leap-year")
    assert run(course_dir, "hint", "leap-year", "--all").output.splitlines() == [
        "Hint 1 of 2: Start with the rule for years divisible by 4.",
        "Hint 2 of 2: Centuries are the exception: check 100 and 400. That was the last hint.",
    ]
    assert json.loads(run(course_dir, "hint", "leap-year", "--all", "--json").stdout)["shown"] == 2


def test_solution_json(course_dir: Path, mini_course: Course) -> None:
    solve(mini_course, "stack")
    assert run(course_dir, "check", "stack").exit_code == 0
    data = json.loads(run(course_dir, "solution", "stack", "--json").stdout)
    assert [f["path"] for f in data["files"]] == ["solutions/02_objects/01_stack/stack.py"]
    assert "class Stack" in data["files"][0]["text"]


def test_a_dumb_terminal_gets_no_colour(course_dir: Path, mini_course: Course) -> None:
    solve(mini_course, "leap-year")
    for args in (["check", "leap-year"], ["list"], ["hint", "leap-year"], []):
        result = run(course_dir, *args, color=True, env={"TERM": "dumb"})
        assert result.output and ANSI not in result.output, args


def test_a_file_not_saved_as_utf8_gets_a_plain_message(course_dir: Path) -> None:
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    # In a string, not a comment: Python skips undecodable bytes only in comments.
    leap.write_bytes(b"def leap_year(year):\n    label = 'ann\xe9e bissextile'\n    return year % 4 == 0\n")
    result = run(course_dir, "check", "leap-year", "--json")
    data = json.loads(result.stdout)
    assert data["status"] == "error"
    assert data["error"] == (
        "leap_year.py, line 2, is not saved as UTF-8 text, so Python cannot read it. Save the file "
        "with the UTF-8 encoding in your editor (often under Save As or File > Save with Encoding), "
        "then check again."
    )


def test_a_declared_encoding_is_respected(course_dir: Path, mini_course: Course) -> None:
    leap = course_dir / "exercises/01_basics/01_leap_year/leap_year.py"
    solution = (mini_course.solution_dir(mini_course.find("leap-year")) / "leap_year.py").read_bytes()
    leap.write_bytes(b"# -*- coding: latin-1 -*-\n# ann\xe9e\n" + solution)
    assert run(course_dir, "check", "leap-year").exit_code == 0


def test_doctor_checks_the_packages_a_project_needs(tmp_path: Path) -> None:
    course_dir = copy_course(tmp_path / "project", FIXTURES / "project_course")
    listing = course_dir / "projects/hello-api/requirements.txt"
    listing.write_text("click>=8  # the CLI\nno-such-package-xyz[extra]>=1.0\n", encoding="utf-8")
    data = json.loads(run(course_dir, "doctor", "--json").stdout)
    (check,) = [c for c in data["checks"] if c["name"] == "Packages for hello-api"]
    assert check["ok"] is False and check["required"] is False
    assert check["detail"] == (
        "not installed: no-such-package-xyz (listed in projects/hello-api/requirements.txt)"
    )
    assert check["fix"].startswith("Install them with `")
    assert check["fix"].endswith(f" -m pip install -r {listing}`.")


def test_every_listed_command_loads_under_its_own_name() -> None:
    import click

    for name in cli.list_commands(click.Context(cli)):
        command = cli.get_command(click.Context(cli), name)
        assert command is not None and command.name == name


def test_a_check_does_not_import_the_batch_grader_or_pytest_in_the_cli_process() -> None:
    probe = (
        "import sys, click; from grader.cli import cli; "
        "cli.get_command(click.Context(cli), 'check'); "
        "print(sorted(m for m in ('pytest', 'grader.batch.pool', 'grader.doctor') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
