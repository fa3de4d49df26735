"""Time `grader validate` on the whole course after an author changes one exercise.

Usage: python bench/validate_after_change.py [--change reference|project-variant]
In a throwaway clone of this checkout's HEAD: validate the whole course once
(every exercise is graded and, where it validates, its runs are recorded),
change one line (a comment: the proof still holds) of the first exercise's
reference solution, or with ``--change project-variant`` of the capstone's
first known-wrong variant, and validate the whole course again. Only what the
change touches is graded the second time: the changed exercise, or the one
variant's run. Printed: both runs' wall and CPU seconds, exit status and
summary. The last line is the second run's wall seconds over the 60 s target
of a whole-course validate: 1.00x or less meets it.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_course import TARGET_SECONDS, clone, timed_validate  # noqa: E402

from grader.course.manifest import load_course  # noqa: E402
from grader.validate_runs import variant_files  # noqa: E402


def change_one_exercise(course_root: Path) -> str:
    """Add a comment to the first exercise's reference solution; return the exercise's id."""
    course = load_course(course_root)
    first = course.exercises[0]
    solution = course.solution_dir(first) / first.files[0]
    solution.write_text(solution.read_text(encoding="utf-8") + "# an author's edit\n", encoding="utf-8")
    return first.id


def change_project_variant(course_root: Path) -> str:
    """Add a comment to a file of the capstone's first known-wrong variant; say which."""
    course = load_course(course_root)
    project = next(e for e in course.exercises if e.kind == "project")
    variant = sorted((course.suite_dir(project) / "mistakes").iterdir())[0]
    target = variant_files(variant)[0]
    target.write_text(target.read_text(encoding="utf-8") + "# an author's edit\n", encoding="utf-8")
    return f"{project.id}'s variant {variant.name}"


CHANGES = {"reference": change_one_exercise, "project-variant": change_project_variant}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--change", choices=sorted(CHANGES), default="reference")
    change = CHANGES[parser.parse_args().change]
    grader = str(Path(sys.executable).with_name("grader"))
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as tmp:
        course = clone(Path(tmp))
        wall, cpu, status, summary = timed_validate(grader, course)
        print(f"first validate: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {status}: {summary}")
        changed = change(course)
        wall, cpu, status, summary = timed_validate(grader, course)
        print(f"after changing {changed}: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {status}: {summary}")
        subprocess.run(["git", "-C", str(course), "status", "--short"], check=True)
    print(f"ratio: {wall / TARGET_SECONDS:.2f}x")


if __name__ == "__main__":
    main()
