"""HTTP in, HTTP out: the thin layer between the network and the service.

Milestone 3 is mostly this file. Every route does the same four things:

1. read what it needs from the request (who is calling, body, headers);
2. check its shape with a schema from schemas.py;
3. call one service method;
4. turn the result into a response: status code, headers, JSON.

No business rules here (they live in service.py) and no error formatting
(errors.py). If a route grows an ``if`` about tasks, move it to the service.

Routes are plain ``def`` functions, not ``async def``: FastAPI runs plain
functions on a pool of threads, so one request waiting for SQLite doesn't
stop the others. It also means requests really run at the same time; see
milestone 6 in README.md.

Given and working: the app setup, /health, and the dependencies. Sketched:
POST /users, POST /tasks and GET /tasks/{id}. The rest is yours.
"""

from __future__ import annotations

from os import PathLike
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, Request, Response
from fastapi.responses import JSONResponse

from .errors import install_error_handlers
from .job_store import SqliteJobStore
from .jobs import JobService
from .repository import SqliteTaskStore
from .schemas import TaskCreate, UserCreate, task_json, user_json
from .service import NewTask, TaskService, User

MAX_BODY_BYTES = 64 * 1024

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
    # CONTRACT.md is the documentation, so FastAPI's generated pages are off.
    # redirect_slashes=False makes "/tasks/" a 404 instead of a redirect.
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


# -- dependencies: functions FastAPI runs before a route, in the order the
# route lists them. Listing ``user`` first is what makes a missing key a 401
# before anything is said about the body.


def get_service(request: Request) -> TaskService:
    service: TaskService = request.app.state.service
    return service


ServiceDep = Annotated[TaskService, Depends(get_service)]


def bearer_key(authorization: str | None) -> str | None:
    """The key from an 'Authorization: Bearer <key>' header value, or None.

    "Bearer" may be in any case; None for a missing header or another scheme.
    """
    # TODO (milestone 3)
    raise NotImplementedError("bearer_key")


def current_user(service: ServiceDep, authorization: Annotated[str | None, Header()] = None) -> User:
    return service.authenticate(bearer_key(authorization))


CurrentUser = Annotated[User, Depends(current_user)]


async def json_body(request: Request) -> Any:
    """The request body, parsed as JSON.

    This simple version is enough for milestone 3.
    TODO (milestone 4), in this order (CONTRACT.md, "Which error wins"):
    413 if Content-Length is over MAX_BODY_BYTES; 415 unless the
    Content-Type is application/json; read with ``async for chunk in
    request.stream()`` and stop with 413 as soon as the total passes the
    limit; 400 if the bytes are not UTF-8 JSON (raise errors.ApiProblem).
    """
    return await request.json()


JsonBody = Annotated[Any, Depends(json_body)]


# -- routes -------------------------------------------------------------------


@router.get("/health")
def health() -> dict[str, str]:
    # TODO (milestone 12): take the service (service: ServiceDep) and call
    # service.check_storage(); on StorageUnavailable answer 503 with
    # {"status": "unavailable", "detail": ...} (CONTRACT.md section 12).
    return {"status": "ok"}


@router.post("/users")
def create_user(service: ServiceDep, body: JsonBody) -> JSONResponse:
    data = UserCreate.model_validate(body)
    user, api_key = service.create_user(data.name)
    return JSONResponse(user_json(user, api_key), status_code=201)


@router.post("/tasks")
def create_task(user: CurrentUser, body: JsonBody, service: ServiceDep) -> JSONResponse:
    data = TaskCreate.model_validate(body)
    task = service.create_task(user, NewTask(**data.model_dump()))
    # TODO (milestone 7): add the ETag header.
    # Milestone 9: an optional Idempotency-Key header (a parameter like
    # ``idempotency_key: Annotated[str | None, Header()] = None``) sends the
    # create through service.create_task_once, with a hash of the body.
    return JSONResponse(task_json(task), status_code=201, headers={"Location": f"/tasks/{task.id}"})


@router.get("/tasks")
def list_tasks(request: Request, user: CurrentUser, service: ServiceDep) -> Response:
    """CONTRACT.md section 6. request.query_params holds the query string."""
    # TODO (milestone 5): ListParams from the query, service.list_tasks, then
    # {"items", "total", "limit", "offset", "next"}.
    # Milestone 8: encode the body yourself (json.dumps(...).encode()), send it
    # with the ETag from list_etag(), and answer 304 to a matching If-None-Match.
    # Milestone 10: pass the cursor on, and build next from page.next_cursor.
    raise NotImplementedError("GET /tasks")


def list_etag(content: bytes) -> str | None:
    """The ETag of a list answer whose body is ``content`` (CONTRACT.md section 9, stretch A).

    It must change whenever the body would change: a hash of the very bytes
    you send (hashlib.sha256) can never be stale. None: no ETag yet.
    """
    # TODO (milestone 8): a quoted string like '"list-3f2a..."', never like a task's '"3"'.
    return None


# "{task_id:int}" only matches digits, so /tasks/abc is an unknown route (404).
@router.get("/tasks/{task_id:int}")
def get_task(task_id: int, user: CurrentUser, service: ServiceDep) -> Response:
    task = service.get_task(user, task_id)
    # TODO (milestone 7): ETag header, and 304 for a matching If-None-Match.
    return JSONResponse(task_json(task))


@router.patch("/tasks/{task_id:int}")
def update_task(task_id: int, user: CurrentUser, body: JsonBody, service: ServiceDep) -> Response:
    """CONTRACT.md section 4, PATCH."""
    # TODO (milestone 3): validate with TaskPatch, call service.update_task
    # with the version from the If-Match header (add a parameter like
    # ``if_match: Annotated[str | None, Header()] = None``), return the task.
    # Milestone 6: 428 without If-Match; milestone 7: the new ETag.
    raise NotImplementedError("PATCH /tasks/{id}")


@router.delete("/tasks/{task_id:int}")
def delete_task(task_id: int, user: CurrentUser, service: ServiceDep) -> Response:
    # TODO (milestone 3): 204 with an empty body: Response(status_code=204).
    raise NotImplementedError("DELETE /tasks/{id}")


# -- milestone 11: background jobs ---------------------------------------------


def get_jobs(request: Request) -> JobService:
    jobs: JobService = request.app.state.jobs
    return jobs


JobsDep = Annotated[JobService, Depends(get_jobs)]


@router.post("/exports")
def create_export(user: CurrentUser, body: JsonBody, jobs: JobsDep) -> JSONResponse:
    """CONTRACT.md section 12: 202, the job, and ``Location: /jobs/<id>``."""
    # TODO (milestone 11): validate with schemas.ExportCreate, call
    # jobs.start_export, answer with schemas.job_json(job).
    raise NotImplementedError("POST /exports")


@router.get("/jobs/{job_id:int}")
def get_job(job_id: int, user: CurrentUser, jobs: JobsDep) -> JSONResponse:
    # TODO (milestone 11): the job as job_json, with Cache-Control: no-store.
    raise NotImplementedError("GET /jobs/{id}")
