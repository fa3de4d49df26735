"""The Gradescope package run as Gradescope's container runs it, at the real /autograder.

Gradescope's autograder specification
(https://gradescope-autograders.readthedocs.io/en/latest/specs/): the zip is
extracted into /autograder/source; setup.sh runs once, as root, when the image
is built; run_autograder is copied to /autograder/run_autograder and run with
/autograder as the working directory, the learner's files in
/autograder/submission; it must write /autograder/results/results.json.

This needs root and a machine with no /autograder of its own: elsewhere it is
skipped, and tests/grader/platforms/test_gradescope.py still runs the same scripts in a
relocated layout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from grader.cli import cli
from grader.course.manifest import load_course
from grader.validate_runs import check_mistake

REPO = Path(__file__).resolve().parents[3]
AUTOGRADER = Path("/autograder")
EXERCISE = "order-status"
MISTAKE = "allows_paid_to_deliver.py"  # only the instructor-only tests catch it

# results.json as the specification documents it: field -> accepted types.
TOP_LEVEL = {
    "score": (int, float),
    "execution_time": (int, float),
    "output": str,
    "output_format": str,
    "test_output_format": str,
    "test_name_format": str,
    "visibility": str,
    "stdout_visibility": str,
    "extra_data": dict,
    "tests": list,
    "leaderboard": list,
}
PER_TEST = {
    "score": (int, float),
    "max_score": (int, float),
    "status": str,
    "name": str,
    "name_format": str,
    "number": str,
    "output": str,
    "output_format": str,
    "tags": list,
    "visibility": str,
    "extra_data": dict,
}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}


def check_results(data: dict[str, Any]) -> None:
    """Fail on anything in results.json the specification does not document, or a wrong type."""
    assert set(data) <= set(TOP_LEVEL), f"undocumented fields: {set(data) - set(TOP_LEVEL)}"
    for key, value in data.items():
        assert isinstance(value, TOP_LEVEL[key]), f"{key} is {type(value).__name__}"
    assert "score" in data or all("score" in t for t in data.get("tests", []))
    for name in ("visibility", "stdout_visibility"):
        assert data.get(name, "visible") in VISIBILITIES
    for test in data.get("tests", []):
        assert set(test) <= set(PER_TEST), f"undocumented test fields: {set(test) - set(PER_TEST)}"
        for key, value in test.items():
            assert isinstance(value, PER_TEST[key]), f"test {key} is {type(value).__name__}"
        assert test.get("visibility", "visible") in VISIBILITIES
        assert test.get("status", "passed") in {"passed", "failed"}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gradescope") / "autograder.zip"
    args = ["gradescope", "build", "--out", str(out), "--exercise", EXERCISE, "--course", str(REPO)]
    built = CliRunner().invoke(cli, args)
    assert built.exit_code == 0, built.output
    return out


def test_the_package_holds_what_grading_needs_and_nothing_private_beyond(package: Path) -> None:
    course = load_course(REPO)
    exercise = course.find(EXERCISE)
    suite = f"course/{course.suites}/{exercise.mirror}/"
    with zipfile.ZipFile(package) as archive:
        names = archive.namelist()
    assert {"setup.sh", "run_autograder", "gradescope.json"} <= set(names)
    assert any(n.startswith(suite) and n.endswith("_instructor.py") for n in names)  # grades with them
    files = [n for n in names if not n.endswith("/")]  # other suites stay as empty folders only
    private = [
        n
        for n in files
        if n.startswith(("course/solutions/", "course/tests/", "course/bench/", "course/.ci/"))
        or "/mistakes/" in n
        or (n.startswith(f"course/{course.suites}/") and not n.startswith(suite))
    ]
    assert private == []
    others = [e for e in course.exercises if e.id != EXERCISE]
    assert not [n for n in files for e in others if n.startswith(f"course/{course.suites}/{e.mirror}/")]
    assert {f"course/{course.suites}/{e.mirror}/" for e in others} <= set(names)  # the manifest needs them


@pytest.fixture
def autograder() -> Iterator[Path]:
    """The real /autograder, made for this test and removed after it."""
    if os.geteuid() != 0:
        pytest.skip("the real /autograder layout needs root")
    if AUTOGRADER.exists():
        pytest.skip("/autograder already exists on this machine: not touching it")
    if shutil.which("unzip") is None:
        pytest.skip("unzip is not installed")
    try:
        (AUTOGRADER / "source").mkdir(parents=True)
        yield AUTOGRADER
    finally:
        shutil.rmtree(AUTOGRADER, ignore_errors=True)


def fresh_environment(tmp_path: Path) -> dict[str, str]:
    """A login-like environment: no virtualenv, no GRADESCOPE_ROOT, and an apt-get that refuses."""
    stubs = tmp_path / "stubs"
    stubs.mkdir()
    refuse = stubs / "apt-get"
    refuse.write_text("#!/bin/sh\necho 'apt-get is not run in tests' >&2\nexit 1\n", encoding="utf-8")
    refuse.chmod(0o755)
    keep = {k: v for k, v in os.environ.items() if k.startswith(("PIP_", "SSL_", "LANG", "LC_"))}
    path = f"{stubs}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    return {**keep, "PATH": path, "HOME": str(tmp_path)}


def test_setup_then_run_autograder_at_the_real_layout(
    autograder: Path, package: Path, tmp_path: Path
) -> None:
    env = fresh_environment(tmp_path)
    source = autograder / "source"
    subprocess.run(["unzip", "-q", str(package), "-d", str(source)], check=True)  # keeps the modes
    setup = subprocess.run(
        ["bash", "setup.sh"], cwd=source, env=env, capture_output=True, text=True, timeout=600
    )
    assert setup.returncode == 0, setup.stdout + setup.stderr
    assert (autograder / "venv" / "bin" / "python").exists()
    shutil.copy2(source / "run_autograder", autograder / "run_autograder")
    course = load_course(REPO)
    exercise = course.find(EXERCISE)
    variant = course.suite_dir(exercise) / "mistakes" / MISTAKE
    (autograder / "submission").mkdir()
    (autograder / "results").mkdir()
    shutil.copyfile(variant, autograder / "submission" / "order_status.py")
    run = subprocess.run(
        [str(autograder / "run_autograder")], cwd=autograder, env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr
    data = json.loads((autograder / "results" / "results.json").read_text(encoding="utf-8"))
    check_results(data)
    predicted = check_mistake(course, exercise, variant, split=True)
    assert data["score"] == pytest.approx(predicted.score, abs=0.05)
    tests = data["tests"]
    failed = [t for t in tests if t["score"] < t["max_score"]]
    assert failed and all(t["visibility"] == "after_published" for t in failed)
    assert all(t["output"] for t in failed)  # per-test feedback
    visible = [t for t in tests if t["visibility"] == "visible"]
    assert visible and sum(t["score"] for t in visible) == pytest.approx(
        sum(t["max_score"] for t in visible), abs=0.05
    )
