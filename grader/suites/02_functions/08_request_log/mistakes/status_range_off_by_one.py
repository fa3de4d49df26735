"""Mistake: checks the status with < 599, so the valid status 599 is refused.

Hint: A status goes from 100 to 599, both included: check 100 <= status <= 599.
"""

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
LOWEST_STATUS, HIGHEST_STATUS = 100, 599
SERVER_ERROR = 500
LINE_SHAPE = "METHOD PATH STATUS DURATIONms"


def parse_line(line: str) -> tuple[str, str, int, int]:
    """Read 'GET /tasks 200 35ms' as ('GET', '/tasks', 200, 35); raise ValueError saying what is wrong."""
    fields = line.split()
    if len(fields) != 4:
        raise ValueError(f"expected {LINE_SHAPE!r}, got {line.strip()!r}")
    method, path, status, duration = fields
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if not path.startswith("/"):
        raise ValueError(f"a path starts with '/', got {path!r}")
    if not (status.isdigit() and LOWEST_STATUS <= int(status) < HIGHEST_STATUS):
        raise ValueError(f"status must be a number from 100 to 599, got {status!r}")
    milliseconds = duration.removesuffix("ms")
    if not (duration.endswith("ms") and milliseconds.isdigit()):
        raise ValueError(f"duration must look like 35ms, got {duration!r}")
    return method, path, int(status), int(milliseconds)


def summarise(requests: list[tuple[str, str, int, int]]) -> dict[str, dict[str, int]]:
    """Count requests, server errors (5xx) and the slowest duration for each 'METHOD PATH'."""
    summary: dict[str, dict[str, int]] = {}
    for method, path, status, milliseconds in requests:
        entry = summary.setdefault(f"{method} {path}", {"count": 0, "errors": 0, "slowest_ms": 0})
        entry["count"] += 1
        entry["errors"] += status >= SERVER_ERROR
        entry["slowest_ms"] = max(entry["slowest_ms"], milliseconds)
    return summary


def format_summary(summary: dict[str, dict[str, int]]) -> list[str]:
    """One line per endpoint, busiest first: 'GET /tasks: 3 requests, 1 error, slowest 120ms'."""
    ordered = sorted(summary.items(), key=lambda item: (-item[1]["count"], item[0]))
    return [
        f"{endpoint}: {counted(entry['count'], 'request')}, {counted(entry['errors'], 'error')}, "
        f"slowest {entry['slowest_ms']}ms"
        for endpoint, entry in ordered
    ]


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors', '0 errors'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def report(log_text: str) -> list[str]:
    """Parse every line of the log (blank lines and # comments skipped), summarise, format."""
    requests = []
    for number, line in enumerate(log_text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            requests.append(parse_line(line))
        except ValueError as error:
            # parse_line does not know where the line came from; report() does.
            raise ValueError(f"line {number}: {error}") from error
    return format_summary(summarise(requests))
