"""Time `grader grade` on a local Dask cluster against local `--jobs 2`, and measure Dask's per-job cost.

The class is bench/batch.py's (reference solutions, some known-wrong, an
infinite loop in one learner of 20). It is graded three ways: locally with
--jobs 2; through a loopback scheduler with two single-threaded workers; with
one. Then, on a fresh two-worker cluster: what a job sends (its pickled
payload) and gets back (its feedback as JSON), Dask's round trip for an empty
task one at a time and its cost per task with many in flight, and how many
results per second the client can commit to the gradebook. The last line is
the two-worker cluster's throughput over local --jobs 2.

    python bench/cluster.py [--learners 24] [--exercises 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import pickle
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.batch import build_class, pick_exercises, time_grader  # noqa: E402
from grader.batch.cluster import feedback_from, learner_payload  # noqa: E402
from grader.batch.cluster_pack import pack_course  # noqa: E402
from grader.batch.gradebook import Gradebook  # noqa: E402
from grader.batch.plan import Job  # noqa: E402
from grader.course.manifest import Exercise, load_course  # noqa: E402
from grader.feedback.model import Feedback  # noqa: E402


@contextlib.contextmanager
def local_cluster(workers: int, root: Path) -> Iterator[str]:
    """A loopback scheduler and ``workers`` single-threaded grading workers; stopped on exit."""
    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    base = [sys.executable, "-m", "distributed.cli."]
    commands = [[base[0], base[1], base[2] + "dask_scheduler", "--host", "127.0.0.1", "--port", str(port)]]
    for _ in range(workers):
        commands.append([base[0], base[1], base[2] + "dask_worker", address, "--nthreads", "1", "--no-nanny"])
        commands[-1] += ["--preload", "grader.batch.cluster_worker"]
    processes = []
    try:
        for index, command in enumerate(commands):
            env = dict(
                os.environ, GRADER_COURSE_CACHE=str(root / f"cache{index}"), GRADER_SLOT_BASE=str(10 * index)
            )
            processes.append(
                subprocess.Popen(
                    command + ["--no-dashboard"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                    start_new_session=True,
                )
            )
        with Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        for process in processes:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def time_cluster(submissions: Path, out: Path, exercises: list[Exercise], address: str) -> float:
    command = [sys.executable, "-m", "grader", "grade", str(submissions), "--out", str(out)]
    command += ["--course", str(ROOT), "--scheduler", address]
    command += [arg for e in exercises for arg in ("--exercise", e.id)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"grader grade --scheduler failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started


def payload_bytes(submissions: Path, exercises: list[Exercise]) -> list[int]:
    """The pickled size of each learner's payload, as the client submits it."""
    sizes = []
    for folder in sorted(submissions.iterdir()):
        jobs = [Job(folder.name, e, folder, "c" * 64, "s" * 24) for e in exercises]
        sizes.append(len(pickle.dumps(learner_payload(jobs)[0], protocol=5)))
    return sizes


def dask_latency(address: str, count: int = 200) -> tuple[float, float]:
    """Milliseconds for one empty task's round trip, and per task with ``count`` in flight."""
    from distributed import Client

    with Client(address, timeout=30, set_as_default=False) as client:
        rounds = []
        for index in range(count):
            started = time.perf_counter()
            client.submit(abs, -index, pure=False).result()
            rounds.append(time.perf_counter() - started)
        started = time.perf_counter()
        client.gather([client.submit(abs, -index, pure=False) for index in range(count * 5)])
        burst = (time.perf_counter() - started) / (count * 5)
    return 1000 * statistics.median(rounds), 1000 * burst


def gradebook_rate(out: Path, count: int = 500) -> float:
    """Results per second the client commits (one transaction each, as during a batch)."""
    source = Gradebook(out)
    samples = list(source.latest().values())
    source.close()
    with tempfile.TemporaryDirectory() as tmp:
        gradebook = Gradebook(Path(tmp))
        started = time.perf_counter()
        for index in range(count):
            data = dict(samples[index % len(samples)], learner=f"l{index}")
            feedback: Feedback = feedback_from(json.loads(json.dumps(data)))
            gradebook.record(feedback, "c" * 64, "s" * 24)
        seconds = time.perf_counter() - started
        gradebook.close()
    return count / seconds


def result_bytes(out: Path) -> list[int]:
    """What each job sent back: its feedback as JSON text."""
    gradebook = Gradebook(out)
    sizes = [len(json.dumps(data)) for data in gradebook.latest().values()]
    gradebook.close()
    return sizes


def measure(learners: int, exercises: list[Exercise]) -> dict[str, float]:
    """Every figure the report prints, from one synthetic class."""
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        root = Path(tmp)
        submissions = build_class(root, exercises, learners)
        figures["local"], _ = time_grader(submissions, root / "local", exercises, 2)
        for workers in (2, 1):
            with local_cluster(workers, root / f"c{workers}") as address:
                figures[f"cluster{workers}"] = time_cluster(
                    submissions, root / f"out{workers}", exercises, address
                )
        with local_cluster(2, root / "latency") as address:
            figures["round_trip"], figures["in_flight"] = dask_latency(address)
        sent, back = payload_bytes(submissions, exercises), result_bytes(root / "out2")
        figures["sent"], figures["sent_max"] = statistics.mean(sent) / len(exercises), max(sent)
        figures["back"], figures["back_max"] = statistics.mean(back), max(back)
        figures["rate"] = gradebook_rate(root / "out2")
        figures["pack"] = len(pack_course(load_course(ROOT))[1])
    return figures


def report(learners: int, exercises: list[Exercise], f: dict[str, float]) -> None:
    jobs = learners * len(exercises)
    names = ", ".join(e.id for e in exercises)
    print(f"{learners} learners x {len(exercises)} exercises = {jobs} jobs: {names}")
    print(f"local --jobs 2: {f['local']:.1f} s ({jobs / f['local']:.2f} jobs/s)")
    for workers in (2, 1):
        seconds = f[f"cluster{workers}"]
        print(f"cluster, {workers} single-threaded workers: {seconds:.1f} s ({jobs / seconds:.2f} jobs/s)")
    one, two = jobs / f["cluster1"], jobs / f["cluster2"] / 2
    print(f"per worker core: {one:.2f} jobs/s (1 worker), {two:.2f} jobs/s (2 workers)")
    print(f"submission: {f['sent']:.0f} B per job ({f['sent_max']:.0f} B for the largest learner)")
    print(f"result: {f['back']:.0f} B per job (its feedback as JSON; {f['back_max']:.0f} B largest)")
    print(f"course pack, sent once per worker: {f['pack']:.0f} B")
    latency = f"{f['round_trip']:.1f} ms; per task, 1000 in flight: {f['in_flight']:.2f} ms"
    print(f"dask round trip, empty task: {latency}")
    print(f"client gradebook commits: {f['rate']:.0f} results/s")
    model(min(one, two), f["rate"])
    print(f"ratio: {f['local'] / f['cluster2']:.2f}x")


def model(per_core: float, commits: float, jobs: int = 100_000, seconds: int = 600) -> None:
    """The scaling model: cores for ``jobs`` in ``seconds``, and whether the client keeps up."""
    needed = jobs / seconds
    print(f"model: {jobs} jobs in {seconds} s = {needed:.0f} jobs/s; at {per_core:.2f} jobs/s per core")
    print(f"model: cores needed: {math.ceil(needed / per_core)}")
    verdict = "keeps up" if commits >= needed else f"is the bottleneck ({needed / commits:.1f}x short)"
    print(f"model: the client's gradebook at {commits:.0f} results/s {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=24)
    parser.add_argument("--exercises", type=int, default=3)
    options = parser.parse_args()
    exercises = pick_exercises(options.exercises)
    report(options.learners, exercises, measure(options.learners, exercises))


if __name__ == "__main__":
    main()
