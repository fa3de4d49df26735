"""Wrap a learner worker in a bubblewrap sandbox for batch grading.

The worker sees the operating system's /usr read-only, the Python it runs
on, the worker script, and this learner's staged files (read-only, its
working folder); /tmp is a small private tmpfs and HOME points there. It has
no network, its own PID namespace (killing bwrap kills everything inside),
a new session and a clean environment. As root, bwrap runs without a user
namespace so that ``setpriv`` can drop to an unprivileged uid of the slot's
own: RLIMIT_NPROC is then really enforced (it is not for root, nor for root
mapped into a user namespace), and rlimits come from ``prlimit``.

Each slot's uid is leased for its lifetime (``uid_leases``), unique on the
host; the learner's processes are started in the learner's own cgroups
when the batch made them (``cgroups``, joined by ``sandbox_launch``), and
bwrap loads a seccomp filter (``seccomp_filter``) before the first of them.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from grader.boundary.learner_cgroup import CgroupPlacer
from grader.boundary.sandbox_binds import library_binds, open_parents, python_binds, system_binds
from grader.boundary.sandbox_launch import FILTER_FD, launch_prefix
from grader.boundary.seccomp_filter import SeccompUnavailable, filter_file
from grader.boundary.uid_leases import FIRST_UID, NoFreeUid, lease_uid

TMP_SIZE = 64 * 1024 * 1024
CGROUP_VARIABLE = "GRADER_CGROUP_LIMITS"  # read by grader/worker/limits.py
ENVIRONMENT = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "TMPDIR": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONIOENCODING": "utf-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONHASHSEED": "0",  # one order for a set in every run (see boundary/process.py)
}
HOW_TO_FIX = (
    "Batch grading runs other people's code and needs the bubblewrap sandbox (Linux). "
    "Install it with `apt-get install bubblewrap` (or your distribution's package), make sure "
    "user namespaces are enabled, or, only if you trust every submission, pass --unsafe-no-sandbox."
)


class SandboxUnavailable(Exception):
    """The sandbox cannot be set up here; the message says why and how to fix it."""


@dataclass(frozen=True)
class Limits:
    """Resource caps applied inside the sandbox."""

    processes: int = 64
    memory_mb: int = 1024  # all of one learner's processes together, where cgroups apply
    open_files: int = 256
    file_mb: int = 10
    cpu_seconds: int = 120


@dataclass(frozen=True)
class Access:
    """What a sandboxed process may reach beyond its own read-only files.

    ``writable``: folders it may write (a server's database); ``loopback``: the
    network of the process that starts it (a trusted run with a network of its
    own, see :meth:`Sandbox.own_network`); ``libraries``: this Python's
    installed packages, read-only, without ours (pytest, a web framework).
    """

    writable: tuple[Path, ...] = ()
    loopback: bool = False
    libraries: bool = False
    env: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Sandbox:
    """How to wrap one slot's workers: bwrap, the slot's uid (as root), limits, filter, cgroups.

    ``seccomp``: the filter program's file ("" for none); ``cgroups``: the
    learner's cgroup folders its processes start in (none: rlimits only).
    """

    bwrap: str
    uid: int | None
    limits: Limits = Limits()
    seccomp: str = ""
    cgroups: tuple[str, ...] = ()
    # In a batch where the host allows: each prefix made gets a cgroup of its own (not sent on).
    groups: CgroupPlacer | None = field(default=None, compare=False, repr=False)

    def with_uid(self, uid: int) -> Sandbox:
        """The same sandbox running as ``uid`` (a slot's leased uid; only when running as root)."""
        return self if self.uid is None else replace(self, uid=uid)

    def in_cgroups(self, folders: tuple[str, ...]) -> Sandbox:
        """The same sandbox, its processes started in these cgroup folders (one learner's)."""
        return replace(self, cgroups=folders, groups=None)

    def placed(self) -> Sandbox:
        """The sandbox in a new cgroup of the learner's when it makes them, else itself."""
        return self if self.groups is None else self.in_cgroups(self.groups.make())

    def prefix(self, code_dir: Path, access: Access = Access()) -> list[str]:
        """The command prefix that runs a worker for ``code_dir`` inside the sandbox."""
        cgroups = self.groups.make() if self.groups is not None else self.cgroups
        command = launch_prefix(self.seccomp, cgroups) + [self.bwrap]
        command += namespaces(self.uid is not None, access.loopback) + self.filters() + system_binds()
        # /tmp first: the staged files usually live under it and are bound on top.
        command += ["--proc", "/proc", "--dev", "/dev", "--size", str(TMP_SIZE), "--tmpfs", "/tmp"]
        command += ["--chmod", "1777", "/tmp"]
        command += python_binds() + (library_binds() if access.libraries else [])
        command += open_parents(str(code_dir)) + ["--ro-bind", str(code_dir), str(code_dir)]
        for folder in access.writable:
            command += open_parents(str(folder)) + ["--bind", str(folder), str(folder)]
        command += ["--chdir", str(code_dir), "--die-with-parent", "--new-session", "--clearenv"]
        counted = {CGROUP_VARIABLE: "1"} if cgroups else {}  # the worker leaves counting to the cgroup
        for name, value in (ENVIRONMENT | counted | dict(access.env)).items():
            command += ["--setenv", name, value]
        command.append("--")
        return command + self.limits_prefix()

    def filters(self) -> list[str]:
        """The seccomp program (opened by the launch step) and, with a user namespace, no more of them."""
        command = ["--seccomp", str(FILTER_FD)] if self.seccomp else []
        if self.uid is None and can_disable_userns(self.bwrap):
            command += ["--unshare-user", "--disable-userns"]
        return command

    def limits_prefix(self) -> list[str]:
        """Drop to the slot's uid (as root) and apply the rlimits, inside the sandbox."""
        command = []
        if self.uid is not None:
            uid = str(self.uid)
            command += ["setpriv", "--reuid", uid, "--regid", uid, "--clear-groups", "--inh-caps=-all"]
            # With cgroups, pids.max stops a learner first and says so; NPROC stays as a backstop.
            processes = self.limits.processes + (16 if self.cgroups or self.groups else 0)
            command += ["--no-new-privs", "prlimit", f"--nproc={processes}"]
        else:
            command += ["prlimit"]
        return command + [
            f"--nofile={self.limits.open_files}",
            f"--fsize={self.limits.file_mb * 1024 * 1024}",
            f"--cpu={self.limits.cpu_seconds}",
            "--core=0",
            "--",
        ]

    def own_network(self) -> list[str]:
        """Prefix a trusted command with a network of its own: loopback, shared with its sandboxes."""
        # Everything else is the host's: only the network namespace is new (bwrap brings loopback up).
        command = [self.bwrap, "--dev-bind", "/", "/", "--unshare-net", "--die-with-parent"]
        if self.uid is not None:
            command += ["--cap-add", "ALL"]  # root keeps what it needs to start the sandboxes inside
        return command + ["--"]

    def to_dict(self) -> dict[str, object]:
        return {
            "bwrap": self.bwrap,
            "uid": self.uid,
            "limits": asdict(self.limits),
            "seccomp": self.seccomp,
            "cgroups": list(self.cgroups),
        }

    @classmethod
    def from_json(cls, text: str) -> Sandbox:
        """The sandbox ``json.dumps(to_dict())`` describes (a trusted process's own option)."""
        data = json.loads(text)
        uid = data["uid"]
        limits = Limits(**{name: int(value) for name, value in data["limits"].items()})
        cgroups = tuple(str(folder) for folder in data.get("cgroups", ()))
        return cls(
            str(data["bwrap"]),
            None if uid is None else int(uid),
            limits,
            str(data.get("seccomp", "")),
            cgroups,
        )


def namespaces(as_root: bool, loopback: bool) -> list[str]:
    """New namespaces for everything; with ``loopback``, the network of the process starting bwrap."""
    if not as_root:
        return ["--unshare-all", *(["--share-net"] if loopback else [])]
    # No user namespace as root: a mapped root would stay uid 0 outside, where NPROC is not enforced.
    return [
        "--unshare-ipc",
        "--unshare-pid",
        *([] if loopback else ["--unshare-net"]),
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--cap-add",
        "CAP_SETUID",
        "--cap-add",
        "CAP_SETGID",
    ]


@functools.cache
def can_disable_userns(bwrap: str) -> bool:
    """Whether this bubblewrap has --disable-userns (0.8 and later)."""
    try:
        shown = subprocess.run([bwrap, "--help"], capture_output=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"--disable-userns" in shown


def prepare(code_dir: Path) -> None:
    """Let the slot's uid read the staged files: folders 0755, files 0644 (their parents stay 0700)."""
    code_dir.chmod(0o755)
    for path in code_dir.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def open_sandbox() -> Sandbox:
    """Check that the sandbox works here; raise SandboxUnavailable with how to fix it."""
    if not sys.platform.startswith("linux"):
        raise SandboxUnavailable(f"This is {sys.platform}, not Linux. {HOW_TO_FIX}")
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxUnavailable(f"bubblewrap (bwrap) is not installed. {HOW_TO_FIX}")
    as_root = os.geteuid() == 0
    for tool in ("prlimit", *(["setpriv"] if as_root else [])):
        if shutil.which(tool) is None:
            raise SandboxUnavailable(f"{tool} (util-linux) is not installed. {HOW_TO_FIX}")
    try:
        seccomp = str(filter_file())
    except (SeccompUnavailable, OSError) as error:
        raise SandboxUnavailable(f"The system-call filter cannot be built: {error}. {HOW_TO_FIX}") from None
    sandbox = Sandbox(bwrap, FIRST_UID if as_root else None, seccomp=seccomp)
    if not as_root:
        probe(sandbox)
        return sandbox
    try:
        lease = lease_uid()  # the probe, too, runs as a uid nobody else uses now
    except NoFreeUid as error:
        raise SandboxUnavailable(f"{error} {HOW_TO_FIX}") from None
    try:
        probe(sandbox.with_uid(lease.uid))
    finally:
        lease.release()
    return sandbox


def probe(sandbox: Sandbox) -> None:
    """Start Python in the sandbox once; raise SandboxUnavailable if it cannot."""
    with tempfile.TemporaryDirectory(prefix="grader-probe-") as tmp:
        code_dir = Path(tmp) / "code"
        code_dir.mkdir()
        prepare(code_dir)
        check = (
            "import socket\ntry:\n socket.create_connection(('127.0.0.1', 9), 1)\n"
            "except OSError as e:\n print('isolated', e.errno)"
        )
        command = sandbox.prefix(code_dir) + [sys.executable, "-I", "-S", "-c", check]
        try:
            result = subprocess.run(command, capture_output=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SandboxUnavailable(f"bubblewrap could not start ({error}). {HOW_TO_FIX}") from None
    errors = result.stderr.decode("utf-8", "replace")
    if not result.stdout.startswith(b"isolated"):  # Python ran, and could not connect anywhere
        raise SandboxUnavailable(f"bubblewrap did not start Python: {errors.strip()[-500:]} {HOW_TO_FIX}")
