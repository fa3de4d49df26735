"""A summary of a web server's request log, built in four small steps.

parse_line reads one line, summarise counts, format_summary writes the
report, and report() runs them in order. Each step can be tested alone.
"""


def parse_line(line: str) -> tuple[str, str, int, int]:
    """Read 'GET /tasks 200 35ms' as ('GET', '/tasks', 200, 35); raise ValueError saying what is wrong.

    See README.md for the rules and the exact error messages.
    """
    raise NotImplementedError


def summarise(requests: list[tuple[str, str, int, int]]) -> dict[str, dict[str, int]]:
    """Count requests, server errors (5xx) and the slowest duration for each 'METHOD PATH'.

    The result maps 'GET /tasks' to {"count": 3, "errors": 1, "slowest_ms": 120}.
    """
    raise NotImplementedError


def format_summary(summary: dict[str, dict[str, int]]) -> list[str]:
    """One line per endpoint, busiest first: 'GET /tasks: 3 requests, 1 error, slowest 120ms'."""
    raise NotImplementedError


def report(log_text: str) -> list[str]:
    """Parse every line of the log (blank lines and # comments skipped), summarise, format.

    A line that cannot be read raises ValueError whose message starts with
    its line number: "line 3: unknown method 'FETCH'".
    """
    raise NotImplementedError
