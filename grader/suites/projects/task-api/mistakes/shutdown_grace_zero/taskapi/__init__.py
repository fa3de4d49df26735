"""Mistake: the shutdown grace is 0 seconds, so SIGTERM cancels the requests in flight.

Hint: On SIGTERM, let requests in flight finish: give uvicorn a shutdown grace of a few seconds
(timeout_graceful_shutdown, TASKAPI_SHUTDOWN_GRACE), not 0.

"Stop at once" sounds tidy, but a request the server has already started
then gets no answer at all. Only config.py differs from the reference solution.

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
