"""One line on the terminal that says which test a long check is running now.

Shown only on a terminal, and only once a check has run for about a second:
a quick check prints nothing extra, and output that goes to a file or a pipe
never holds the line.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

import click

SHOW_AFTER = 1.0  # seconds: a check that ends sooner shows nothing
WIDTH = 78


class RunningLine:
    """The line, rewritten in place as tests start; cleared when the check ends."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.lock = threading.Lock()
        self.shown = False
        self.test = ""

    def on_test(self, test_id: str, description: str) -> None:
        """Note the test that starts now; show it once the check has run a while."""
        with self.lock:
            self.test = description or test_id.rsplit("::", 1)[-1]
            if time.monotonic() - self.started >= SHOW_AFTER:
                seconds = time.monotonic() - self.started
                text = f"  checking ({seconds:.0f} s): {self.test}"[:WIDTH]
                self.stream.write("\r" + click.style(text.ljust(WIDTH), fg="bright_black"))
                self.stream.flush()
                self.shown = True

    def clear(self) -> None:
        with self.lock:
            if self.shown:
                self.stream.write("\r" + " " * WIDTH + "\r")
                self.stream.flush()
                self.shown = False


@contextmanager
def running_line(wanted: bool = True) -> Iterator[RunningLine | None]:
    """A RunningLine on stderr when it is a terminal and ``wanted``; None otherwise."""
    if not wanted or not sys.stderr.isatty():
        yield None
        return
    line = RunningLine(sys.stderr)
    try:
        yield line
    finally:
        line.clear()
