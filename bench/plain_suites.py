"""Time a plain pytest suite against the same suite written with the testkit, call for call.

Both suites make the same learner calls (leap_year over N years, through the
worker) and are graded through the whole pipeline on the reference; each is
run --repeat times and the best time kept. A third run reaches the function
as ``module.leap_year`` at every call (read from the worker once, then kept).
Large flat values are timed too: one plain-suite call whose argument is a new
list of a million ints (then strings), against JSON encoding and decoding of
the same list alone (``--large 0`` skips them). The last line is plain / testkit.

    python bench/plain_suites.py [--calls 2000] [--repeat 3] [--large 1000000]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.course.manifest import load_course  # noqa: E402
from grader.pipeline.grading import grade  # noqa: E402

COURSE = ROOT / "tests" / "fixtures" / "plain_course"
PLAIN = """\
from leap_year import leap_year


def test_many_years():
    for year in range({calls}):
        assert leap_year(year) is (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
"""
# The same suite reaching the function as an attribute of the module, at every call.
PLAIN_MODULE = """\
import leap_year as module


def test_many_years():
    for year in range({calls}):
        assert module.leap_year(year) is (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
"""
TESTKIT = """\
from grader.testkit import call


def test_many_years(learner):
    for year in range({calls}):
        call(learner.leap_year, year).returns(year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
"""


def best_time(course_root: Path, suite_text: str, repeat: int) -> float:
    """Grade the reference with a one-test suite; return the best wall time over ``repeat`` runs."""
    suite = course_root / "grader" / "suites" / "01_control_flow" / "01_leap_year"
    shutil.rmtree(suite)
    suite.mkdir(parents=True)
    (suite / "test_leap_year.py").write_text(suite_text, encoding="utf-8")
    course = load_course(course_root)
    exercise = course.find("leap-year")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        feedback = grade(course, exercise, course.solution_dir(exercise))
        times.append(time.perf_counter() - started)
        if feedback.status != "passed":
            raise SystemExit(f"the reference did not pass: {feedback.error or feedback.tests}")
    return min(times)


def large_value_times(folder: Path, size: int, repeat: int) -> list[tuple[str, float, float]]:
    """(what, best seconds through the boundary, best seconds of JSON alone) for large flat lists."""
    from grader.boundary.remote import LearnerModule, LearnerSession
    from grader.plain.module_import import CallLog

    folder.mkdir()
    (folder / "sizes.py").write_text("def size(values):\n    return len(values)\n", encoding="utf-8")
    session = LearnerSession(folder, ["sizes"], call_timeout=60.0)
    log = CallLog()  # the plain suite's path: the call recorded, its argument copied for the message
    log.wrap(session)
    log.active = True
    learner = LearnerModule(session, "sizes")
    results = []
    try:
        for what, items in (("ints", list(range(size))), ("strings", [str(n) for n in range(size)])):
            through, alone = [], []
            for _ in range(repeat):
                fresh = list(items)  # a new list: never one the worker already holds
                started = time.perf_counter()
                assert learner.size(fresh) == size
                through.append(time.perf_counter() - started)
                started = time.perf_counter()
                json.loads(json.dumps(fresh))
                alone.append(time.perf_counter() - started)
            results.append((what, min(through), min(alone)))
    finally:
        session.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", type=int, default=1_000_000, help="items in each large list (0: skip)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-plain-") as tmp:
        root = Path(tmp) / "course"
        shutil.copytree(COURSE, root, ignore=shutil.ignore_patterns("__pycache__"))
        testkit = best_time(root, TESTKIT.format(calls=options.calls), options.repeat)
        plain = best_time(root, PLAIN.format(calls=options.calls), options.repeat)
        attribute = best_time(root, PLAIN_MODULE.format(calls=options.calls), options.repeat)
        large = large_value_times(Path(tmp) / "large", options.large, options.repeat) if options.large else []
    per_call = (plain - testkit) / options.calls * 1e6
    print(f"testkit: {testkit:.3f} s for {options.calls} calls ({testkit / options.calls * 1e6:.0f} us/call)")
    print(f"plain:   {plain:.3f} s for {options.calls} calls ({plain / options.calls * 1e6:.0f} us/call)")
    print(f"plain, module.name: {attribute:.3f} s ({attribute / options.calls * 1e6:.0f} us/call)")
    print(f"plain costs {per_call:+.0f} us per call more than the testkit")
    for what, through, alone in large:
        print(
            f"a list of {options.large} {what} as an argument: {through:.3f} s through the boundary, "
            f"{alone:.3f} s as JSON alone ({through / alone:.1f}x)"
        )
    print(f"ratio: {plain / testkit:.2f}x")


if __name__ == "__main__":
    main()
