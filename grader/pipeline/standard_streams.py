"""Flush the standard streams before a fork or a fast exit (imported first thing: standard library only)."""

from __future__ import annotations

import sys


def flush_standard_streams() -> None:
    """Flush standard output and error before a fork or a fast exit, if they are open at all.

    A stream closed when the process started is None (``grader check >&-``); a
    broken one is left as it is: the command itself says so, or writes nothing.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            try:  # noqa: SIM105 - contextlib is not imported this early
                stream.flush()
            except (OSError, ValueError):
                pass
