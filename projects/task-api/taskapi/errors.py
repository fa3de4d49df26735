"""Every error response, in one place (milestones 3 and 4).

All errors leave the server in one format, "problem details" (RFC 9457),
with the media type application/problem+json::

    {"type": "https://task-api.example/problems/duplicate-title",
     "title": "Duplicate Title", "status": 409,
     "detail": "a task with this title already exists (id 7)",
     "existing_id": 7}

CONTRACT.md section 7 lists every type and title.

Nobody else builds error responses. The service raises domain errors,
pydantic raises ValidationError, the router raises HTTPException for
unknown routes, and each handler below turns one kind into a problem
document. FastAPI calls the handler whose exception class matches.

Given and working: ``problem()`` and the 501 handler, which is why the
starter answers "not implemented yet" everywhere. The rest is yours:
``from_domain_error`` in milestone 3 (the HTTP layer needs 401, 404 and 409
to work at all), every other handler in milestone 4.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from .service import DomainError

PROBLEM_TYPE_BASE = "https://task-api.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


def problem(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A problem response. Extra keyword arguments become extra members."""
    body = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


class ApiProblem(Exception):
    """An HTTP-level error for routes.py to raise (413, 415, 400, 428 ...).

    Business errors are domain errors from service.py; this one is for
    problems that only exist because we speak HTTP.
    """

    def __init__(self, status: int, slug: str, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.slug, self.title, self.detail = status, slug, title, detail
        self.extra = extra

    def response(self) -> JSONResponse:
        return problem(self.status, self.slug, self.title, self.detail, **self.extra)


def from_not_implemented(request: Request, exc: Exception) -> JSONResponse:
    """501 for code that raises NotImplementedError: the starter's answer."""
    detail = "not implemented yet"
    if str(exc):
        detail += f": {exc}"
    return problem(501, "not-implemented", "Not Implemented", detail)


def from_api_problem(request: Request, exc: Exception) -> JSONResponse:
    # TODO (milestone 4): exc is an ApiProblem; return its response.
    raise NotImplementedError("from_api_problem")


def from_domain_error(request: Request, exc: Exception) -> JSONResponse:
    """NotAuthenticated -> 401, TaskNotFound -> 404, NameTaken and DuplicateTitle -> 409, ...

    Build each answer with ``problem()`` (CONTRACT.md section 7 has every
    status, type slug and title). Remember the extras: WWW-Authenticate on
    401, existing_id on duplicates.
    """
    # TODO (milestone 3): until you write it, every domain error answers 501,
    # naming the error it was given (for example "from_domain_error (TaskNotFound)").
    return from_not_implemented(request, NotImplementedError(f"from_domain_error ({type(exc).__name__})"))


def from_validation_error(request: Request, exc: Exception) -> JSONResponse:
    """pydantic.ValidationError -> 422 with errors: [{field, message}].

    exc.errors() lists each problem; its "loc" says where (("title",), or ()
    for the body as a whole) and its "type" says what ("extra_forbidden"
    for an unknown field).
    """
    # TODO (milestone 4)
    raise NotImplementedError("from_validation_error")


def from_http_exception(request: Request, exc: Exception) -> JSONResponse:
    """The router's own errors: 404 unknown route, 405 wrong method.

    Keep exc.headers (405 comes with an Allow header).
    """
    # TODO (milestone 4)
    raise NotImplementedError("from_http_exception")


def from_unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Any other exception is a bug: 500, without internals in the response."""
    # TODO (milestone 4)
    raise NotImplementedError("from_unexpected")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(NotImplementedError, from_not_implemented)
    app.add_exception_handler(DomainError, from_domain_error)
    # TODO (milestone 4): register the others as you write them, e.g.
    #   app.add_exception_handler(ApiProblem, from_api_problem)
    #   app.add_exception_handler(ValidationError, from_validation_error)  # from pydantic
    #   app.add_exception_handler(StarletteHTTPException, from_http_exception)
    #       # from starlette.exceptions import HTTPException as StarletteHTTPException
    #   app.add_exception_handler(Exception, from_unexpected)
