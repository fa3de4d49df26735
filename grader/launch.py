"""The `grader` command's entry point: start the pytest server before the CLI is even imported.

A check spends most of its time starting the trusted pytest process. Started
here, that start overlaps with importing the CLI, loading the course and
staging the files; the run then takes it (see :func:`grader.warm.prestart`).
"""

from __future__ import annotations

import sys

GRADING_COMMANDS = frozenset({"check", "watch"})


def main() -> None:
    """Run the CLI, with a pytest server already starting when the command grades."""
    if GRADING_COMMANDS & set(sys.argv[1:]):
        from grader.warm import prestart

        prestart()
    from grader.cli import main as cli_main

    cli_main()
