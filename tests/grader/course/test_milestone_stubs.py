"""A project's code at a milestone: the reference, with each later milestone's starter stubs in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.course.manifest import load_course
from grader.course.milestone_stubs import (
    MilestoneStubError,
    code_at_milestone,
    later_units,
    stage_milestone,
    units,
)
from tests.helpers import FIXTURES, copy_course

STARTER = '''import functools


def given():
    return "given"


@functools.cache
def early():
    # TODO (milestone 1)
    raise NotImplementedError("early")


def late():
    """TODO (milestone 3): the docstring may carry the marker too."""
    return None


class Store:
    def __init__(self):
        self.rows = []

    def add(self, row):
        # TODO (milestone 2); milestone 4 makes it safe
        raise NotImplementedError("Store.add")


class Params:
    # TODO (milestone 4): strict rules
    limit: int = 20
'''

REFERENCE = """import functools


def given():
    return "given"


@functools.cache
def early():
    return "early"


def helper():
    return "only in the reference"


def late():
    return helper()


class Store:
    def __init__(self):
        self.rows = []

    def add(self, row):
        self.rows.append(row)
        return row


class Params:
    limit: int = 20

    def check(self):
        return self.limit <= 100
"""


def test_units_carry_their_earliest_milestone_and_whole_marked_classes() -> None:
    found = {name: unit.milestone for name, unit in units(STARTER).items()}
    assert found == {
        "given": None,
        "early": 1,
        "late": 3,
        "Store": None,  # marked only inside its methods: they are written one by one
        "Store.__init__": None,
        "Store.add": 2,
        "Params": 4,
    }
    assert units(STARTER)["early"].first == 8  # the decorator's line, not the def's


def test_at_a_milestone_later_functions_are_the_starters() -> None:
    at_two = code_at_milestone(REFERENCE, STARTER, 2)
    assert [u.name for u in later_units(STARTER, 2)] == ["late", "Params"]
    namespace: dict[str, object] = {}
    exec(compile(at_two, "at_two", "exec"), namespace)
    assert namespace["early"]() == "early"  # type: ignore[operator]
    assert namespace["late"]() is None  # type: ignore[operator]
    assert namespace["helper"]() == "only in the reference"  # type: ignore[operator]
    assert not hasattr(namespace["Params"], "check")  # the class as a whole is the starter's
    store = namespace["Store"]()  # type: ignore[operator]
    assert store.add(5) == 5


def test_an_earlier_milestone_stubs_the_method_inside_its_class() -> None:
    at_one = code_at_milestone(REFERENCE, STARTER, 1)
    namespace: dict[str, object] = {}
    exec(compile(at_one, "at_one", "exec"), namespace)
    with pytest.raises(NotImplementedError, match="Store.add"):
        namespace["Store"]().add(1)  # type: ignore[operator]
    assert namespace["Store"]().rows == []  # type: ignore[operator]
    assert [u.name for u in later_units(STARTER, 1)] == ["late", "Store.add", "Params"]


def test_past_the_last_marker_the_reference_is_unchanged() -> None:
    assert code_at_milestone(REFERENCE, STARTER, 4) == REFERENCE


def test_a_marked_function_the_reference_lacks_is_a_clear_error() -> None:
    starter = STARTER + "\n\ndef extra():\n    # TODO (milestone 5)\n    raise NotImplementedError\n"
    with pytest.raises(MilestoneStubError, match=r"taskapi/x\.py marks extra with TODO \(milestone K\)"):
        code_at_milestone(REFERENCE, starter, 3, "taskapi/x.py")


def test_comments_after_the_last_statement_belong_to_the_function() -> None:
    starter = (
        "def install(app):\n    app.add(1)\n    # TODO (milestone 4): register the others\n"
        "    #   app.add(2)\n\n\nX = 1\n"
    )
    reference = "def install(app):\n    app.add(1)\n    app.add(2)\n\n\nX = 1\n"
    assert units(starter)["install"].milestone == 4
    assert units(starter)["install"].last == 4
    assert code_at_milestone(reference, starter, 3) == starter


def test_a_graded_file_that_is_not_python_stays_the_references(tmp_path: Path) -> None:
    root = copy_course(tmp_path / "course", FIXTURES / "project_course")
    # A Dockerfile's TODO is not a function to stub (and it is no Python to parse).
    (root / "projects" / "hello-api" / "Dockerfile").write_text("# TODO (milestone 2)\nFROM python:latest\n")
    (root / "solutions" / "projects" / "hello-api" / "Dockerfile").write_text("FROM python:3.12-slim\n")
    manifest = root / "exercises" / "course.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('files = ["hello/*.py"]', 'files = ["hello/*.py", "Dockerfile"]'))
    course = load_course(root)
    exercise = course.find("hello-api")
    main = course.exercise_dir(exercise) / "hello" / "__main__.py"
    main.write_text(main.read_text().replace("# TODO: return", "# TODO (milestone 2): return"))
    stubbed = stage_milestone(course, exercise, 1, tmp_path / "staged")
    assert stubbed == ["hello/__main__.py:greeting"]
    assert (tmp_path / "staged" / "Dockerfile").read_text() == "FROM python:3.12-slim\n"
