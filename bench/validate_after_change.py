"""Time `grader validate` on the whole course after an author changes one exercise.

Usage: python bench/validate_after_change.py
In a throwaway clone of this checkout's HEAD: validate the whole course once
(every exercise is graded and, where it validates, its runs are recorded),
change one line of the first exercise's reference solution (a comment: the
proof still holds), and validate the whole course again. Only the changed
exercise is graded the second time. Printed: both runs' wall and CPU seconds,
exit status and summary. The last line is the second run's wall seconds over
the 60 s target of a whole-course validate: 1.00x or less meets it.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_course import TARGET_SECONDS, clone, timed_validate  # noqa: E402

from grader.course.manifest import load_course  # noqa: E402


def change_one_exercise(course_root: Path) -> str:
    """Add a comment to the first exercise's reference solution; return the exercise's id."""
    course = load_course(course_root)
    first = course.exercises[0]
    solution = course.solution_dir(first) / first.files[0]
    solution.write_text(solution.read_text(encoding="utf-8") + "# an author's edit\n", encoding="utf-8")
    return first.id


def main() -> None:
    grader = str(Path(sys.executable).with_name("grader"))
    with tempfile.TemporaryDirectory(prefix="validate-bench-") as tmp:
        course = clone(Path(tmp))
        wall, cpu, status, summary = timed_validate(grader, course)
        print(f"first validate: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {status}: {summary}")
        changed = change_one_exercise(course)
        wall, cpu, status, summary = timed_validate(grader, course)
        print(f"after changing {changed}: {wall:.1f} s wall, {cpu:.1f} s CPU, exit {status}: {summary}")
        subprocess.run(["git", "-C", str(course), "status", "--short"], check=True)
    print(f"ratio: {wall / TARGET_SECONDS:.2f}x")


if __name__ == "__main__":
    main()
