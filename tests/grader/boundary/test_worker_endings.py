"""How a worker's end is explained: signals through bubblewrap, the learner's limits, the host's failures."""

from __future__ import annotations

import signal
from pathlib import Path

from grader.boundary.sandbox_launch import launch_prefix
from grader.boundary.worker_endings import HOST_NOTE, LimitWatch, explain_end, note_host_failure, signal_of

NO_CGROUP = LimitWatch([])  # a prefix without the launch step: no counters to read


def test_bubblewrap_statuses_above_128_are_signals_only_in_the_sandbox() -> None:
    assert signal_of(139, sandboxed=True) == signal.SIGSEGV
    assert signal_of(152, sandboxed=True) == signal.SIGXCPU
    assert signal_of(137, sandboxed=True) == signal.SIGKILL
    assert signal_of(139, sandboxed=False) is None  # a plain exit(139) outside it
    assert signal_of(-11, sandboxed=False) == signal.SIGSEGV
    assert signal_of(1, sandboxed=True) is None


def test_a_sandboxed_crash_is_named_as_a_local_check_names_it() -> None:
    local = explain_end(-11, False, NO_CGROUP, "")
    sandboxed = explain_end(139, True, NO_CGROUP, "")
    assert sandboxed == local
    assert sandboxed.reason == "was stopped by the operating system (SIGSEGV)"
    assert explain_end(152, True, NO_CGROUP, "").reason.endswith("(SIGXCPU)")
    assert explain_end(137, True, NO_CGROUP, "").reason.endswith("(SIGKILL)")
    assert explain_end(3, True, NO_CGROUP, "").reason == "ended the whole program (exit status 3)"


def test_a_sandbox_that_could_not_start_is_the_hosts_failure() -> None:
    end = explain_end(
        1, True, NO_CGROUP, "bwrap: Creating new namespace failed: Resource temporarily unavailable\n"
    )
    assert end.host is not None and "sandbox could not start" in end.host
    assert "bwrap: Creating new namespace failed" in end.host
    assert explain_end(1, False, NO_CGROUP, "bwrap: no\n").host is None  # no sandbox: nothing of ours


def test_running_out_of_processes_blames_the_host_only_with_the_learners_counters() -> None:
    stderr = "RuntimeError: can't start new thread\n"
    watch = LimitWatch([*launch_prefix("", ["/nonexistent/learner-0"]), "bwrap"])
    assert watch.folders == ("/nonexistent/learner-0",)
    end = explain_end(1, True, watch, stderr)
    assert end.host is not None and "could not start another process" in end.host
    assert explain_end(1, True, NO_CGROUP, stderr).host is None  # without counters: cannot tell


def test_the_host_note_lands_beside_the_learners_folder(tmp_path: Path) -> None:
    code = tmp_path / "code"
    code.mkdir()
    note_host_failure(code, "the sandbox could not start (bwrap: x)")
    assert (tmp_path / HOST_NOTE).read_text().splitlines() == ["the sandbox could not start (bwrap: x)"]


def test_after_the_workers_hello_nothing_on_stderr_passes_for_a_sandbox_failure() -> None:
    fake = "bwrap: Creating new namespace failed: Resource temporarily unavailable\n"
    assert explain_end(1, True, NO_CGROUP, fake, started=False).host is not None
    end = explain_end(1, True, NO_CGROUP, fake, started=True)  # the learner's code wrote it
    assert end.host is None and end.reason == "ended the whole program (exit status 1)"
