"""Mistake: a failed attempt is retried at once, without waiting.

Hint: Retry later, not at once: set run_after to now plus backoff_delay(attempts), a wait that
doubles with each failed attempt (0.25 s, then 0.5 s).

Only jobs.py differs from the reference solution (JobService._failed):
the job is put back in the queue due immediately.

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
