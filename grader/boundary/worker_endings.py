"""What a worker's end means: the learner's doing, a limit of theirs, or the grading machine's failure.

One place for the three questions a crashed worker raises:

- Which signal stopped it? bubblewrap's init reports a child killed by
  signal N as exit status 128 + N, so inside the sandbox 139 is SIGSEGV, as
  a local check sees it (there the status is -11).
- Did the learner reach a limit of their own cgroup? Its counters say which
  (:mod:`grader.boundary.learner_cgroup`); :class:`LimitWatch` reads them
  after every reply too, so a learner whose children went over the memory
  limit, or whose forks were refused, is stopped and told which limit.
- Was it the host, not the learner? The sandbox did not start (bwrap, the
  launch step, setpriv or prlimit complained before any learner code), a
  fork failed with EAGAIN while the learner's own process limit was not
  reached, or the worker was killed while no limit of the learner's was. The
  reason is written to ``HOST_NOTE`` beside the learner's folder, where the
  batch finds it and records "not graded" instead of a grade.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.learner_cgroup import Reached, limit_reached
from grader.boundary.sandbox_launch import JOIN_FAILED, NAME, cgroups_of

HOST_NOTE = "host-failure.txt"
SANDBOX_TOOLS = ("bwrap:", f"{NAME}:", "setpriv:", "prlimit:")
OUT_OF_PROCESSES = ("Resource temporarily unavailable", "can't start new thread", "[Errno 11]")
ADVICE = {
    "SIGSEGV": "very deep recursion can do this",
    "SIGBUS": "very deep recursion can do this",
    "SIGXCPU": "it used too much processor time",
}
COUNTER_FILES = ("pids.events", "memory.events", "memory.oom_control", "memory.failcnt")


def signal_of(code: int | None, sandboxed: bool) -> int | None:
    """The signal that ended a process with this status; 128 + N means N only inside the sandbox."""
    if code is None:
        return None
    if code < 0:
        return -code
    if sandboxed and 128 < code < 128 + 65:
        return code - 128
    return None


def signal_name(number: int) -> str:
    return signal.Signals(number).name if number in signal.Signals._value2member_map_ else str(number)


class LimitWatch:
    """The learner's cgroup counters, kept open: a cheap look after every reply."""

    def __init__(self, prefix: Sequence[str]) -> None:
        self.folders = cgroups_of(prefix)
        self.files: list[int] = []
        for folder in self.folders:
            for name in COUNTER_FILES:
                with contextlib.suppress(OSError):
                    self.files.append(os.open(Path(folder) / name, os.O_RDONLY | os.O_CLOEXEC))
        self.start = self._snapshot()

    def _snapshot(self) -> bytes:
        parts = []
        for handle in self.files:
            with contextlib.suppress(OSError):
                parts.append(os.pread(handle, 512, 0))
        return b"|".join(parts)

    def reached(self) -> Reached | None:
        """A limit reached since the worker started (None without cgroups, or when none was)."""
        if not self.files or self._snapshot() == self.start:
            return None
        return limit_reached(self.folders)

    def close(self) -> None:
        for handle in self.files:
            with contextlib.suppress(OSError):
                os.close(handle)
        self.files = []


@dataclass(frozen=True)
class Ending:
    """Why the worker ended: ``reason`` and ``advice`` for the learner, ``host`` when it was not them."""

    reason: str
    advice: str
    host: str | None = None


def explain_end(
    code: int | None, sandboxed: bool, watch: LimitWatch, stderr: str, started: bool = False
) -> Ending:
    """Explain a worker that ended without replying (``started``: its first line was read)."""
    reached = watch.reached()
    if reached is not None:
        return Ending(reached.describe(), "each learner's processes share these limits")
    host = host_failure(code, sandboxed, bool(watch.folders), stderr, started)
    if host is not None:
        return Ending(f"could not be graded: {host}", "this is not a problem with your code", host)
    number = signal_of(code, sandboxed)
    if number is not None:
        name = signal_name(number)
        return Ending(
            f"was stopped by the operating system ({name})",
            ADVICE.get(name, "it may have used too much memory or time"),
        )
    return Ending(f"ended the whole program (exit status {code})", "functions should return, not exit")


def host_failure(
    code: int | None, sandboxed: bool, in_cgroups: bool, stderr: str, started: bool = False
) -> str | None:
    """The grading machine's failure, when the evidence shows one (no limit of the learner's was reached).

    Once the worker has said hello, the sandbox and the worker's own threads run, and learner
    code may have: what stderr says or how it ended can be the learner's doing, and must never
    make their work "not graded". Only a worker that never said hello is the host's failure.
    """
    if not sandboxed or started:
        return None
    first = stderr.lstrip().splitlines()[0] if stderr.strip() else ""
    if first.startswith(SANDBOX_TOOLS) or (in_cgroups and code == JOIN_FAILED):
        return f"the sandbox could not start ({first.strip() or f'exit status {code}'})"
    if in_cgroups and any(sign in stderr for sign in OUT_OF_PROCESSES):
        return "the grading machine could not start another process (its own limits, not the learner's)"
    if in_cgroups and signal_of(code, sandboxed) == signal.SIGKILL:
        return "the worker was killed by the grading machine (no limit of the learner's was reached)"
    return None


def note_host_failure(learner_dir: Path, host: str) -> None:
    """Leave the reason where the batch looks after the run: beside the learner's folder, out of its reach."""
    with contextlib.suppress(OSError), open(learner_dir.parent / HOST_NOTE, "a", encoding="utf-8") as note:
        note.write(host + "\n")
