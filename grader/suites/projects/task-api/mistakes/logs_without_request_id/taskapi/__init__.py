"""Mistake: the middleware makes a request id and echoes it, but never puts it where log lines can see it.

Hint: Set the request id in the contextvars.ContextVar the formatter reads (current_request_id.set(...)
in the middleware), so every log line about a request carries its id.

The response says X-Request-ID: abc, and its log line says request_id null:
nobody can find the request a user complains about. Only logs.py differs
from the reference solution.

Read the modules in this order; each one only knows about the ones after it:

* ``__main__.py``  starts the server (``python -m taskapi --db tasks.db``)
* ``routes.py``    HTTP: requests in, responses out, nothing else
* ``errors.py``    the one place that turns failures into problem responses
* ``schemas.py``   the shape of requests and responses, checked at the edge
* ``service.py``   the rules: users, tasks, versions, duplicates, pages
* ``repository.py`` storage: the only code that speaks SQL
* ``jobs.py``      background jobs and the workers that run them (milestone 11)
* ``job_store.py`` the jobs table: the only SQL about jobs
"""
