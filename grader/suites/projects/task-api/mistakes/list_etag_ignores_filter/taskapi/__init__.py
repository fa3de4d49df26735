"""Mistake: the list ETag comes from the user's whole collection, ignoring the request's filter and page.

Hint: Your list ETag stays the same when the filter or the page changes, so one list's ETag can earn a
304 for another: compute it from the very body you send (a hash of its bytes), not from the user's
tasks as a whole.

It does change whenever a task is created, changed or deleted, so a client
repeating one request never sees stale data; only a different request with
an old ETag does. Only routes.py differs from the reference solution.

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
