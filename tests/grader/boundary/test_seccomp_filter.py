"""The sandbox's system-call filter, tried from a learner function inside the real sandbox."""

from __future__ import annotations

import errno
import platform
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.boundary.sandbox import Sandbox, SandboxUnavailable, open_sandbox, prepare
from grader.course.manifest import Course
from grader.testkit import call
from tests.helpers import learner_folder

# System call numbers: the learner calls them through libc's syscall(), with arguments a
# kernel without the filter would refuse otherwise (EFAULT, EINVAL, EBADF) or accept.
NUMBERS = {
    "x86_64": {
        "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "ptrace": 101, "keyctl": 250,
        "add_key": 248, "request_key": 249, "bpf": 321, "perf_event_open": 298, "clone": 56, "clone3": 435,
    },
    "aarch64": {
        "unshare": 97, "setns": 268, "mount": 40, "umount2": 39, "ptrace": 117, "keyctl": 219,
        "add_key": 217, "request_key": 218, "bpf": 280, "perf_event_open": 241, "clone": 220, "clone3": 435,
    },
}  # fmt: skip
TRIES = """\
import ctypes, os

libc = ctypes.CDLL(None, use_errno=True)
NUMBERS = {numbers!r}
NEWUSER, NEWNET, SIGCHLD = 0x10000000, 0x40000000, 17
ARGUMENTS = {{
    "unshare": (NEWUSER,),
    "setns": (-1, 0),
    "mount": (None, None, None, 0, None),
    "umount2": (None, 0),
    "ptrace": (0, 0, 0, 0),
    "keyctl": (0, 0, 0, 0, 0),
    "add_key": (None, None, None, 0, 0),
    "request_key": (None, None, None, 0),
    "bpf": (0, None, 0),
    "perf_event_open": (None, 0, -1, -1, 0),
    "clone": (NEWNET | SIGCHLD, 0, 0, 0, 0),
    "clone3": (None, 0),
}}


def tries(name):
    ctypes.set_errno(0)
    result = libc.syscall(NUMBERS[name], *ARGUMENTS[name])
    if result == 0 and name == "clone":
        os._exit(0)  # the child of a clone that was allowed: gone at once
    return ctypes.get_errno() if result == -1 else 0
"""
REFUSED = ("unshare", "setns", "mount", "umount2", "ptrace", "keyctl", "add_key", "request_key", "bpf")


@pytest.fixture
def sandbox() -> Sandbox:
    try:
        return open_sandbox()
    except SandboxUnavailable as error:
        pytest.skip(f"no sandbox here: {error}")


def session_in(sandbox: Sandbox, course: Course) -> Iterator[LearnerModule]:
    numbers = NUMBERS.get(platform.machine())
    if numbers is None:
        pytest.skip(f"no system call numbers for {platform.machine()} in this test")
    folder = learner_folder(course, {"probe.py": TRIES.format(numbers=numbers)})
    prepare(folder)
    session = LearnerSession(folder, ["probe"], call_timeout=5.0, prefix=sandbox.prefix(Path(folder)))
    yield LearnerModule(session, "probe")
    session.close()


@pytest.fixture
def filtered(sandbox: Sandbox, mini_course: Course) -> Iterator[LearnerModule]:
    yield from session_in(sandbox, mini_course)


@pytest.fixture
def unfiltered(sandbox: Sandbox, mini_course: Course) -> Iterator[LearnerModule]:
    yield from session_in(replace(sandbox, seccomp=""), mini_course)


@pytest.mark.parametrize("name", [*REFUSED, "perf_event_open", "clone"])
def test_each_denied_call_fails_with_eperm_in_the_sandbox(filtered: LearnerModule, name: str) -> None:
    call(filtered.tries, name).returns(errno.EPERM)


def test_clone3_says_it_does_not_exist_so_threads_fall_back_to_clone(filtered: LearnerModule) -> None:
    call(filtered.tries, "clone3").returns(errno.ENOSYS)


def test_without_the_filter_the_same_calls_get_other_answers(unfiltered: LearnerModule) -> None:
    """The witness: these answers come from the filter, not from what the kernel refuses anyway."""
    answers = {name: call(unfiltered.tries, name).value for name in [*REFUSED, "perf_event_open", "clone3"]}
    assert answers["ptrace"] == 0  # PTRACE_TRACEME is allowed without the filter
    assert answers["clone3"] != errno.ENOSYS
    assert not [name for name, answer in answers.items() if answer == errno.EPERM]
