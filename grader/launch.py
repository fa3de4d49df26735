"""The `grader` command's entry point: start the pytest server before the CLI is even imported.

A check spends most of its time starting the trusted pytest process. Started
here, that start overlaps with importing the CLI, loading the course and
staging the files; the run then takes it (see :mod:`grader.pipeline.server_process`).
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from grader.pipeline.server_process import start_early
from grader.pipeline.standard_streams import flush_standard_streams

GRADING_COMMANDS = frozenset({"check", "watch"})


def main() -> None:
    """Run the CLI, with a pytest server already starting when the command grades."""
    grading = bool(GRADING_COMMANDS & set(sys.argv[1:]))
    if grading:
        start_early()
    from grader.cli import main as cli_main

    if not grading:
        cli_main()
        return
    try:
        cli_main()
    except SystemExit as done:
        exit_now(done.code)


def exit_now(code: object) -> NoReturn:
    """Flush and exit without tearing the interpreter down.

    A grading command has closed its files and stopped its processes by now;
    freeing every module and object one by one only keeps the learner waiting
    (about 15 ms after a check). Other commands exit normally, since a Dask
    cluster, for one, shuts down in its exit handlers.
    """
    if code is None:
        code = 0
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    flush_standard_streams()
    os._exit(code)
