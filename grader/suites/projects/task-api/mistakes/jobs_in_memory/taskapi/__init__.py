"""Mistake: jobs are kept in a dict in memory: a restart loses them, and a second server never sees them.

Hint: Store jobs in a SQLite table in the database file: a job accepted before a restart must still
be there, and be run, after it.

Everything else is right: one lock makes each step atomic within one
server. Only job_store.py differs from the reference solution.

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
