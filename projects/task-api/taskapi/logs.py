"""Structured logs (milestone 12): one JSON object per line, each naming the request it is about.

A log line is read by programs first (a log collector, ``jq``, a search
box) and by people second, so every line is one JSON object with the same
fields: ``time``, ``level``, ``logger``, ``message`` and ``request_id``
(null outside a request). The line written when a request is answered
adds ``method``, ``path``, ``status`` and ``duration_ms`` (CONTRACT.md
section 13).

The request id ties the lines of one request together. It is the client's
``X-Request-ID`` when that is usable, else a new random one; either way the
response carries it back in ``X-Request-ID``.

Given: ``RequestIds``, a small ASGI middleware (it sees every request
before FastAPI does). Yours: ``JsonFormatter.format``, ``log_config``,
``request_id_from`` and ``with_request_ids``.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
from typing import Any

REQUEST_ID_HEADER = "x-request-id"
REQUEST_ID_PATTERN = re.compile(r"[\x21-\x7e]{1,200}")  # visible ASCII: safe in a header and a log
# The extra fields a request's line carries (logging's ``extra=``).
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")

# Each request is served in its own asyncio task, and a task works on its own
# copy of the context (so does the thread a plain ``def`` route runs in), so
# one request's id can never leak into another's lines.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

access = logging.getLogger("taskapi.access")


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON."""

    def format(self, record: logging.LogRecord) -> str:
        """One JSON object: time (ISO 8601, UTC), level, logger, message, request_id.

        Add each of REQUEST_FIELDS the record has (``getattr(record, "status")``),
        and ``exception`` (``self.formatException(record.exc_info)``) when
        ``record.exc_info`` is set: json.dumps keeps its newlines inside the
        string, so the traceback stays on one line.
        """
        # TODO (milestone 12)
        raise NotImplementedError("JsonFormatter.format")


def log_config(level: str) -> dict[str, Any]:
    """The logging set-up uvicorn applies at start (``logging.config.dictConfig`` format).

    Milestone 12: one handler writing to stderr with JsonFormatter (a
    formatter entry ``{"()": JsonFormatter}``), on the root logger at
    ``level``; uvicorn's loggers ("uvicorn", "uvicorn.error") pass their
    lines up to it, and "uvicorn.access" is silenced, since RequestIds writes
    a better line per request.
    """
    # TODO (milestone 12): until then, uvicorn's own plain-text logging.
    from uvicorn.config import LOGGING_CONFIG

    return LOGGING_CONFIG


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's X-Request-ID if it matches REQUEST_ID_PATTERN, else a new random id (uuid4().hex).

    ``headers`` are the raw ASGI pairs: names in lower case, both as bytes.
    """
    # TODO (milestone 12)
    raise NotImplementedError("request_id_from")


class RequestIds:
    """ASGI middleware: give each request an id, echo it, and log one line when it is answered."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope.get("headers", []))
        # Not reset afterwards on purpose: uvicorn logs an unhandled error
        # after the app returns, in this same task, and that line belongs
        # to this request too.
        current_request_id.set(request_id)
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before answering

        async def send_with_id(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [h for h in message.get("headers", []) if h[0].lower() != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            fields = {
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            }
            access.info("%s %s %s", scope["method"], scope["path"], status, extra=fields)


def with_request_ids(app: Any) -> Any:
    """Wrap the app so every request gets an id and a log line: RequestIds(app)."""
    # TODO (milestone 12): until then, the app as it is.
    return app
