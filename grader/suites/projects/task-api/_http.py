"""A tiny HTTP client for the Task API suite, and the checks that explain failures.

Only the standard library is used (``http.client``), so the learner's server is
tested exactly as any other program would talk to it. Every request has a
timeout. A failed expectation raises :class:`grader.testkit.Mismatch` with a
detail dict the feedback layer shows to a beginner::

    {"kind": "http", "summary": "Sent POST /tasks ...; got 422, expected 201 ...",
     "request": "POST /tasks {...}", "response": "422 application/json {...}",
     "expected": "201 ..."}
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from grader.testkit import Mismatch

TIMEOUT = 5.0
SHOW_BODY = 300
SHOW_SENT = 200
NO_JSON = object()  # the body was empty or not JSON
_MISSING = object()


class Headers:
    """Response headers with case-insensitive look-up."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self._pairs = [(name, value) for name, value in pairs]

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return the first value of header ``name`` (any case), or ``default``."""
        wanted = name.lower()
        for key, value in self._pairs:
            if key.lower() == wanted:
                return value
        return default


def shorten(text: str, limit: int = SHOW_BODY) -> str:
    """Cut ``text`` to ``limit`` characters, saying so."""
    text = text.replace("\r", "")
    if len(text) <= limit:
        return text
    return text[:limit] + "... (shortened)"


def compact(value: Any) -> str:
    """Write a JSON value on one line the way a learner would type it."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Response:
    """One finished exchange: what was sent and what came back."""

    method: str
    path: str
    sent: str  # the request body as shown in feedback ("" when none)
    status: int
    reason: str
    headers: Headers
    body: bytes
    elapsed: float = 0.0
    sent_headers: dict[str, str] = field(default_factory=dict)
    server_log: str = ""  # what the server printed while answering (for 5xx)

    @property
    def json(self) -> Any:
        """The body parsed as JSON, or :data:`NO_JSON` when it is not JSON."""
        if not hasattr(self, "_json"):
            try:
                self._json = json.loads(self.body.decode("utf-8")) if self.body else NO_JSON
            except (UnicodeDecodeError, ValueError):
                self._json = NO_JSON
        return self._json

    @property
    def media_type(self) -> str:
        """The Content-Type without parameters, lower-case ("" when missing)."""
        value = self.headers.get("content-type") or ""
        return value.split(";", 1)[0].strip().lower()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def request_line(self) -> str:
        """``POST /tasks {"title": "x"}`` as shown in feedback."""
        line = f"{self.method} {self.path}"
        shown = [
            f"{k}: {v}"
            for k, v in self.sent_headers.items()
            if k.lower() in SHOWN_HEADERS and not (k.lower() == "content-type" and v == "application/json")
        ]
        if shown:
            line += " (" + ", ".join(shown) + ")"
        if self.sent:
            line += " " + self.sent
        return line

    def describe(self) -> str:
        """``422 application/problem+json {...}`` as shown in feedback."""
        parts = [str(self.status)]
        if self.media_type:
            parts.append(self.media_type)
        if self.body:
            parts.append(shorten(self.text))
        return " ".join(parts)


SHOWN_HEADERS = {"if-match", "if-none-match", "content-type", "idempotency-key"}


def describe_body(body: Any) -> str:
    """Show a request body briefly: JSON compactly, bytes by size when large."""
    if body is _MISSING or body is None:
        return ""
    if isinstance(body, (bytes, bytearray)):
        if len(body) > SHOW_SENT:
            return f"<{len(body)} bytes>"
        return body.decode("utf-8", errors="replace")
    return shorten(compact(body), SHOW_SENT)


class ServerGone(Exception):
    """The server could not be reached (refused, reset, timed out)."""


def encode_body(json_body: Any, body: bytes | None) -> tuple[bytes | None, str]:
    """Return the bytes to send and how to show them."""
    if body is not None:
        return body, describe_body(body)
    if json_body is _MISSING:
        return None, ""
    return json.dumps(json_body, ensure_ascii=False).encode("utf-8"), describe_body(json_body)


def send(
    host: str,
    port: int,
    method: str,
    path: str,
    *,
    json_body: Any = _MISSING,
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> Response:
    """Send one request on a new connection and read the whole answer."""
    data, shown = encode_body(json_body, body)
    sent_headers = dict(headers or {})
    if json_body is not _MISSING and body is None:
        sent_headers.setdefault("Content-Type", "application/json")
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    started = time.monotonic()
    try:
        conn.request(method, path, body=data, headers=sent_headers)
        answer = conn.getresponse()
        raw = answer.read()
        return Response(
            method=method,
            path=path,
            sent=shown,
            status=answer.status,
            reason=answer.reason,
            headers=Headers(answer.getheaders()),
            body=raw,
            elapsed=time.monotonic() - started,
            sent_headers=sent_headers,
        )
    except (OSError, http.client.HTTPException) as error:
        raise ServerGone(f"{type(error).__name__}: {error}") from error
    finally:
        conn.close()


class Prepared:
    """A request whose connection is open and whose headers are already sent.

    Used by the race tests: every thread prepares its request first, then all
    wait at a barrier, then each sends its last byte at (almost) the same time,
    so the server sees the requests truly at once.
    """

    def __init__(
        self,
        host: str,
        port: int,
        method: str,
        path: str,
        json_body: Any,
        headers: Mapping[str, str],
        timeout: float = TIMEOUT,
    ) -> None:
        self.method = method
        self.path = path
        self.data, self.shown = encode_body(json_body, None)
        if self.data is None:
            self.data = b""
        self.headers = dict(headers)
        if json_body is not _MISSING:
            self.headers.setdefault("Content-Type", "application/json")
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self.conn.connect()
        self.conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in self.headers.items():
            self.conn.putheader(name, value)
        self.conn.putheader("Content-Length", str(len(self.data)))
        self.conn.endheaders()
        if len(self.data) > 1:
            self.conn.send(self.data[:-1])

    def finish(self) -> Response:
        """Send the last byte and read the answer."""
        started = time.monotonic()
        try:
            if self.data:
                # The server may have answered (and closed) early: read that answer.
                with contextlib.suppress(OSError):
                    self.conn.send(self.data[-1:])
            answer = self.conn.getresponse()
            raw = answer.read()
            return Response(
                method=self.method,
                path=self.path,
                sent=self.shown,
                status=answer.status,
                reason=answer.reason,
                headers=Headers(answer.getheaders()),
                body=raw,
                elapsed=time.monotonic() - started,
                sent_headers=self.headers,
            )
        except (OSError, http.client.HTTPException) as error:
            raise ServerGone(f"{type(error).__name__}: {error}") from error
        finally:
            self.conn.close()

    def close(self) -> None:
        self.conn.close()


# --------------------------------------------------------------------------
# Failure messages
# --------------------------------------------------------------------------


def fail(resp: Response | None, summary: str, expected: str, kind: str = "http", **extra: Any):
    """Raise a Mismatch about ``resp`` with a beginner-friendly ``summary``."""
    detail: dict[str, Any] = {"kind": kind, "summary": summary, "expected": expected}
    if resp is not None:
        detail["request"] = resp.request_line()
        detail["response"] = resp.describe()
        if resp.status >= 500 and resp.server_log:
            detail["summary"] += server_printed(resp.server_log)
            detail["server_log"] = resp.server_log
    detail.update(extra)
    raise Mismatch(detail)


_ERRORS_SHOWN: set[str] = set()  # the exception type of each server error already shown in this run


def server_printed(log: str) -> str:
    """The server's error, in full the first time; after that only its last line (one traceback is enough)."""
    last = log.strip().splitlines()[-1]
    kind = last.split(":", 1)[0]  # the exception's type: "taskapi.service.TaskNotFound"
    if kind in _ERRORS_SHOWN:
        return f" The server printed the same kind of error as in an earlier test: {last}"
    _ERRORS_SHOWN.add(kind)
    return " The server printed:\n" + log


def sent_text(resp: Response) -> str:
    """``Sent POST /tasks with {...}`` - the start of most summaries."""
    text = f"Sent {resp.method} {resp.path}"
    shown = [f"{k}: {v}" for k, v in resp.sent_headers.items() if k.lower() in ("if-match", "if-none-match")]
    if shown:
        text += " with " + ", ".join(shown)
        if resp.sent:
            text += " and body " + resp.sent
    elif resp.sent:
        text += " with " + resp.sent
    return text


def got_text(resp: Response) -> str:
    """``got 422 (title: ...)`` - the status plus a hint from a problem body."""
    text = f"got {resp.status}"
    body = resp.json
    if isinstance(body, dict) and resp.status >= 400:
        detail = body.get("detail") or body.get("title")
        if isinstance(detail, str) and detail:
            text += f' ("{shorten(detail, 120)}")'
    return text


def expect_status(resp: Response, status: int | Iterable[int], why: str = "") -> Response:
    """Check the status code; ``why`` says what the status means here."""
    wanted = {status} if isinstance(status, int) else set(status)
    if resp.status not in wanted:
        shown = " or ".join(str(s) for s in sorted(wanted))
        expected = f"{shown} {why}".strip()
        fail(resp, f"{sent_text(resp)}; {got_text(resp)}, expected {expected}.", expected)
    return resp


def expect_json_object(resp: Response, why: str = "a JSON object") -> dict[str, Any]:
    """Check the body is a JSON object and return it."""
    body = resp.json
    if not isinstance(body, dict):
        what = "an empty body" if not resp.body else "a body that is not a JSON object"
        fail(
            resp,
            f"{sent_text(resp)}; got {resp.status} with {what}, expected {why}.",
            why,
        )
    return body


def expect_field(
    resp: Response,
    name: str,
    check: Callable[[Any], bool] | None = None,
    expectation: str = "",
    *,
    equals: Any = _MISSING,
) -> Any:
    """Check ``name`` is in the JSON object body (and passes ``check`` / ``equals``)."""
    body = expect_json_object(resp)
    if name not in body:
        expected = f'a "{name}" field' + (f" ({expectation})" if expectation else "")
        fail(
            resp,
            f'{sent_text(resp)}; got {resp.status} but the JSON has no "{name}" field, expected {expected}.',
            expected,
        )
    value = body[name]
    if equals is not _MISSING:
        if type(value) is not type(equals) or value != equals:
            expected = f'"{name}" to be {compact(equals)}' + (f" ({expectation})" if expectation else "")
            fail(
                resp,
                f'{sent_text(resp)}; got "{name}": {shorten(compact(value), 120)}, '
                f"expected {compact(equals)}" + (f" ({expectation})" if expectation else "") + ".",
                expected,
            )
    elif check is not None and not check(value):
        expected = f'"{name}" to be {expectation}'
        fail(
            resp,
            f'{sent_text(resp)}; got "{name}": {shorten(compact(value), 120)}, expected {expectation}.',
            expected,
        )
    return value


def expect_header(
    resp: Response,
    name: str,
    check: Callable[[str], bool] | None = None,
    expectation: str = "",
) -> str:
    """Check the response has header ``name`` (passing ``check``) and return it."""
    value = resp.headers.get(name)
    if value is None:
        expected = f"a {name} header" + (f" ({expectation})" if expectation else "")
        fail(
            resp,
            f"{sent_text(resp)}; got {resp.status} without a {name} header, expected {expected}.",
            expected,
        )
    if check is not None and not check(value):
        expected = f"the {name} header to be {expectation}"
        fail(
            resp,
            f"{sent_text(resp)}; got {name}: {shorten(value, 120)}, expected {expectation}.",
            expected,
        )
    return value
