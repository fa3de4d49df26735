"""What the per-learner limits add to a sandboxed start: the learner's cgroup and the seccomp filter.

Times, serially, N rounds (default 30) of each:

- making and removing one learner's cgroup (every hierarchy the host offers);
- starting ``python -I -S -c pass`` in the sandbox as the batch did before
  (bwrap, rlimits), with the seccomp filter, and as it does now (the launch
  step joining the learner's cgroup and handing bwrap the filter), the three
  taken in turn in each round so that a busy machine slows them alike.

The last line is the ratio of a start with both to a start with neither.

    python bench/sandbox_setup.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader.boundary.cgroup_tree import close_tree, open_tree  # noqa: E402
from grader.boundary.learner_cgroup import LearnerCgroup  # noqa: E402
from grader.boundary.sandbox import Sandbox, open_sandbox, prepare  # noqa: E402
from grader.boundary.uid_leases import lease_uid  # noqa: E402


def median_ms(samples: list[float]) -> float:
    return 1000 * statistics.median(samples)


def time_starts(sandboxes: list[Sandbox], code_dir: Path, rounds: int) -> list[list[float]]:
    """Start times of each sandbox, taken in turn round by round: a busy machine slows all alike."""
    commands = [
        sandbox.prefix(code_dir) + [sys.executable, "-I", "-S", "-c", "pass"] for sandbox in sandboxes
    ]
    samples: list[list[float]] = [[] for _ in commands]
    for _ in range(rounds):
        for command, taken in zip(commands, samples, strict=True):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdin=subprocess.DEVNULL)
            taken.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    rounds = parser.parse_args().rounds
    base = open_sandbox()
    lease = lease_uid()
    base = base.with_uid(lease.uid)
    tree = open_tree()
    try:
        with tempfile.TemporaryDirectory(prefix="bench-sandbox-") as tmp:
            code_dir = Path(tmp) / "code"
            code_dir.mkdir()
            prepare(code_dir)
            groups = []
            if tree is not None:
                for _ in range(rounds):
                    started = time.perf_counter()
                    LearnerCgroup(tree, 64, 1024).close()
                    groups.append(time.perf_counter() - started)
                print(f"learner cgroup made and removed ({tree.describe()}): {median_ms(groups):.2f} ms")
            else:
                print("no writable cgroup here: rlimits only")
            group = LearnerCgroup(tree, 64, 1024) if tree is not None else None
            try:
                both = base.in_cgroups(group.folders) if group is not None else base
                before, filtered, both_times = time_starts(
                    [replace(base, seccomp=""), base, both], code_dir, rounds
                )
            finally:
                if group is not None:
                    group.close()
    finally:
        if tree is not None:
            close_tree(tree)
        lease.release()
    print(f"sandboxed start, bwrap and rlimits only: {median_ms(before):.1f} ms (median of {rounds})")
    print(f"  + seccomp filter (launch step): {median_ms(filtered):.1f} ms")
    print(f"  + seccomp and the learner's cgroup: {median_ms(both_times):.1f} ms")
    setup = median_ms(both_times) - median_ms(before) + (median_ms(groups) if groups else 0.0)
    print(f"per-learner set-up cost (cgroup made and removed, plus the start's difference): {setup:.1f} ms")
    print(f"ratio: {statistics.median(both_times) / statistics.median(before):.2f}x")


if __name__ == "__main__":
    main()
