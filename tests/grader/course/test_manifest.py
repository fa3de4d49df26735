"""Loading the course manifest: valid courses load, every mistake in one is named precisely."""

from __future__ import annotations

import shutil
from pathlib import Path, PurePosixPath

import pytest

from grader.course.manifest import MANIFEST, Course, CourseError, load_course


def edit_manifest(course_dir: Path, old: str, new: str) -> Path:
    """Replace ``old`` (which must occur exactly once) in the copied manifest."""
    manifest = course_dir / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    manifest.write_text(text.replace(old, new), encoding="utf-8")
    return manifest


def load_error(course_dir: Path) -> str:
    with pytest.raises(CourseError) as caught:
        load_course(course_dir)
    return str(caught.value)


def test_valid_manifest_loads(mini_course: Course, course_dir: Path) -> None:
    assert mini_course.root == course_dir
    assert mini_course.title == "Mini course"
    assert [m.id for m in mini_course.modules] == ["basics", "objects"]
    assert [e.id for e in mini_course.exercises] == ["leap-year", "doubled", "stack"]
    leap = mini_course.exercises[0]
    assert leap.title == "Leap years"
    assert leap.module == "basics"
    assert leap.kind == "implement"
    assert leap.points == 10.0 and isinstance(leap.points, float)
    assert leap.files == ("leap_year.py",)
    assert leap.hints[0] == "Start with the rule for years divisible by 4."
    assert len(leap.hints) == 2
    assert leap.call_timeout == 1.0
    assert leap.time_limit == 30.0
    assert leap.mirror == PurePosixPath("01_basics/01_leap_year")
    assert leap.modules == ["leap_year"]
    assert mini_course.exercise_dir(leap) == course_dir / "exercises/01_basics/01_leap_year"
    assert mini_course.solution_dir(leap) == course_dir / "solutions/01_basics/01_leap_year"
    assert mini_course.suite_dir(leap) == course_dir / "grader/suites/01_basics/01_leap_year"
    assert mini_course.module("objects").title == "Objects"


def test_glob_patterns_are_files_but_not_modules(mini_course: Course) -> None:
    doubled = mini_course.find("doubled")
    assert doubled.files == ("doubled.py", "*")
    assert doubled.modules == ["doubled"]


def test_defaults_for_optional_fields(course_dir: Path) -> None:
    edit_manifest(course_dir, 'kind = "implement"\npoints = 10', "points = 10")
    edit_manifest(course_dir, "call_timeout = 1.0\ntime_limit = 30\n\n# Every", "\n# Every")
    leap = load_course(course_dir).find("leap-year")
    assert leap.kind == "implement"
    assert leap.call_timeout == 2.0
    assert leap.time_limit == 60.0
    assert leap.import_timeout == 10.0


def test_an_import_limit_is_read_from_the_manifest(course_dir: Path) -> None:
    edit_manifest(course_dir, "time_limit = 30\n\n# Every", "time_limit = 30\nimport_timeout = 4\n\n# Every")
    assert load_course(course_dir).find("leap-year").import_timeout == 4.0


@pytest.mark.parametrize("value", ['"slow"', "0", "-1", "inf", "true"])
def test_a_time_limit_that_is_not_a_positive_number_is_refused(course_dir: Path, value: str) -> None:
    manifest = edit_manifest(course_dir, "time_limit = 30\n\n# Every", f"time_limit = {value}\n\n# Every")
    message = load_error(course_dir)
    assert message.startswith(f"{manifest}, exercise 'leap-year': 'time_limit' must be")


def test_unknown_exercise_key_names_file_entry_and_close_key(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, "points = 10\n", "pionts = 10\n")
    message = load_error(course_dir)
    assert message == f"{manifest}, exercise 'leap-year': unknown key 'pionts' (did you mean 'points'?)"


def test_unknown_key_without_a_close_match_has_no_suggestion(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, "points = 10\n", "points = 10\nxyzzy = 1\n")
    assert load_error(course_dir) == f"{manifest}, exercise 'leap-year': unknown key 'xyzzy'"


@pytest.mark.parametrize(
    ("old", "new", "where", "key", "close"),
    [
        ('title = "Mini course"', 'titel = "Mini course"', "[course]", "titel", "title"),
        ('title = "Basics"', 'tilte = "Basics"', "module 'basics'", "tilte", "title"),
        ('[[module]]\nid = "objects"', '[[modul]]\nid = "objects"', "the top level", "modul", "module"),
    ],
)
def test_unknown_keys_elsewhere(
    course_dir: Path, old: str, new: str, where: str, key: str, close: str
) -> None:
    manifest = edit_manifest(course_dir, old, new)
    assert load_error(course_dir) == f"{manifest}, {where}: unknown key {key!r} (did you mean {close!r}?)"


def test_duplicate_exercise_id(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'id = "doubled"', 'id = "leap-year"')
    assert load_error(course_dir) == f"{manifest}, exercise 'leap-year': the id is used twice"


def test_duplicate_module_id(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'id = "objects"', 'id = "basics"')
    assert load_error(course_dir) == f"{manifest}: two modules share an id"


def test_missing_exercise_folder(course_dir: Path) -> None:
    manifest = edit_manifest(
        course_dir, 'path = "exercises/01_basics/01_leap_year"', 'path = "exercises/01_basics/09_nowhere"'
    )
    assert load_error(course_dir) == (
        f"{manifest}, exercise 'leap-year': folder exercises/01_basics/09_nowhere does not exist"
    )


def test_missing_path_key(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'path = "exercises/01_basics/01_leap_year"\n', "")
    assert load_error(course_dir) == f"{manifest}, exercise 'leap-year': missing 'path'"


def test_path_outside_the_course_is_refused(course_dir: Path) -> None:
    manifest = edit_manifest(
        course_dir, 'path = "exercises/01_basics/01_leap_year"', 'path = "../elsewhere/01_leap_year"'
    )
    assert load_error(course_dir) == (
        f"{manifest}, exercise 'leap-year': path must stay inside the course folder"
    )


def test_unknown_module(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'module = "objects"', 'module = "objcts"')
    assert load_error(course_dir) == (
        f"{manifest}, exercise 'stack': module 'objcts' is not declared as a [[module]]"
    )


def test_bad_kind(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'kind = "implement"\npoints = 10', 'kind = "implemnt"\npoints = 10')
    assert load_error(course_dir) == (
        f"{manifest}, exercise 'leap-year': kind 'implemnt' is not one of implement, debug, "
        "write-tests, project, refactor"
    )


def test_points_must_be_a_number(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, "points = 10\n", 'points = "ten"\n')
    assert load_error(course_dir) == f"{manifest}, exercise 'leap-year': 'points' must be a non-empty float"


def test_a_learners_missing_file_does_not_stop_the_course_loading(course_dir: Path) -> None:
    (course_dir / "exercises/02_objects/01_stack/stack.py").unlink()
    course = load_course(course_dir)
    assert [e.id for e in course.exercises] == ["leap-year", "doubled", "stack"]


def test_the_reference_solution_must_have_every_graded_file(course_dir: Path) -> None:
    (course_dir / "solutions/02_objects/01_stack/stack.py").unlink()
    assert load_error(course_dir) == (
        f"{course_dir / MANIFEST}, exercise 'stack': no file matches 'stack.py' "
        "in the reference solution solutions/02_objects/01_stack"
    )


def test_hidden_suite_folder_must_exist(course_dir: Path) -> None:
    shutil.rmtree(course_dir / "grader/suites/02_objects/01_stack")
    assert load_error(course_dir) == (
        f"{course_dir / MANIFEST}, exercise 'stack': hidden suite folder "
        "grader/suites/02_objects/01_stack does not exist"
    )


def test_invalid_toml(course_dir: Path) -> None:
    manifest = edit_manifest(course_dir, 'title = "Mini course"', 'title = "Mini course')
    message = load_error(course_dir)
    assert message.startswith(f"{manifest}: not valid TOML: ")


def test_no_manifest(tmp_path: Path) -> None:
    assert load_error(tmp_path) == f"{tmp_path / MANIFEST}: no course manifest here"


def test_a_manifest_without_exercises_is_refused(course_dir: Path) -> None:
    manifest = course_dir / MANIFEST
    for text in ("", '[course]\ntitle = "Empty"\n[[module]]\nid = "m"\ntitle = "M"\npath = "exercises"\n'):
        manifest.write_text(text, encoding="utf-8")
        assert load_error(course_dir) == (
            f"{manifest}: the course has no exercises; add [[exercise]] tables "
            "(see docs/authoring/adding-an-exercise.md)"
        )


def test_a_manifest_that_is_a_folder_or_not_utf8_is_named(course_dir: Path) -> None:
    manifest = course_dir / MANIFEST
    manifest.write_bytes(b'title = "caf\xe9"\n')
    assert load_error(course_dir).startswith(f"{manifest}: not valid TOML: not UTF-8 text")
    manifest.unlink()
    manifest.mkdir()
    assert load_error(course_dir) == f"{manifest}: this is a folder; the course manifest must be a file"


# --- Course.find -------------------------------------------------------------------------------------


def test_find_by_id(mini_course: Course) -> None:
    assert mini_course.find("stack").title == "A stack"


def test_find_by_folder_path_relative_to_cwd(mini_course: Course, course_dir: Path) -> None:
    found = mini_course.find("exercises/02_objects/01_stack", cwd=course_dir)
    assert found.id == "stack"


def test_find_by_file_path_and_from_a_subfolder(mini_course: Course, course_dir: Path) -> None:
    assert (
        mini_course.find("01_leap_year/leap_year.py", cwd=course_dir / "exercises/01_basics").id
        == "leap-year"
    )
    assert mini_course.find(".", cwd=course_dir / "exercises/01_basics/02_doubled").id == "doubled"
    absolute = str(course_dir / "exercises/02_objects/01_stack/stack.py")
    assert mini_course.find(absolute, cwd=course_dir).id == "stack"


def test_find_an_existing_path_that_is_no_exercise(mini_course: Course, course_dir: Path) -> None:
    with pytest.raises(CourseError, match="There is no exercise 'exercises' in this course"):
        mini_course.find("exercises", cwd=course_dir)


def test_find_suggests_a_close_id(mini_course: Course, course_dir: Path) -> None:
    with pytest.raises(CourseError) as caught:
        mini_course.find("leap-yaer", cwd=course_dir)
    assert str(caught.value) == "There is no exercise 'leap-yaer' in this course. Did you mean 'leap-year'?"


def test_find_without_a_close_id_points_to_list(mini_course: Course, course_dir: Path) -> None:
    with pytest.raises(CourseError) as caught:
        mini_course.find("quantum-physics", cwd=course_dir)
    assert str(caught.value) == (
        "There is no exercise 'quantum-physics' in this course. Run `grader list` to see them all."
    )


def test_exercise_at_finds_the_exercise_holding_a_place(mini_course: Course, course_dir: Path) -> None:
    deep = course_dir / "exercises/02_objects/01_stack/notes/more"
    deep.mkdir(parents=True)
    assert mini_course.exercise_at(deep) == mini_course.find("stack")
    assert mini_course.exercise_at(course_dir / "exercises/02_objects/01_stack") == mini_course.find("stack")
    assert mini_course.exercise_at(course_dir / "exercises") is None
