"""Grade a reference and a quadratic variant many times; print the spread of step counts and verdicts.

Usage: python bench/growth_spread.py [RUNS] [EXERCISE MISTAKE]
(default: 20 runs of two-sum, reference against mistakes/nested_loops.py).
Each run grades both files through the whole pipeline (the verdicts), and
measures them once more in a fresh worker (the step counts behind them).
The last line is the ratio of the widest spread seen to the smallest count:
0.00x means every run counted exactly the same.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.course.manifest import load_course
from grader.kinds.growth import grows
from grader.pipeline.grading import grade

ROOT = Path(__file__).resolve().parents[1]


def learner_copy(source: Path, name: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="spread-"))
    (folder / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


# The growth tests' inputs: two-sum also takes a target no pair reaches.
INPUTS = {"two-sum": lambda n: (list(range(n)), -1)}


def counted(folder: Path, module: str, function: str, exercise_id: str) -> tuple[int, int, bool]:
    session = LearnerSession(folder, [module], call_timeout=30.0)
    try:
        target = getattr(LearnerModule(session, module), function)
        make_input = INPUTS.get(exercise_id, lambda n: (list(range(n)),))
        growth = grows(target, make_input, sizes=(100, 800))
        return growth.small_steps, growth.large_steps, growth.stopped
    finally:
        session.close()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    exercise_id, mistake = (sys.argv[2], sys.argv[3]) if len(sys.argv) > 3 else ("two-sum", "nested_loops")
    course = load_course(ROOT)
    exercise = course.find(exercise_id)
    name = exercise.files[0]
    module = name.removesuffix(".py")
    files = {
        "reference": course.solution_dir(exercise) / name,
        mistake: next((ROOT / "grader" / "suites").glob(f"*/*/mistakes/{mistake}.py")),
    }
    widest = 0.0
    for label, source in files.items():
        verdicts: dict[str, int] = {}
        counts: set[tuple[int, int, bool]] = set()
        for _ in range(runs):
            folder = learner_copy(source, name)
            feedback = grade(course, exercise, source=folder)
            growth_tests = [t for t in feedback.tests if "grows" in t.name]
            key = ",".join(t.status for t in growth_tests)
            verdicts[key] = verdicts.get(key, 0) + 1
            counts.add(counted(folder, module, exercise_id.replace("-", "_"), exercise_id))
        small = sorted({c[0] for c in counts})
        large = sorted({c[1] for c in counts})
        spread = max(small[-1] - small[0], large[-1] - large[0]) / max(1, small[0])
        widest = max(widest, spread)
        print(f"{label}: growth test {verdicts} over {runs} runs; steps at 100: {small}; at 800: {large}")
    print(f"ratio: {widest:.2f}x")


if __name__ == "__main__":
    main()
