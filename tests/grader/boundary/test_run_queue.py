"""A worker's wait for a processor is given back to its call: a busy machine's load is not the code's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from grader.boundary.run_queue import STRETCH, RunQueueWait, waited_seconds, worker_python

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/schedstat"), reason="Linux scheduler counts")

SPIN = "while True: pass"
SLEEP = "import time; print('asleep', flush=True); time.sleep(30)"


@contextmanager
def python(code: str, cpu: int | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """A Python process running ``code``, kept on one processor if asked; always killed."""
    # In a session of its own, so that any child it forks is killed with it.
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, start_new_session=True)
    try:
        if cpu is not None:
            os.sched_setaffinity(process.pid, {cpu})
        if "asleep" in code:
            assert process.stdout is not None and process.stdout.readline() == b"asleep\n"
        yield process
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_a_process_sharing_its_processor_with_a_busy_one_is_given_its_wait_back() -> None:
    cpu = min(os.sched_getaffinity(0))
    with python(SPIN, cpu), python(SPIN, cpu) as worker:
        waiting = RunQueueWait(worker.pid, sandboxed=False)
        time.sleep(0.6)
        given = waiting.grant(1.0)
    # Two busy processes on one processor: each waits about half the time, here about 0.3 s.
    assert 0.1 < given <= 0.6


# Each keeps itself on the processor given first, before it starts the child or thread that spins.
ONE_PROCESSOR = "import os\nos.sched_setaffinity(0, {{{cpu}}})\n"
CHILD_SPINS = ONE_PROCESSOR + "if os.fork() == 0:\n    " + SPIN + "\nos.wait()\n"
THREAD_SPINS = ONE_PROCESSOR + "import threading\nworker = threading.Thread(target=lambda: exec({spin!r}))\n"
THREAD_SPINS += "worker.start()\nworker.join()\n"


@pytest.mark.parametrize("code", [CHILD_SPINS, THREAD_SPINS], ids=["child", "thread"])
def test_work_done_in_a_child_or_a_thread_while_the_main_thread_waits_is_given_its_wait_back(
    code: str,
) -> None:
    """Learner code that waits for its own thread or child: theirs is the wait for a processor."""
    cpu = min(os.sched_getaffinity(0))
    with python(SPIN, cpu), python(code.format(cpu=cpu, spin=SPIN)) as worker:
        time.sleep(0.2)  # the child or thread has started, on the one processor it inherits
        waiting = RunQueueWait(worker.pid, sandboxed=False)
        time.sleep(0.6)
        given = waiting.grant(1.0)
    assert 0.1 < given <= 0.6  # as for the main thread: about half of the 0.6 s


def test_a_sleeping_process_gets_nothing_back() -> None:
    with python(SLEEP) as worker:
        waiting = RunQueueWait(worker.pid, sandboxed=False)
        time.sleep(0.4)
        assert waiting.grant(1.0) == 0.0


def test_what_is_given_back_is_capped_and_never_given_twice() -> None:
    cpu = min(os.sched_getaffinity(0))
    with python(SPIN, cpu), python(SPIN, cpu) as worker:
        waiting = RunQueueWait(worker.pid, sandboxed=False)
        time.sleep(0.8)
        first = waiting.grant(0.05)
        assert first == pytest.approx(0.05 * STRETCH)  # it waited longer than the cap allows
        time.sleep(0.3)
        assert waiting.grant(0.05) == 0.0


def test_in_a_sandbox_the_counts_are_those_of_the_worker_python_below_its_launcher() -> None:
    command = f'"{sys.executable}" -c "{SLEEP}"; true'  # not the shell's last command: it stays the parent
    launcher = subprocess.Popen(["sh", "-c", command], stdout=subprocess.PIPE, start_new_session=True)
    try:
        assert launcher.stdout is not None and launcher.stdout.readline() == b"asleep\n"
        found = worker_python(launcher.pid, sandboxed=True)
        assert found is not None and found != launcher.pid
        assert "python" in Path(f"/proc/{found}/comm").read_text()
        assert waited_seconds(Path(f"/proc/{found}/schedstat")) is not None
    finally:
        os.killpg(launcher.pid, signal.SIGKILL)  # the shell and what it started
        launcher.wait()


def test_a_sandbox_whose_python_starts_after_the_count_began_is_still_given_its_wait() -> None:
    """Counting begins as a worker is launched, before its sandbox has started the Python below it."""
    cpu = min(os.sched_getaffinity(0))
    command = f'sleep 0.3; "{sys.executable}" -c "{SPIN}"; true'
    with python(SPIN, cpu):
        launcher = subprocess.Popen(["sh", "-c", command], start_new_session=True)
        try:
            os.sched_setaffinity(launcher.pid, {cpu})  # its children keep the one processor
            waiting = RunQueueWait(launcher.pid, sandboxed=True)  # no Python below it yet
            time.sleep(1.2)
            given = waiting.grant(1.0)
        finally:
            os.killpg(launcher.pid, signal.SIGKILL)  # the shell and what it started
            launcher.wait()
    # The Python shared its processor with a busy one for about 0.9 s: about half of it waiting.
    assert 0.15 < given <= 0.9


def test_a_process_that_is_gone_gives_nothing() -> None:
    with python(SLEEP) as worker:
        waiting = RunQueueWait(worker.pid, sandboxed=False)
    assert waiting.grant(1.0) == 0.0
