"""Mistake: the error handler maps every domain error but TaskNotFound, so a missing task answers 500.

The repository looks tasks up by id and owner correctly; only errors.py
differs from the reference solution.

Hint: Your repository raises TaskNotFound, but no error handler turns it into a response: map it
to a 404 problem (type not-found, title Not Found) beside the other domain errors.

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
