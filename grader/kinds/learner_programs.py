"""Start and stop a learner's program (a project's server) from trusted test code, sandboxed in batch.

Without a sandbox (a learner's own check) the command runs as given. In a
batch the program runs in the slot's bubblewrap sandbox: its folder
read-only, the folders named writable (its database), the installed packages
read-only, and the network of the trusted run, which has one of its own with
only loopback (see :meth:`grader.boundary.sandbox.Sandbox.own_network`).
"""

from __future__ import annotations

import contextlib
import os
import signal
from dataclasses import dataclass
from pathlib import Path

from grader.boundary.reaper import descendants, process_parents
from grader.boundary.sandbox import Access, Sandbox

PROGRAM_ENV = (("PYTHONUNBUFFERED", "1"),)  # its output reaches the log as it is printed


@dataclass(frozen=True)
class LearnerPrograms:
    """How trusted test code wraps and stops learner programs; ``sandbox`` None runs them as they are."""

    sandbox: Sandbox | None = None

    def command(self, command: list[str], cwd: Path, writable: list[Path]) -> list[str]:
        """The command that runs ``command`` in ``cwd``, allowed to write only in ``writable``."""
        if self.sandbox is None:
            return command
        for folder in writable:
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o777)  # the slot's uid writes here; only this sandbox can reach the folder
        access = Access(tuple(writable), loopback=True, libraries=True, env=PROGRAM_ENV)
        return self.sandbox.prefix(cwd, access) + command

    def worker_prefix(self, cwd: Path, writable: list[Path], libraries: bool = False) -> list[str]:
        """The sandbox prefix of a worker on the program's modules: no network, only ``writable`` written.

        ``libraries``: the installed packages read-only, for a worker started with installed_packages.
        """
        if self.sandbox is None:
            return []
        for folder in writable:
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o777)  # as for a program: the slot's uid writes here
        return self.sandbox.prefix(cwd, Access(tuple(writable), libraries=libraries))

    def terminate(self, pid: int) -> None:
        """Send SIGTERM to the program started as process (group) ``pid``, as a service manager would."""
        if self.sandbox is None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGTERM)
            return
        # bubblewrap does not pass signals on and its death kills everything inside:
        # the program itself is signalled, and it is given its time to shut down.
        for inner in descendants(process_parents(), [pid])[1:]:  # the group leader itself is bwrap
            if process_name(inner) != "bwrap":
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(inner, signal.SIGTERM)


def programs_from_option(spec: str) -> LearnerPrograms:
    """The learner programs of a grading run given ``--grader-sandbox-spec`` (empty: no sandbox)."""
    return LearnerPrograms(Sandbox.from_json(spec) if spec else None)


def process_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""
