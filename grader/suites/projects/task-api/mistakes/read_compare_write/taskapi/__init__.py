"""Mistake: PATCH reads the version, compares it in Python, then writes with UPDATE ... WHERE id = ?.

Hint: Compare and write in one statement: UPDATE ... SET version = version + 1 WHERE id = ? AND
version = ?, then look at the row count.

Two simultaneous PATCHes with the same If-Match can both pass the check
before either write lands, so both succeed and one silently overwrites the
other (a lost update). Only repository.py differs from the reference solution.

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
