"""Our pytest plugin's part for projects: ``project_code``, the learner's layers called directly.

Registered by :mod:`grader.pipeline.plugin` only for a project run. The
worker starts on the first test that asks for it, so a suite graded over
HTTP alone never starts one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from grader.kinds.learner_programs import LearnerPrograms
from grader.kinds.project_layers import ProjectLayers


@pytest.fixture(scope="session")
def project_layers_session(
    request: pytest.FixtureRequest,
    project_dir: Path,
    learner_programs: LearnerPrograms,
    track_learner_process: Callable[[int], None],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ProjectLayers]:
    """One worker for the run, on the modules the suite names in its ``project_modules`` fixture."""
    try:
        modules = request.getfixturevalue("project_modules")
    except pytest.FixtureLookupError:
        pytest.fail("this suite calls project code directly but names no project_modules")
    option = request.config.getoption
    limits = {
        "call_timeout": option("--grader-call-timeout"),
        "import_timeout": option("--grader-import-timeout"),
        "test_timeout": option("--grader-test-timeout"),
        "memory_mb": option("--grader-memory-mb"),
    }
    folder = tmp_path_factory.mktemp("project-layers")
    layers = ProjectLayers(project_dir, modules, folder, learner_programs, limits, track_learner_process)
    try:
        yield layers
    finally:
        layers.close()


@pytest.fixture
def project_code(project_layers_session: ProjectLayers) -> Iterator[ProjectLayers]:
    """The learner's project modules for one test: ``project_code.module("pkg.mod")``, ``.folder``."""
    project_layers_session.start_test()
    try:
        yield project_layers_session
    finally:
        project_layers_session.end_test()
