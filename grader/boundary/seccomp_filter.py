"""The system-call filter of a learner's sandbox: a seccomp BPF program bubblewrap loads.

Built with libseccomp's Python bindings (PyPI ``pyseccomp``, over the
installed ``libseccomp.so.2``), written once per grading process to a file
that the sandbox's launch step hands bwrap as ``--seccomp FD``. Everything is
allowed except what a learner's function never needs and an escape would:
new namespaces (``unshare``, ``setns``, ``clone`` with a namespace flag),
mounts, ``ptrace``, the kernel keyring, ``bpf``, ``perf_event_open`` and a
few more; they fail with EPERM. ``clone3`` fails with ENOSYS (its flags sit
in memory a filter cannot read), so the C library falls back to ``clone``.
System calls of another architecture's ABI (i386 on x86-64) kill the process.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import tempfile
from pathlib import Path

from grader.boundary.uid_leases import state_folder

# clone()'s namespace flags (linux/sched.h): any one of them refuses the call.
NAMESPACE_FLAGS = {
    "CLONE_NEWTIME": 0x00000080,
    "CLONE_NEWNS": 0x00020000,
    "CLONE_NEWCGROUP": 0x02000000,
    "CLONE_NEWUTS": 0x04000000,
    "CLONE_NEWIPC": 0x08000000,
    "CLONE_NEWUSER": 0x10000000,
    "CLONE_NEWPID": 0x20000000,
    "CLONE_NEWNET": 0x40000000,
}
DENIED = (
    "unshare",
    "setns",
    "mount",
    "umount",
    "umount2",
    "pivot_root",
    "move_mount",
    "open_tree",
    "fsopen",
    "fsmount",
    "fsconfig",
    "mount_setattr",
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "keyctl",
    "add_key",
    "request_key",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "io_uring_setup",
    "kexec_load",
    "init_module",
    "finit_module",
    "delete_module",
)


class SeccompUnavailable(Exception):
    """No filter can be built here; the message says why."""


def build_filter() -> bytes:
    """The BPF program, as bwrap reads it from a file descriptor."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as error:
        raise SeccompUnavailable(
            f"libseccomp's Python bindings are missing ({error}): "
            "`pip install -e '.[sandbox]'` and `apt-get install libseccomp2`"
        ) from None
    refuse = seccomp.ERRNO(errno.EPERM)
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for name in DENIED:
        try:
            rules.add_rule(refuse, name)
        except (ValueError, RuntimeError, OSError):
            continue  # not a system call on this architecture (umount on x86-64, for one)
    for flag in NAMESPACE_FLAGS.values():
        rules.add_rule(refuse, "clone", seccomp.Arg(0, seccomp.MASKED_EQ, flag, flag))
    rules.add_rule(seccomp.ERRNO(errno.ENOSYS), "clone3")
    with tempfile.TemporaryFile() as stream:
        rules.export_bpf(stream)
        stream.seek(0)
        return stream.read()


@functools.cache
def filter_file() -> Path:
    """The program, written once under the state folder (as root) or the temp folder, named by its hash."""
    program = build_filter()
    folder = state_folder() if os.geteuid() == 0 else Path(tempfile.gettempdir())
    path = folder / f"seccomp-{hashlib.sha256(program).hexdigest()[:16]}.bpf"
    if not path.exists():
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".seccomp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(program)
        os.chmod(temporary, 0o444)
        os.replace(temporary, path)  # whole or not at all: another grader may read it now
    return path
