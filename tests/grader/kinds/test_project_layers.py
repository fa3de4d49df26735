"""A project's layers graded where they live: ``project_code`` calls the learner's modules in a worker.

Uses a copy of ``tests/fixtures/project_course`` with one more module,
``hello/words.py``, and a suite file that calls it directly (milestone 1),
beside the suite's HTTP tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grader.course.manifest import Course, load_course
from grader.kinds.learner_programs import LearnerPrograms
from grader.kinds.project_layers import ProjectLayers
from grader.pipeline.grading import grade
from grader.testkit import call
from tests.helpers import FIXTURES, by_name, copy_course

WORDS = '''"""Words the service says."""

import os


def greeting(name):
    return f"Hello, {name}!"


def shout(text):
    return text.upper()


def process_id():
    return os.getpid()
'''

WORDS_STARTER = '''"""Words the service says."""

import os


def greeting(name):
    # TODO (milestone 1)
    raise NotImplementedError("greeting")


def shout(text):
    # TODO (milestone 1)
    raise NotImplementedError("shout")


def process_id():
    return os.getpid()
'''

LAYER_TESTS = '''"""The words module, called directly."""

import os
import sys

import pytest

from grader.testkit import call

pytestmark = pytest.mark.milestone(1)


@pytest.fixture(scope="session")
def project_modules():
    return ["hello.words"]


@pytest.fixture
def words(project_code):
    return project_code.module("hello.words")


def test_greeting(words):
    """greeting names the person."""
    call(words.greeting, "ada").returns("Hello, ada!")


def test_shout(words):
    """shout writes in capitals."""
    call(words.shout, "hi").returns("HI")


def test_runs_in_the_worker(words):
    """The learner's module is loaded in another process, never in this one."""
    call(words.process_id).satisfies(lambda pid: pid != os.getpid(), "another process's id")
    assert "hello.words" not in sys.modules and "hello" not in sys.modules
'''


@pytest.fixture
def course(tmp_path: Path) -> Course:
    root = copy_course(tmp_path / "course", FIXTURES / "project_course")
    (root / "solutions/projects/hello-api/hello/words.py").write_text(WORDS, encoding="utf-8")
    (root / "projects/hello-api/hello/words.py").write_text(WORDS_STARTER, encoding="utf-8")
    suite = root / "grader/suites/projects/hello-api"
    (suite / "test_layers.py").write_text(LAYER_TESTS, encoding="utf-8")
    return load_course(root)


def learner_copy(course: Course, words: str) -> Path:
    """The reference project with ``hello/words.py`` replaced."""
    folder = course.root.parent / "learner-project"
    shutil.copytree(course.solution_dir(course.find("hello-api")), folder)
    (folder / "hello" / "words.py").write_text(words, encoding="utf-8")
    return folder


def test_the_reference_passes_its_layer_and_http_tests(course: Course) -> None:
    feedback = grade(course, course.find("hello-api"), course.solution_dir(course.find("hello-api")))
    assert feedback.status == "passed", [t.message for t in feedback.tests if t.status != "passed"]
    tests = by_name(feedback)
    assert {"test_greeting", "test_shout", "test_runs_in_the_worker", "test_health"} <= set(tests)


def test_each_function_gets_its_own_feedback(course: Course) -> None:
    """The first function written passes; the next is named as not started; a bug shows the learner's line."""
    stub = '    # TODO (milestone 1)\n    raise NotImplementedError("greeting")'
    half = WORDS_STARTER.replace(stub, '    return "Hello, " + name.title')
    feedback = grade(course, course.find("hello-api"), learner_copy(course, half), milestone=1)
    tests = by_name(feedback)
    assert tests["test_greeting"].status == "failed"
    assert tests["test_greeting"].message.startswith("Called greeting('ada'); your code raised TypeError")
    assert tests["test_greeting"].where == (
        'projects/hello-api/hello/words.py, line 7, in greeting: return "Hello, " + name.title',
    )
    assert tests["test_shout"].status == "not_started"
    assert "shout('hi')" in tests["test_shout"].message
    assert tests["test_runs_in_the_worker"].status == "passed"
    assert tests["test_health"].status == "passed"

    fixed = half.replace('"Hello, " + name.title', 'f"Hello, {name}!"')
    feedback = grade(course, course.find("hello-api"), learner_copy_again(course, fixed), milestone=1)
    assert by_name(feedback)["test_greeting"].status == "passed"
    assert by_name(feedback)["test_shout"].status == "not_started"


def learner_copy_again(course: Course, words: str) -> Path:
    shutil.rmtree(course.root.parent / "learner-project")
    return learner_copy(course, words)


def test_only_the_modules_the_suite_names_are_reached(tmp_path: Path) -> None:
    layers = ProjectLayers(
        tmp_path,
        ["hello.words"],
        tmp_path,
        LearnerPrograms(),
        {"call_timeout": 1.0, "import_timeout": 5.0, "test_timeout": 5.0, "memory_mb": 256},
        lambda pid: None,
    )
    try:
        assert layers.module("hello.words")._module == "hello.words"
        with pytest.raises(LookupError, match="did not name hello.secrets"):
            layers.module("hello.secrets")
        layers.start_test()
        assert layers.session.deadline is not None
        layers.end_test()
        assert layers.session.deadline is None
    finally:
        layers.close()


def test_the_project_worker_imports_the_installed_packages(tmp_path: Path) -> None:
    """A project's modules import their libraries (pydantic...): its worker can, unlike an exercise's."""
    package = tmp_path / "project" / "app"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cli.py").write_text(
        "import click\n\n\ndef name():\n    return click.__name__\n", encoding="utf-8"
    )
    limits = {"call_timeout": 20.0, "import_timeout": 20.0, "test_timeout": 30.0, "memory_mb": 1024}
    layers = ProjectLayers(
        package.parent, ["app.cli"], tmp_path / "data", LearnerPrograms(), limits, lambda pid: None
    )
    try:
        call(layers.module("app.cli").name).returns("click")
    finally:
        layers.close()
