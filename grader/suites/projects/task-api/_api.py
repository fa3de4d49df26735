"""The suite's view of the Task API: a client bound to one server, plus users.

Every request goes through :meth:`Api.request`, which turns the situations a
beginner must hear about first into a clear Mismatch:

* the server never started, or stopped answering -> kind ``server_failed``
  with the last lines of its output;
* the endpoint answers 501, or the server printed ``NotImplementedError`` ->
  kind ``not_started``.
"""

from __future__ import annotations

import contextlib
import itertools
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import _http
from _http import _MISSING, Response
from _server import HOST, Server, tail

from grader.testkit import Mismatch

# ---- contract details (projects/task-api/CONTRACT.md) ------------------------
AUTH_HEADER = "Authorization"
AUTH_SCHEME = "Bearer"
USERS_PATH = "/users"
KEY_FIELD = "api_key"
PROBLEM_TYPE = "application/problem+json"

_names = itertools.count(1)
_names_lock = threading.Lock()


# Lines of a 500's server log that a learner never needs.
NOISE = ("INFO:", "ERROR:    Exception in ASGI application", "Traceback (most recent call last):")


def unique(prefix: str) -> str:
    """A name (or title) no other test in this run uses, like "Buy milk 12".

    Every server the suite starts begins with a fresh database, so a counter
    per run is enough.
    """
    with _names_lock:
        number = next(_names)
    return f"{prefix} {number}"


@dataclass(frozen=True)
class User:
    name: str
    key: str
    id: Any = None


NOT_STARTED = "This part of the API is not implemented yet (the server answered 501 Not Implemented)."


class Api:
    """A client for one running server."""

    def __init__(self, server: Server) -> None:
        self.server = server

    # -- plumbing ----------------------------------------------------------

    def ensure_up(self) -> None:
        """Raise the startup failure, if the server never became healthy."""
        if self.server.failure is not None:
            raise Mismatch(dict(self.server.failure))

    def gone(self, method: str, path: str, error: Exception, since: int, shown: str = "") -> Mismatch:
        """Explain a request that got no answer at all."""
        proc = self.server.proc
        if proc is not None and "timed out" not in str(error).lower():
            # A crashing server closes its sockets a moment before it is gone.
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=0.5)
        crashed = not self.server.alive()
        log = tail(self.settled_log(since, 0.3)) or self.server.log_tail()
        if crashed:
            code = self.server.proc.returncode if self.server.proc else "?"
            problem = f"The server stopped (exit code {code}) while answering {method} {path}"
        elif "timed out" in str(error).lower():
            problem = f"The server did not answer {method} {path} within {_http.TIMEOUT:.0f} seconds"
        else:
            problem = f"The server closed the connection without answering {method} {path}"
        summary = problem + "."
        if log:
            summary += " Last lines of its output:\n" + log
        return Mismatch(
            {
                "kind": "server_failed",
                "summary": summary,
                "request": f"{method} {path}" + (f" {shown}" if shown else ""),
                "response": f"no answer ({error})",
                "expected": "an HTTP answer",
                "server_log": log,
            }
        )

    def settled_log(self, since: int, wait: float = 0.5) -> str:
        """The server's output since ``since``, once it stops growing (a traceback
        is often printed just after the 500 answer was sent)."""
        size, quiet = self.server.log_size(), 0
        for _ in range(int(wait / 0.05)):
            time.sleep(0.05)
            now = self.server.log_size()
            quiet = quiet + 1 if now == size else 0
            if quiet >= 2 and now > since:
                break
            size = now
        return self.server.log_text(since)

    def check_implemented(self, resp: Response, since: int | None = None) -> Response:
        """Report endpoints still answering 501 (or crashing with NotImplementedError)."""
        unimplemented = resp.status == 501
        if not unimplemented and resp.status == 500 and since is not None:
            unimplemented = "NotImplementedError" in self.server.log_text(since)
        if unimplemented:
            raise Mismatch(
                {
                    "kind": "not_started",
                    "summary": NOT_STARTED
                    if resp.status == 501
                    else "This part of the API is not implemented yet "
                    "(the server raised NotImplementedError).",
                    "request": resp.request_line(),
                    "response": resp.describe(),
                    "expected": "the endpoint implemented",
                }
            )
        return resp

    def headers_for(self, user: User | None, headers: Mapping[str, str] | None) -> dict[str, str]:
        sent = dict(headers or {})
        if user is not None:
            sent.setdefault(AUTH_HEADER, f"{AUTH_SCHEME} {user.key}")
        return sent

    def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = _MISSING,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        user: User | None = None,
        timeout: float = _http.TIMEOUT,
        check: bool = True,
    ) -> Response:
        """Send one request; raise server_failed / not_started Mismatches."""
        self.ensure_up()
        since = self.server.log_size()
        try:
            resp = _http.send(
                HOST,
                self.server.port,
                method,
                path,
                json_body=json,
                body=body,
                headers=self.headers_for(user, headers),
                timeout=timeout,
            )
        except _http.ServerGone as error:
            raise self.gone(
                method, path, error, since, _http.describe_body(json if body is None else body)
            ) from None
        if resp.status == 500:
            # uvicorn's access and "Exception in ASGI application" lines say nothing the answer does not.
            printed = [line for line in self.settled_log(since).splitlines() if not line.startswith(NOISE)]
            resp.server_log = tail("\n".join(printed), 12)
        if check:
            self.check_implemented(resp, since)
        return resp

    def get(self, path: str, **kw: Any) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> Response:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> Response:
        return self.request("PATCH", path, **kw)

    def delete(self, path: str, **kw: Any) -> Response:
        return self.request("DELETE", path, **kw)

    # -- races -------------------------------------------------------------

    def race(
        self,
        count: int,
        make: Callable[[int], tuple[str, str, Any, Mapping[str, str]]],
        wait: float = 10.0,
    ) -> list[Response]:
        """Send ``count`` requests at the same moment and return every answer.

        ``make(i)`` returns (method, path, json body, headers). Each thread opens
        its connection and sends everything but the last byte, then all meet at
        a barrier and send their last byte together.
        """
        self.ensure_up()
        since = self.server.log_size()
        barrier = threading.Barrier(count, timeout=wait)
        results: list[Response | Exception | None] = [None] * count

        def worker(i: int) -> None:
            prepared = None
            try:
                method, path, body, headers = make(i)
                prepared = _http.Prepared(HOST, self.server.port, method, path, body, headers)
            except Exception as error:  # report below, after everyone is done
                results[i] = error
                barrier.abort()
                return
            try:
                barrier.wait()
            except threading.BrokenBarrierError as error:
                prepared.close()
                results[i] = results[i] or error
                return
            try:
                results[i] = prepared.finish()
            except Exception as error:
                results[i] = error

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(count)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + wait + _http.TIMEOUT + 2
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        answers: list[Response] = []
        for i, result in enumerate(results):
            if isinstance(result, Response):
                answers.append(result)
                continue
            method, path, _body, _headers = make(i)
            error = result if isinstance(result, Exception) else TimeoutError("no answer in time")
            if isinstance(error, _http.ServerGone | threading.BrokenBarrierError | OSError):
                raise self.gone(method, path, error, since)
            raise error
        for resp in answers:
            self.check_implemented(resp, since)
        return answers

    # -- users and tasks -----------------------------------------------------

    def new_user(self, prefix: str = "user") -> User:
        """Register a fresh user and return its name and API key."""
        name = unique(prefix)
        resp = self.post(USERS_PATH, json={"name": name})
        _http.expect_status(resp, 201, "(a new user is created)")
        key = _http.expect_field(
            resp,
            KEY_FIELD,
            lambda v: isinstance(v, str) and len(v) > 0,
            "a non-empty string",
        )
        body = resp.json
        return User(name=name, key=key, id=body.get("id") if isinstance(body, dict) else None)

    def create_task(self, user: User, title: str, **fields: Any) -> dict[str, Any]:
        """Create a task (must answer 201) and return its JSON."""
        resp = self.post("/tasks", json={"title": title, **fields}, user=user)
        _http.expect_status(resp, 201, "(the task is created)")
        return _http.expect_json_object(resp, "the new task as a JSON object")
