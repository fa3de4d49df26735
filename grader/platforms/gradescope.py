"""Gradescope: build an autograder package, and grade one submission inside its container.

Gradescope unzips the package into ``/autograder/source``, runs ``setup.sh`` once
when it builds the image, then ``/autograder/run_autograder`` per submission,
with the learner's files in ``/autograder/submission``; it reads
``/autograder/results/results.json``. ``GRADESCOPE_ROOT`` moves that root (tests).
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from grader.batch.locate import locate
from grader.batch.results import LearnerResults
from grader.course.manifest import Course, Exercise
from grader.edition.release import course_files, is_under, leave_out_reason
from grader.pipeline.grading import grade
from grader.pipeline.suite_ids import expected_test_ids
from grader.render.class_tables import gradescope as gradescope_json

ROOT_VARIABLE = "GRADESCOPE_ROOT"
# Instructor-only tests stay hidden from the learner until the instructor publishes grades.
HIDDEN_VISIBILITY = "after_published"
KEPT = ("", "instructor-only tests")

SETUP_SH = """\
#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
# The grader needs Python 3.11 or newer: use one the image has, else install one.
set -euo pipefail
ROOT="${GRADESCOPE_ROOT:-/autograder}"
usable() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c \\
      'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
if ! PYTHON="$(usable)"; then
  apt-get update -q
  apt-get install -y -q python3.11 python3.11-venv || apt-get install -y -q python3 python3-venv
  PYTHON="$(usable)" || { echo "setup.sh: no Python 3.11 or newer could be installed" >&2; exit 1; }
fi
"$PYTHON" -m venv "$ROOT/venv"
"$ROOT/venv/bin/python" -m pip install -q "$ROOT/source/course"
"""

RUN_AUTOGRADER = """\
#!/usr/bin/env bash
# Gradescope runs this for every submission; GRADESCOPE_ROOT moves the root for local tests.
set -u
ROOT="${GRADESCOPE_ROOT:-/autograder}"
PYTHON="${GRADER_PYTHON:-$ROOT/venv/bin/python}"
cd "$ROOT/source/course" && exec "$PYTHON" -m grader gradescope run --root "$ROOT"
"""


def build_package(course: Course, out: Path, exercises: list[Exercise]) -> int:
    """Write the autograder zip: scripts, the course without solutions or mistakes, the exercise list."""
    if out.suffix != ".zip":
        raise ValueError(f"{out} should end in .zip: Gradescope takes a zip file")
    # Unlike a learner edition, the package keeps the instructor-only tests: they grade.
    kept = [
        p
        for p in course_files(course.root)
        if leave_out_reason(course, p, False) in KEPT and grades_with(course, p, exercises)
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o755 << 16  # executable, as Gradescope runs them directly
            package.writestr(info, text)
        package.writestr("gradescope.json", json.dumps({"exercises": [e.id for e in exercises]}))
        for relative in kept:
            package.write(course.root.joinpath(*relative.parts), f"course/{relative}")
        # The manifest needs every exercise's suite folder; an empty one reveals nothing.
        for skipped in [e for e in course.exercises if exercises and e not in exercises]:
            package.mkdir(f"course/{PurePosixPath(course.suites) / skipped.mirror}")
    return len(kept)


def grades_with(course: Course, relative: PurePosixPath, exercises: list[Exercise]) -> bool:
    """Whether a course file belongs in a package grading ``exercises`` (every exercise when empty).

    Other exercises' hidden suites are instructor-private and grade nothing here.
    """
    if not exercises or not is_under(relative, course.suites):
        return True
    root = PurePosixPath(course.suites)
    return any(is_under(relative, (root / e.mirror).as_posix()) for e in exercises)


def grade_submission(root: Path) -> dict[str, Any]:
    """Grade ``root/submission`` with the course in ``root/source/course``; return results.json's data."""
    from grader.course.workspace import open_course

    started = time.monotonic()
    course = open_course(str(root / "source" / "course"))
    wanted = json.loads((root / "source" / "gradescope.json").read_text(encoding="utf-8"))["exercises"]
    chosen = [course.find(w) for w in wanted] or list(course.exercises)
    feedback = [grade_one(course, e, root / "submission") for e in chosen]
    learner = LearnerResults("submission", "", (), tuple(feedback))
    data = json.loads(gradescope_json(learner))
    hidden = [instructor_only_names(course, e) for e in chosen]
    visibility = [
        HIDDEN_VISIBILITY if test["name"] in names else "visible"
        for entry, names in zip(feedback, hidden, strict=True)
        for test in entry["tests"] or [{"name": ""}]  # the renderer's one line for an ungraded exercise
    ]
    for test, seen_as in zip(data["tests"], visibility, strict=True):
        test["visibility"] = seen_as
    data["visibility"] = "visible"
    data["stdout_visibility"] = "hidden"  # our stdout is one line for the instructor's debugging
    data["execution_time"] = round(time.monotonic() - started)
    data["output"] = f"Graded {len(chosen)} exercises: {learner.score:g} of {learner.max_score:g} points."
    return data


def grade_one(course: Course, exercise: Exercise, submission: Path) -> dict[str, Any]:
    found = locate(submission, exercise) if submission.is_dir() else None
    if found is None or found.folder is None:
        problem = found.problem if found else "the submission is empty"
        return {
            "exercise_id": exercise.id,
            "title": exercise.title,
            "score": 0.0,
            "max_score": exercise.points,
            "status": "error",
            "tests": [],
            "error": problem,
        }
    return grade(course, exercise, found.folder).to_dict()


def instructor_only_names(course: Course, exercise: Exercise) -> set[str]:
    """Names (as feedback gives them) of the tests a learner edition does not run."""
    full = set(expected_test_ids(course, exercise, None))
    public = set(expected_test_ids(course, exercise, None, public_only=True))
    return {test_id.split("::", 1)[-1] for test_id in full - public}


def results_path(root: Path) -> Path:
    return root / "results" / "results.json"


def default_root() -> Path:
    return Path(os.environ.get(ROOT_VARIABLE) or "/autograder")
