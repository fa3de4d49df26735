"""A project's layers graded where they live: the learner's modules called directly, in a worker.

A project suite grades the whole program over HTTP, but a layer that needs
no server (a service handed a store, a repository on a file) is graded
first, call by call, with the same feedback a single function earns:
"Called title_key(' Buy MILK '); got ..., expected ...". The learner's
modules are imported by the same worker as any other exercise's, never in
the trusted process; which modules, the suite says (its ``project_modules``
fixture), so the engine names none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from grader.boundary.remote import LearnerModule, LearnerSession
from grader.kinds.learner_programs import LearnerPrograms


class ProjectLayers:
    """The learner's project modules in one worker, and a folder the worker may write (a database)."""

    def __init__(
        self,
        project_dir: Path,
        modules: Sequence[str],
        folder: Path,
        programs: LearnerPrograms,
        limits: dict[str, float],
        on_start: Callable[[int], None],
    ) -> None:
        self.modules = tuple(modules)
        self.folder = folder
        self.test_timeout = limits["test_timeout"]
        # In a batch the worker has the program's sandbox, less its network: ``folder`` alone writable,
        # and the installed packages read-only, since a project's modules import its libraries (pydantic).
        prefix = programs.worker_prefix(project_dir, [folder], libraries=True)
        self.session = LearnerSession(
            project_dir,
            list(self.modules),
            limits["call_timeout"],
            int(limits["memory_mb"]),
            on_start,
            prefix,
            limits["import_timeout"],
            installed_packages=True,
        )

    def module(self, name: str) -> LearnerModule:
        """The learner's module ``name`` (one the suite named), reached across the process boundary."""
        if name not in self.modules:
            raise LookupError(f"the suite did not name {name} among its project_modules")
        return LearnerModule(self.session, name)

    def start_test(self) -> None:
        """Bound every call of the next test by the test's own time limit."""
        self.session.time_test(self.test_timeout)

    def end_test(self) -> None:
        self.session.time_test(None)

    def close(self) -> None:
        self.session.close()
