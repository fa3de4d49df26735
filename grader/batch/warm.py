"""The batch's warm trusted pytest: the terminal check's pytest server, one per grading slot.

A batch launcher is handed the command line a fresh pytest would get
(``python -I -m pytest ARGS``). This one runs the same arguments in a fresh
fork of a :class:`grader.pipeline.warm.PytestServer`, which has pytest, our plugins
and the batch's shared-run plugin imported already; staging, the signed
report and its checks do not change, only the start-up is saved. At the time
limit the run's whole session is killed, as for a fresh process.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from grader.boundary.pytest_command import GRADING_PLUGINS
from grader.pipeline.warm import PytestServer

PYTEST_PREFIX = ["-I", "-m", "pytest"]
# Imported once in the server rather than in every run that loads it (``-p grader.batch.together``).
PRELOAD = ("grader.batch.together",)


def server_arguments(arguments: list[str]) -> list[str]:
    """Pytest's arguments without naming the grading plugins: the server registers them itself."""
    kept: list[str] = []
    index = 0
    while index < len(arguments):
        named = arguments[index + 1] if index + 1 < len(arguments) else ""
        if arguments[index] == "-p" and named in GRADING_PLUGINS:
            index += 2
            continue
        kept.append(arguments[index])
        index += 1
    return kept


class WarmPytest:
    """A pytest server kept for one slot (replaced if it dies); ``run`` has the Launcher signature."""

    def __init__(self) -> None:
        self.server: PytestServer | None = None

    def __enter__(self) -> WarmPytest:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        """Start the server; its imports overlap with what the caller does until the first run."""
        self.server = PytestServer(PRELOAD)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None

    def run(self, command: list[str], cwd: Path, log: Path, seconds: float) -> int | None:
        """Run ``python -I -m pytest ARGS`` forked from the warm server; None at the time limit."""
        if command[1:4] != PYTEST_PREFIX:
            raise ValueError("the warm pytest only runs `python -I -m pytest ...` commands")
        if self.server is None or self.server.process.poll() is not None:
            self.close()
            self.start()
        assert self.server is not None
        return self.server.run(server_arguments(command[4:]), cwd, log, seconds)
