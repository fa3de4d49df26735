"""HTTP in, HTTP out: the thin layer between the network and the service.

Each route does the same four things and nothing more:

1. read what it needs from the request (who is calling, body, headers);
2. check its shape with a schema (schemas.py), which may fail with 422;
3. call one service method, which holds the actual rules;
4. turn the result into a response: status code, headers, JSON.

Errors are not handled here. Anything that goes wrong raises, and
errors.py turns it into a problem response. If you find an ``if`` about a
business rule in this file, it belongs in service.py.

The routes are plain ``def`` functions, not ``async def``. FastAPI runs
plain functions in a pool of worker threads, so a request waiting for
SQLite does not stop the server from serving the others. (An ``async def``
route that calls blocking sqlite3 code would stall every request while it
waits.) That pool is why requests really do run at the same time, and why
the store has to be safe under concurrency.
"""

from __future__ import annotations

import hashlib
import json
import re
from os import PathLike
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse

from .errors import (
    body_too_large,
    install_error_handlers,
    invalid_field,
    malformed_json,
    precondition_required,
    unsupported_media_type,
)
from .job_store import SqliteJobStore
from .jobs import JobService
from .repository import SqliteTaskStore
from .schemas import (
    ExportCreate,
    ListParams,
    TaskCreate,
    TaskPatch,
    UserCreate,
    job_json,
    task_json,
    user_json,
)
from .service import NewTask, Page, Task, TaskService, User

MAX_BODY_BYTES = 64 * 1024
# A strong ETag for a task is its version in quotes: "3". No leading zeros,
# so comparing the parsed number is the same as comparing the exact text.
ETAG_PATTERN = re.compile(r'"([1-9][0-9]{0,17})"')
IDEMPOTENCY_KEY_PATTERN = re.compile(r"[\x21-\x7e]{1,200}")

router = APIRouter()


def create_app(db_path: str | PathLike[str]) -> FastAPI:
    """Build the app on a SQLite file, creating the tables if needed."""
    store = SqliteTaskStore(db_path)
    store.create_schema()
    app = build_app(TaskService(store))
    # Milestone 11: jobs live in the same file; __main__.py runs their workers.
    job_store = SqliteJobStore(db_path)
    job_store.create_schema()
    app.state.jobs = JobService(job_store, app.state.service)
    return app


def build_app(service: TaskService) -> FastAPI:
    # The contract (openapi.yaml) is the documentation, so FastAPI's
    # generated pages are switched off: they would describe a different,
    # less exact API. redirect_slashes=False makes "/tasks/" an unknown
    # path (404) instead of a redirect.
    app = FastAPI(
        title="Task API",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        redirect_slashes=False,
    )
    app.state.service = service
    install_error_handlers(app)
    app.include_router(router)
    return app


# -- dependencies: small functions FastAPI calls before a route -------------
# They run in the order the route lists them, which is what puts 401 before
# any complaint about the body.


def get_service(request: Request) -> TaskService:
    service: TaskService = request.app.state.service
    return service


ServiceDep = Annotated[TaskService, Depends(get_service)]


def bearer_key(authorization: str | None) -> str | None:
    """The key from 'Authorization: Bearer <key>', or None."""
    if authorization is None:
        return None
    scheme, _, key = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":  # scheme names are case-insensitive
        return None
    return key.strip() or None


def current_user(service: ServiceDep, authorization: Annotated[str | None, Header()] = None) -> User:
    return service.authenticate(bearer_key(authorization))


CurrentUser = Annotated[User, Depends(current_user)]


async def json_body(request: Request) -> Any:
    """Read the request body as JSON, enforcing the size and media type.

    We never read more than MAX_BODY_BYTES (plus one chunk). Content-Length
    lets us refuse an honest oversized request before reading a byte; a
    client that streams without announcing a length is stopped as soon as
    it crosses the limit. Calling ``await request.body()`` instead would
    first load the whole body, however large, into memory.
    """
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise body_too_large(MAX_BODY_BYTES)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise unsupported_media_type()
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > MAX_BODY_BYTES:
            raise body_too_large(MAX_BODY_BYTES)
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise malformed_json("the body is not valid UTF-8") from None
    except ValueError as error:
        raise malformed_json(f"the body is not valid JSON: {error}") from None


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which are not JSON.
    raise ValueError(f"{name} is not allowed in JSON")


JsonBody = Annotated[Any, Depends(json_body)]


# -- helpers ----------------------------------------------------------------


def etag(task: Task) -> str:
    return f'"{task.version}"'


def expected_version(if_match: str) -> int:
    """The version an If-Match header names; 0 if it names none.

    Versions start at 1, so 0 never matches: a malformed If-Match then
    fails like a stale one (412), after the task lookup (404).
    """
    match = ETAG_PATTERN.fullmatch(if_match)
    return int(match.group(1)) if match else 0


def render(content: Any) -> bytes:
    # The same compact encoding JSONResponse uses, so the list ETag below is
    # computed over exactly the bytes we send.
    return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def list_etag(content: bytes) -> str | None:
    """A list's ETag (milestone 8), one that can never be stale.

    It is a hash of the very bytes we are about to send, so "304 Not
    Modified" is only ever said when the client's copy is byte-for-byte what
    it would get now, whatever filter, sort or page produced it. The price:
    we still run the query every time; we only save sending it.
    """
    return '"list-' + hashlib.sha256(content).hexdigest()[:32] + '"'


def next_link(request: Request, page: Page) -> str | None:
    """The path and query of the next page, or None on the last page.

    It repeats the client's filters and sort (only those it sent), so
    following ``next`` walks through the same result set.
    """
    pairs: list[tuple[str, Any]] = [("limit", page.limit)]
    if page.next_cursor is not None:
        pairs.append(("cursor", page.next_cursor))
    elif page.next_offset is not None:
        pairs.append(("offset", page.next_offset))
    else:
        return None
    for name in ("status", "q", "sort"):
        if name in request.query_params:
            pairs.append((name, request.query_params[name]))
    return "/tasks?" + urlencode(pairs)


# -- routes -------------------------------------------------------------------


@router.get("/health")
def health(service: ServiceDep) -> JSONResponse:
    # A load balancer or orchestrator asks this to decide whether to send
    # traffic here, so "ok" must mean the database answers too (milestone 12).
    # No API key: the platform asking has none.
    # The mistake: "the process runs" is all this says; the database is never asked.
    return JSONResponse({"status": "ok"})


@router.post("/users")
def create_user(service: ServiceDep, body: JsonBody) -> JSONResponse:
    data = UserCreate.model_validate(body)
    user, api_key = service.create_user(data.name)
    return JSONResponse(user_json(user, api_key), status_code=201)


@router.post("/tasks")
def create_task(
    user: CurrentUser,
    body: JsonBody,
    service: ServiceDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    data = TaskCreate.model_validate(body)
    new = NewTask(**data.model_dump())
    replayed = False
    if idempotency_key is None:
        task = service.create_task(user, new)
    else:
        if not IDEMPOTENCY_KEY_PATTERN.fullmatch(idempotency_key):
            raise invalid_field("Idempotency-Key", "use 1 to 200 visible ASCII characters")
        # Two bodies are "the same" when they hold the same JSON values,
        # whatever the key order or spacing.
        canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        fingerprint = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        task, replayed = service.create_task_once(user, new, idempotency_key, fingerprint)
    headers = {"Location": f"/tasks/{task.id}", "ETag": etag(task)}
    if replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(task_json(task), status_code=201, headers=headers)


@router.get("/tasks")
def list_tasks(
    request: Request,
    user: CurrentUser,
    service: ServiceDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    params = ListParams.from_query(request.query_params)
    page = service.list_tasks(
        user,
        status=params.status,
        q=params.q,
        sort=params.sort,
        limit=params.limit,
        offset=params.offset,
        cursor=params.cursor,
    )
    content = render(
        {
            "items": [task_json(task) for task in page.items],
            "total": page.total,
            "limit": page.limit,
            "offset": page.offset,
            "next": next_link(request, page),
        }
    )
    tag = list_etag(content)
    headers = {"Cache-Control": "private, no-cache"}
    if tag is not None:
        headers["ETag"] = tag
        if if_none_match == tag:
            return Response(status_code=304, headers=headers)
    return Response(content, media_type="application/json", headers=headers)


@router.get("/tasks/{task_id:int}")
def get_task(
    task_id: int,
    user: CurrentUser,
    service: ServiceDep,
    if_none_match: Annotated[str | None, Header()] = None,
) -> Response:
    task = service.get_task(user, task_id)
    # "private": only this user's own cache may keep it. "no-cache": a cache
    # may keep it but must ask us (If-None-Match) before reusing it, which
    # costs a tiny 304 when nothing changed and never serves stale data.
    headers = {"ETag": etag(task), "Cache-Control": "private, no-cache"}
    if if_none_match == etag(task):
        return Response(status_code=304, headers=headers)
    return JSONResponse(task_json(task), headers=headers)


@router.patch("/tasks/{task_id:int}")
def update_task(
    task_id: int,
    user: CurrentUser,
    body: JsonBody,
    service: ServiceDep,
    if_match: Annotated[str | None, Header()] = None,
) -> JSONResponse:
    patch = TaskPatch.model_validate(body)
    if if_match is None:
        raise precondition_required()
    task = service.update_task(user, task_id, expected_version(if_match), patch.changes())
    return JSONResponse(task_json(task), headers={"ETag": etag(task)})


@router.delete("/tasks/{task_id:int}")
def delete_task(task_id: int, user: CurrentUser, service: ServiceDep) -> Response:
    service.delete_task(user, task_id)
    return Response(status_code=204)


# -- milestone 11: background jobs ---------------------------------------------


def get_jobs(request: Request) -> JobService:
    jobs: JobService = request.app.state.jobs
    return jobs


JobsDep = Annotated[JobService, Depends(get_jobs)]


@router.post("/exports")
def create_export(user: CurrentUser, body: JsonBody, jobs: JobsDep) -> JSONResponse:
    # 202 Accepted: "I have your request and will do it", not "done". The
    # Location tells the client where to follow the job.
    data = ExportCreate.model_validate(body)
    job = jobs.start_export(user, data.fail_attempts, data.delay_seconds)
    return JSONResponse(job_json(job), status_code=202, headers={"Location": f"/jobs/{job.id}"})


@router.get("/jobs/{job_id:int}")
def get_job(job_id: int, user: CurrentUser, jobs: JobsDep) -> JSONResponse:
    job = jobs.get_job(user, job_id)
    # A job changes on its own, so a cached copy is never good for long.
    return JSONResponse(job_json(job), headers={"Cache-Control": "no-store"})
