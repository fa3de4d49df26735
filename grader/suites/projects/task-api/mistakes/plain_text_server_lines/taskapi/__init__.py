"""Mistake: only the taskapi loggers write JSON; uvicorn's own lines stay plain text.

Hint: Every line must be JSON, uvicorn's too: give its loggers ("uvicorn", "uvicorn.error") no handler of
their own and let them propagate to the root's JSON handler.

A log collector that parses lines as JSON then chokes on "INFO: Started
server process". Only logs.py differs from the reference solution.

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
