"""Build isolated pytest command lines: our config file, only the plugins we name.

Used for the trusted grading runs (with our plugins) and for running a
learner's own tests (with none), so both ignore any conftest, ini file or
installed plugin that is not ours.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # a check imports this module first thing: no typing or pathlib yet
if TYPE_CHECKING:
    from pathlib import Path

PYTEST_CONFIG = """[pytest]
python_files = test_*.py
addopts =
"""
GRADING_PLUGINS = ("pytest_jsonreport", "grader.pipeline.plugin")


def isolated_pytest(run_dir: Path) -> list[str]:
    """Start pytest in ``run_dir`` with our config and no plugins beyond pytest's own."""
    return [sys.executable, "-I", "-m", "pytest", *isolated_arguments(run_dir)]


def isolated_arguments(run_dir: Path) -> list[str]:
    """Pytest's arguments for our config in ``run_dir`` (written here) and its quiet output."""
    config = run_dir / "pytest.ini"
    config.write_text(PYTEST_CONFIG, encoding="utf-8")
    return [
        "-c",
        str(config),
        "--rootdir",
        str(run_dir),
        "-p",
        "no:cacheprovider",
        "-q",
        "--no-header",
        "-o",
        "console_output_style=classic",
    ]


def grading_pytest(run_dir: Path) -> list[str]:
    """Start a trusted grading run: isolated pytest plus the report and grader plugins."""
    command = isolated_pytest(run_dir)
    for plugin in GRADING_PLUGINS:
        command += ["-p", plugin]
    return command


def pytest_environment() -> dict[str, str]:
    """Our environment without anything that configures Python or pytest from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "PYTHON", "COV_"))}
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env
